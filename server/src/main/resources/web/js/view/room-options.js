// view/room-options.js — The room header's "Options" (on a phone, in the Room actions sheet): what I am notified of in this room (`notify`, kept by the server so every device obeys it; the Notifier asks `levelOf`), and the date to jump to in its history (view/read-marks-view.js; jump.js opens what it finds).

import { $, h } from '../dom.js';
import { isDirect } from '../direct.js';
import { LEVELS, levelLabel } from '../notify-level.js';
import { setupDialog, openDialog } from './dialogs.js';
import { t } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';


export class RoomOptions {
  /** `app`: { state, conn, toast, notifier }; `extra`: sections other features add to the dialog. */
  constructor(app, extra = []) {
    this.app = app;
    const { state, conn, notifier } = app;
    /** The level I chose per room (absent: the default), as the server said. */
    this.levels = new Map();
    this.button = h('button', {
      type: 'button', class: 'btn btn-ghost btn-small room-options-button', id: 'room-options-button', 'data-testid': 'room-options-button',
      title: t('roomopts.button-title'), 'aria-haspopup': 'dialog', onclick: () => this.open(),
    }, t('roomopts.button'));
    $('#leave-button').after(this.button);
    this.choices = h('div', { class: 'notify-choices', role: 'radiogroup', 'aria-labelledby': 'notify-heading' });
    this.status = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'notify-error' });
    this.dialog = setupDialog(h('dialog', { class: 'dialog marks-dialog', id: 'room-options', 'data-testid': 'room-options', 'aria-labelledby': 'room-options-title' },
      h('div', { class: 'dialog-body' },
        this.title = h('h2', { id: 'room-options-title' }, t('roomopts.title')),
        h('h3', { class: 'field-label', id: 'notify-heading' }, t('roomopts.notify-heading')),
        this.choices, this.status,
        ...extra,
        h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'cancel' }, t('page.done'))))));
    document.body.append(this.dialog);
    if (notifier) notifier.levelOf = (room) => this.levels.get(room);
    conn.addEventListener('welcome', (e) => {
      this.levels.clear();
      for (const r of e.detail?.rooms ?? []) if (LEVELS.includes(r?.notify)) this.levels.set(r.name, r.notify);
      if (this.dialog.open) this.render(); // changed on another device while this one was away
    });
    conn.addEventListener('frame', (e) => {
      const f = e.detail;
      if (f.type !== 'notify' || typeof f.room !== 'string' || !LEVELS.includes(f.level)) return;
      this.levels.set(f.room, f.level);
      if (this.dialog.open) this.render();
    });
    this.state = state;
  }

  open() {
    if (!this.state.currentRoom()) return;
    this.status.textContent = '';
    this.render();
    openDialog(this.dialog, 'input:checked');
  }

  render() {
    const room = this.state.current;
    const level = this.levels.get(room);
    this.title.textContent = isDirect(room) ? t('roomopts.title-direct') : t('roomopts.title-room', { room });
    const options = level ? LEVELS : [undefined, ...LEVELS];
    this.choices.replaceChildren(...options.map((l) => h('label', { class: 'room-flag' },
      h('input', {
        type: 'radio', name: 'notify-level', value: l ?? '', checked: l === level, 'data-testid': `notify-${l ?? 'default'}`,
        onchange: () => { if (l) this.set(room, l); },
      }),
      h('span', null, levelLabel(l, isDirect(room))))));
  }

  async set(room, level) {
    try {
      await this.app.conn.request({ type: 'notify', room, level });
      this.levels.set(room, level);
      this.status.textContent = '';
    } catch (err) {
      this.status.textContent = errorSentence(err, 'roomopts.failed');
    }
    if (this.dialog.open) this.render();
  }
}
