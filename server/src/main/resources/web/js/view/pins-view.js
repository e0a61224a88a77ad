// view/pins-view.js — A room's pinned messages: "Pinned · n" in the room header opens the list (click one: it opens in context), Pin and Unpin among a message's actions, and the words "a message" of a pin notice open the message pinned. The list is the server's (`pins`), asked again when the open room changes, after a reconnect and when a pin notice arrives.

import { $, h, icon } from '../dom.js';
import { dayLabel, formatTime, formatFull, excerpt } from '../format.js';
import { mayPost } from '../room-rules.js';
import { TOPIC } from '../topics.js';
import { jumpToMessage } from '../jump.js';
import { setupDialog, openDialog } from './dialogs.js';
import { addSheetItems } from './action-sheet.js';
import { addToolbarButtons, refreshToolbars } from './message-toolbar.js';
import { t } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';

const PIN_ICON = ['M9 4h6l-1 6 4 4H6l4-4z', 'M12 14v6'];

export class PinsView {
  /** `app`: { state, conn, sync, actions, toast }. */
  constructor(app) {
    this.app = app;
    const { state, conn } = app;
    /** Pinned messages per room, most recently pinned first, as the server last said. */
    this.byRoom = new Map();
    this.shownRoom = null;
    this.button = h('button', {
      type: 'button', class: 'btn btn-ghost btn-small pins-button', id: 'pins-button', 'data-testid': 'pins-button',
      'aria-haspopup': 'dialog', hidden: true, title: t('pins.title'), onclick: () => this.open(),
    });
    $('#room-members').before(this.button);
    this.dialog = setupDialog(h('dialog', { class: 'dialog marks-dialog', id: 'pins-dialog', 'data-testid': 'pins-dialog', 'aria-labelledby': 'pins-title' },
      h('div', { class: 'dialog-body' },
        h('h2', { id: 'pins-title' }, t('pins.title')),
        this.list = h('ul', { class: 'marks-list', 'data-testid': 'pins-list' }),
        h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'cancel' }, t('page.done'))))));
    document.body.append(this.dialog);

    const follow = () => { if (state.current !== this.shownRoom) { this.shownRoom = state.current; this.load(state.current); } };
    state.on(TOPIC.LOG, follow);
    state.on(TOPIC.ROOMS, () => { follow(); this.render(); });
    conn.addEventListener('welcome', () => setTimeout(() => this.load(state.current), 0));
    conn.addEventListener('frame', (e) => {
      const f = e.detail;
      if (f.type === 'notice' && f.event === 'pin' && f.room === state.current) this.load(f.room);
    });
    $('#message-list')?.addEventListener('click', (e) => {
      const target = e.target.closest?.('.pin-target');
      if (target) jumpToMessage(app, state.current, Number(target.dataset.target));
    });
    addSheetItems((msg, room) => this.sheetItems(msg, room));
    addToolbarButtons((msg) => this.sheetItems(msg, state.current));
  }

  pinned(room, seq) {
    return (this.byRoom.get(room) ?? []).some((m) => m.seq === seq);
  }

  sheetItems(msg, room) {
    const r = this.app.state.room(room);
    if (!r || !mayPost(r, this.app.state.me)) return [];
    const on = !this.pinned(room, msg.seq);
    return [{ action: on ? 'pin' : 'unpin', label: on ? t('pins.pin') : t('pins.unpin'), icon: PIN_ICON, run: () => this.pin(room, msg.seq, on) }];
  }

  async pin(room, seq, on) {
    try {
      await this.app.conn.request({ type: 'pin', room, seq, on });
      this.app.toast(on ? t('pins.pinned') : t('pins.unpinned'));
    } catch (err) {
      this.app.toast(errorSentence(err, on ? 'pins.pin-failed' : 'pins.unpin-failed'), { error: true });
    }
  }

  async load(room) {
    if (!room || !this.app.conn.ready || room.startsWith?.('archive:')) { this.render(); return; }
    try {
      const reply = await this.app.conn.request({ type: 'pins', room });
      this.byRoom.set(room, Array.isArray(reply?.events) ? reply.events : []);
      refreshToolbars();
    } catch {
      // not a member any more, offline: keep what was known
    }
    this.render();
  }

  render() {
    const room = this.app.state.current;
    const pins = this.byRoom.get(room) ?? [];
    this.button.hidden = !this.app.state.currentRoom() || pins.length === 0;
    this.button.replaceChildren(icon(PIN_ICON), t('pins.button', { n: pins.length }));
    this.button.setAttribute('aria-label', t('pins.button-label', { count: pins.length }));
    if (this.dialog.open) this.renderList();
  }

  open() {
    this.renderList();
    openDialog(this.dialog, '.marks-item button');
  }

  renderList() {
    const room = this.app.state.current;
    const pins = this.byRoom.get(room) ?? [];
    const may = mayPost(this.app.state.currentRoom(), this.app.state.me);
    this.list.replaceChildren(...(pins.length ? pins.map((m) => h('li', { class: 'marks-item' },
      h('button', {
        type: 'button', class: 'marks-open', 'data-testid': 'pin-item', dataset: { seq: m.seq },
        onclick: () => { this.dialog.close(); jumpToMessage(this.app, room, m.seq); },
      },
      h('span', { class: 'marks-meta' },
        h('strong', null, this.app.state.people.current(m.from)?.nick ?? m.from?.nick ?? ''),
        h('time', { datetime: new Date(m.ts).toISOString(), title: formatFull(m.ts) }, `${dayLabel(m.ts)} ${formatTime(m.ts)}`)),
      h('span', { class: 'marks-text' }, excerpt(m))),
      may ? h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'data-testid': 'pin-item-unpin', onclick: () => this.pin(room, m.seq, false) }, t('pins.unpin')) : null))
      : [h('li', { class: 'marks-empty' }, t('pins.empty'))]));
  }
}
