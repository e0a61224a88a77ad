// view/read-marks-view.js — Where I am in a room: "Mark as unread" among a message's actions (`unread`: my read marker goes back to just before it, on every device), and "Jump to a date" in the room's options (`history` with `at`: the server finds the first message on or after that day, which then opens in context).

import { h } from '../dom.js';
import { jumpToMessage } from '../jump.js';
import { addSheetItems } from './action-sheet.js';
import { addToolbarButtons } from './message-toolbar.js';
import { t } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';

const UNREAD_ICON = ['M4 6h16v12H4z', 'm4 7 8 6 8-6'];

/** Midnight at the start of a `yyyy-mm-dd` day, in this device's time zone (ms), or null. */
export function startOfDay(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  if (!m) return null;
  const t = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
  return Number.isFinite(t) ? t : null;
}

export class ReadMarksView {
  /** `app`: { state, conn, sync, actions, toast }. */
  constructor(app) {
    this.app = app;
    const items = (msg, room) => [{ action: 'unread', label: t('marks.unread'), icon: UNREAD_ICON, run: () => this.unread(room, msg.seq) }];
    addSheetItems(items);
    addToolbarButtons((msg) => items(msg, app.state.current));
    this.date = h('input', { type: 'date', id: 'jump-date', 'data-testid': 'jump-date', 'aria-label': t('marks.day') });
    this.status = h('p', { class: 'hint', role: 'status', 'data-testid': 'jump-status' });
    this.go = h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'data-testid': 'jump-go', onclick: () => this.jump() }, t('marks.go'));
    /** The room options' section (view/room-menu.js shows it). */
    this.section = h('div', { class: 'jump-date' },
      h('h3', { class: 'field-label' }, h('label', { for: 'jump-date' }, t('marks.jump'))),
      h('div', { class: 'jump-row' }, this.date, this.go), this.status);
  }

  async unread(room, seq) {
    try {
      await this.app.conn.request({ type: 'unread', room, seq });
      this.app.toast(t('marks.unread-done'));
    } catch (err) {
      this.app.toast(errorSentence(err, 'marks.unread-failed'), { error: true });
    }
  }

  async jump() {
    const { state, conn } = this.app;
    const room = state.current;
    const at = startOfDay(this.date.value);
    if (!room || at == null) { this.status.textContent = t('marks.choose-day'); return; }
    this.status.textContent = t('marks.looking');
    try {
      const reply = await conn.request({ type: 'history', room, at, limit: 1 });
      if (!Number.isInteger(reply?.target)) { this.status.textContent = t('marks.nothing'); return; }
      this.status.textContent = '';
      this.section.closest('dialog')?.close();
      await jumpToMessage(this.app, room, reply.target);
    } catch (err) {
      this.status.textContent = errorSentence(err, 'marks.failed');
    }
  }
}
