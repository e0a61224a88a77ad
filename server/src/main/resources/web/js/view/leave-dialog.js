// view/leave-dialog.js — Leaving a room asks first (Escape or Cancel keeps it); once left, focus goes to the composer of the room shown next (or Browse rooms), never to another Leave button.

import { h, $ } from '../dom.js';
import { setupDialog, openDialog } from './dialogs.js';
import { t, tParts } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';

/** `actions` leaves; the dialog itself says why it could not. */
export class LeaveDialog {
  constructor({ actions }) {
    this.actions = actions;
    /** The <dialog>, built when first wanted. */
    this.dialog = null;
  }

  /** Asks before leaving `room` (a room name). */
  confirm(room) {
    const dialog = this.dialog ?? this.build();
    dialog.querySelector('.leave-where').textContent = `#${room}`;
    dialog.querySelector('.leave-confirm').textContent = t('leave.confirm-room', { room: `#${room}` });
    dialog.querySelector('.form-error').textContent = '';
    dialog.target = room;
    openDialog(dialog, '.leave-confirm');
  }

  build() {
    const error = h('p', { class: 'form-error', role: 'alert' });
    const confirm = h('button', { type: 'submit', class: 'btn btn-danger leave-confirm', 'data-testid': 'leave-confirm' }, t('leave.confirm'));
    const form = h('form', { method: 'dialog', class: 'dialog-body', novalidate: true },
      h('h2', { id: 'leave-title' }, t('leave.title')),
      h('p', { class: 'hint' }, ...tParts('leave.hint', { room: h('span', { class: 'leave-where' }) })),
      error,
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'btn btn-ghost', 'data-action': 'cancel', 'data-testid': 'leave-cancel' }, t('common.cancel')),
        confirm));
    const dialog = setupDialog(h('dialog', { class: 'dialog', 'data-testid': 'leave-dialog', 'aria-labelledby': 'leave-title' }, form));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      confirm.disabled = true;
      try {
        await this.actions.leaveRoom(dialog.target);
        dialog.close('left');
        // Somewhere harmless: what we can type into next, not another Leave.
        const composer = $('#composer-input');
        if (composer && !composer.disabled && composer.offsetParent) composer.focus();
        else $('#empty-browse')?.focus();
      } catch (err) {
        error.textContent = err?.code === 'disconnected' || err?.code === 'timeout'
          ? t('leave.failed-offline')
          : t('leave.failed', { reason: errorSentence(err, null) });
      } finally {
        confirm.disabled = false;
      }
    });
    document.body.append(dialog);
    this.dialog = dialog;
    return dialog;
  }
}
