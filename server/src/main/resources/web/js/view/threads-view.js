// view/threads-view.js — "Threads" (the speech-bubbles button beside Saved messages, with a badge of the threads with unread replies): the threads I started, replied in or am mentioned in, across my rooms, newest reply first, each with its room, the root's first words, its reply count, when it last got a reply and how many replies I have not read. A click opens the thread. Reading a thread in its panel (threads.js says `thread-seen`) moves my marker in it (`read` with `thread`), which the server keeps and tells every device of mine. The counts: thread-unread.js.

import { $, h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { ago, countLabel, excerpt, formatFull } from '../format.js';
import { roomLabel } from '../direct.js';
import { takesPart } from '../thread-rules.js';
import { mentionsById } from '../mention-ids.js';
import { ThreadUnread } from '../thread-unread.js';
import { setupDialog, openDialog } from './dialogs.js';

const THREADS_ICON = ['M4 5h16v10H9l-4 4v-4H4z', 'M8 9h8M8 12h5'];
/** Threads a page asks for. */
const PAGE = 30;

export class ThreadsView {
  /** `app`: { state, conn, actions, toast }. */
  constructor(app) {
    this.app = app;
    const { state, conn } = app;
    this.unread = new ThreadUnread();
    this.items = [];
    this.next = null;
    this.loaded = false;
    this.badge = h('span', { class: 'toggle-badge', 'data-testid': 'threads-badge', hidden: true, 'aria-hidden': 'true' });
    this.button = h('button', {
      type: 'button', class: 'icon-btn small threads-button', id: 'threads-button', 'data-testid': 'threads-button',
      'aria-label': t('threads.button'), title: t('threads.button'), 'aria-haspopup': 'dialog', onclick: () => this.open(),
    }, icon(THREADS_ICON), this.badge);
    $('#browse-button').before(this.button); // after Saved messages (marks.js runs first)
    this.more = h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'data-testid': 'threads-more', hidden: true, onclick: () => this.load(true) }, t('threads.more'));
    this.dialog = setupDialog(h('dialog', { class: 'dialog marks-dialog', id: 'threads-dialog', 'data-testid': 'threads-dialog', 'aria-labelledby': 'threads-title' },
      h('div', { class: 'dialog-body' },
        h('h2', { id: 'threads-title' }, t('threads.button')),
        h('p', { class: 'hint' }, t('threads.hint')),
        this.list = h('ul', { class: 'marks-list', 'data-testid': 'threads-list' }),
        this.more,
        h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'cancel' }, t('page.done'))))));
    document.body.append(this.dialog);

    // After every welcome (a reconnect too): my markers may have moved on another device meanwhile.
    conn.addEventListener('welcome', () => setTimeout(() => this.load(), 0));
    conn.addEventListener('frame', (e) => this.frame(e.detail));
    document.addEventListener('thread-seen', (e) => this.seen(e.detail));
  }

  frame(f) {
    if (f?.type === 'read' && f.thread != null && typeof f.room === 'string' && Number.isInteger(f.seq)) {
      this.unread.read(f.room, f.thread, f.seq);
      this.changed();
    } else if (f?.type === 'message' && f.thread != null && typeof f.room === 'string') {
      const { state } = this.app;
      const me = state.me?.id;
      const room = state.room(f.room);
      if (!room || !me || f.from?.id === me) return;
      const mine = takesPart(room, f, me) || mentionsById(f, me) === true;
      if (this.unread.reply(f, mine)) this.changed();
    }
  }

  /** The thread panel shows thread `root` of `room` up to reply `seq`: my marker moves there. */
  seen({ room, root, seq }) {
    if (!(seq > this.unread.readSeq(room, root))) return;
    this.unread.read(room, root, seq);
    this.app.conn.send({ type: 'read', room, seq, thread: root });
    this.changed();
  }

  changed() {
    const n = this.unread.total();
    this.badge.hidden = n === 0;
    this.badge.textContent = n ? countLabel(n) : '';
    this.button.setAttribute('aria-label', n ? t('threads.button-unread', { count: n }) : t('threads.button'));
    if (this.dialog.open) this.render();
  }

  /** The first page (or, with `more`, the next one). */
  async load(more = false) {
    if (!this.app.conn.ready) return;
    try {
      const reply = await this.app.conn.request({ type: 'threads', limit: PAGE, ...(more && this.next ? { after: this.next } : {}) });
      const items = Array.isArray(reply?.items) ? reply.items.filter((item) => typeof item?.room === 'string' && item.root) : [];
      if (more) { this.items = [...this.items, ...items]; this.unread.more(reply); } else { this.items = items; this.unread.loaded(reply); }
      this.next = typeof reply?.next === 'string' ? reply.next : null;
      this.loaded = true;
    } catch {
      return; // offline: keep what was known
    }
    this.changed();
  }

  open() {
    this.render();
    openDialog(this.dialog, '.marks-open');
    this.load(); // the replies and times the list shows may have moved since it was loaded
  }

  /** Opens the thread: its room, then its panel (threads.js). */
  show(item) {
    const { state, actions, toast } = this.app;
    this.dialog.close();
    if (!state.room(item.room)) { toast(t('threads.room-gone'), { error: true }); return; }
    if (state.current !== item.room) actions.openRoom(item.room);
    document.dispatchEvent(new CustomEvent('open-thread', { detail: { room: item.room, root: item.root.seq, seq: null } }));
  }

  render() {
    const { state } = this.app;
    this.more.hidden = !this.next;
    if (!this.items.length) {
      this.list.replaceChildren(h('li', { class: 'marks-empty' }, this.loaded ? t('threads.empty') : t('common.loading')));
      return;
    }
    this.list.replaceChildren(...this.items.map((item) => {
      const m = item.root;
      const replies = m.replies ?? {};
      const n = this.unread.unread(item.room, m.seq);
      const count = replies.count ?? 0;
      return h('li', { class: 'marks-item threads-item' },
        h('button', {
          type: 'button', class: 'marks-open', 'data-testid': 'threads-item', dataset: { room: item.room, seq: m.seq },
          onclick: () => this.show(item),
        },
        h('span', { class: 'marks-meta' },
          h('span', { class: 'marks-where' }, roomLabel(state, state.room(item.room)) || item.room),
          h('strong', null, state.people.current(m.from)?.nick ?? m.from?.nick ?? '')),
        h('span', { class: 'marks-text' }, m.deleted ? t('threads.root-deleted') : excerpt(m)),
        h('span', { class: 'marks-meta threads-line' },
          h('span', null, t('threads.replies', { count })),
          replies.lastTs ? h('time', { datetime: new Date(replies.lastTs).toISOString(), title: formatFull(replies.lastTs) }, t('threads.last', { ago: ago(replies.lastTs) })) : null,
          n ? h('span', { class: 'unread-badge threads-unread', 'data-testid': 'threads-unread' }, t('threads.unread', { count: countLabel(n) })) : null)));
    }));
  }
}
