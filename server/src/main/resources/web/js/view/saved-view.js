// view/saved-view.js — Saved messages, a person's own bookmarks across rooms: Save and Unsave among a message's actions, and "Saved messages" (the bookmark button over the room list) listing them newest first, the same on every device; a click opens the message in its room, in context. The server keeps the list (`saved`), and tells every connection of mine of each change (`saved` {room, seq, on}).

import { $, h, icon } from '../dom.js';
import { dayLabel, formatTime, formatFull, excerpt } from '../format.js';
import { roomLabel } from '../direct.js';
import { jumpToMessage } from '../jump.js';
import { setupDialog, openDialog } from './dialogs.js';
import { addSheetItems } from './action-sheet.js';
import { addToolbarButtons, refreshToolbars } from './message-toolbar.js';
import { t } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';

const SAVE_ICON = ['M6 3h12v18l-6-4-6 4z'];

const key = (room, seq) => `${room}\u0000${seq}`;

export class SavedView {
  /** `app`: { state, conn, sync, actions, toast }. */
  constructor(app) {
    this.app = app;
    const { state, conn } = app;
    /** What I saved, as room+seq keys; and the list the server last gave, newest first. */
    this.keys = new Set();
    this.items = [];
    this.button = h('button', {
      type: 'button', class: 'icon-btn small', id: 'saved-button', 'data-testid': 'saved-button',
      'aria-label': t('saved.title'), title: t('saved.title'), 'aria-haspopup': 'dialog', onclick: () => this.open(),
    }, icon(SAVE_ICON));
    $('#browse-button').before(this.button);
    this.dialog = setupDialog(h('dialog', { class: 'dialog marks-dialog', id: 'saved-dialog', 'data-testid': 'saved-dialog', 'aria-labelledby': 'saved-title' },
      h('div', { class: 'dialog-body' },
        h('h2', { id: 'saved-title' }, t('saved.title')),
        h('p', { class: 'hint' }, t('saved.hint')),
        this.list = h('ul', { class: 'marks-list', 'data-testid': 'saved-list' }),
        h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'cancel' }, t('page.done'))))));
    document.body.append(this.dialog);

    conn.addEventListener('welcome', () => setTimeout(() => this.load(), 0));
    conn.addEventListener('frame', (e) => {
      const f = e.detail;
      if (f.type !== 'saved' || typeof f.room !== 'string') return;
      if (f.on) this.keys.add(key(f.room, f.seq)); else this.keys.delete(key(f.room, f.seq));
      refreshToolbars();
      this.load();
    });
    const items = (msg, room) => {
      const on = !this.keys.has(key(room, msg.seq));
      return [{ action: on ? 'save' : 'unsave', label: on ? t('saved.save') : t('saved.unsave'), icon: SAVE_ICON, run: () => this.save(room, msg.seq, on) }];
    };
    addSheetItems(items);
    addToolbarButtons((msg) => items(msg, state.current));
  }

  async save(room, seq, on) {
    try {
      await this.app.conn.request({ type: 'save', room, seq, on });
      this.app.toast(on ? t('saved.saved') : t('saved.removed'));
    } catch (err) {
      this.app.toast(errorSentence(err, 'saved.failed'), { error: true });
    }
  }

  async load() {
    if (!this.app.conn.ready) return;
    try {
      const reply = await this.app.conn.request({ type: 'saved' });
      this.items = Array.isArray(reply?.items) ? reply.items : [];
      this.keys = new Set(this.items.map((i) => key(i.room, i.seq)));
      refreshToolbars();
    } catch {
      return; // offline: keep what was known
    }
    if (this.dialog.open) this.render();
  }

  open() {
    this.render();
    openDialog(this.dialog, '.marks-open');
    this.load();
  }

  render() {
    const { state } = this.app;
    this.list.replaceChildren(...(this.items.length ? this.items.map((i) => {
      const m = i.message ?? {};
      return h('li', { class: 'marks-item' },
        h('button', {
          type: 'button', class: 'marks-open', 'data-testid': 'saved-item', dataset: { room: i.room, seq: i.seq },
          onclick: () => { this.dialog.close(); jumpToMessage(this.app, i.room, i.seq); },
        },
        h('span', { class: 'marks-meta' },
          h('span', { class: 'marks-where' }, roomLabel(state, state.room(i.room)) || i.room),
          h('strong', null, state.people.current(m.from)?.nick ?? m.from?.nick ?? ''),
          m.ts ? h('time', { datetime: new Date(m.ts).toISOString(), title: formatFull(m.ts) }, `${dayLabel(m.ts)} ${formatTime(m.ts)}`) : null),
        h('span', { class: 'marks-text' }, excerpt(m))),
        h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'data-testid': 'saved-item-remove', onclick: () => this.save(i.room, i.seq, false) }, t('saved.remove')));
    }) : [h('li', { class: 'marks-empty' }, t('saved.empty'))]));
  }
}
