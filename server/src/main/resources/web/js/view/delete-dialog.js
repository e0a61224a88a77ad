// view/delete-dialog.js — Deleting a message asks first: the dialog shows what goes and where, sends the delete, and says why when it could not.

import { h } from '../dom.js';
import { isDirect } from '../direct.js';
import { setupDialog, openDialog } from './dialogs.js';
import { t, tParts } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';

/**
 * `changes` sends the delete; `editor` (the inline MessageEditor) closes if it was editing the
 * message deleted; `onDeleted(seq)` then puts the focus where the person goes next.
 */
/** Each dialog's title has an id of its own (the room's list and a thread's panel each have one). */
let dialogs = 0;

export class DeleteDialog {
  constructor({ state, changes, editor, onDeleted, find = (room, seq) => state.room(room)?.bySeq.get(seq) }) {
    Object.assign(this, { state, changes, editor, onDeleted, find });
    /** The <dialog>, built when first wanted. */
    this.dialog = null;
  }

  /** Asks before deleting message `seq` of `room` (a room name). */
  confirm(room, seq) {
    const msg = this.find(room, seq);
    if (!msg || msg.deleted) return;
    const dialog = this.dialog ?? this.build();
    dialog.querySelector('.delete-where').textContent = isDirect(room) ? t('delete.this-conversation') : `#${room}`;
    dialog.querySelector('.delete-preview').textContent = msg.text ?? '';
    // A moderator deleting someone else's message: whose it is, and that they will see who did.
    const theirs = msg.from?.id && msg.from.id !== this.state.me?.id ? this.state.people.nick(msg.from.id) ?? msg.from.nick : null;
    dialog.querySelector('.delete-title').textContent = theirs ? t('delete.title-theirs', { nick: theirs }) : t('delete.title');
    dialog.querySelector('.form-error').textContent = '';
    dialog.target = { room, seq };
    openDialog(dialog, '.delete-confirm');
  }

  build() {
    const error = h('p', { class: 'form-error', role: 'alert' });
    const confirm = h('button', { type: 'submit', class: 'btn btn-danger delete-confirm', 'data-testid': 'delete-confirm' }, t('delete.confirm'));
    const form = h('form', { method: 'dialog', class: 'dialog-body', novalidate: true },
      h('h2', { id: `delete-title-${++dialogs}`, class: 'delete-title' }, t('delete.title')),
      h('p', { class: 'hint' }, ...tParts('delete.hint', { where: h('span', { class: 'delete-where' }) })),
      h('blockquote', { class: 'delete-preview', dir: 'auto' }),
      error,
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'btn btn-ghost', 'data-action': 'cancel' }, t('common.cancel')),
        confirm));
    const dialog = setupDialog(h('dialog', { class: 'dialog', 'data-testid': 'delete-dialog', 'aria-labelledby': `delete-title-${dialogs}` }, form));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const { room, seq } = dialog.target;
      confirm.disabled = true;
      try {
        await this.changes.remove(room, seq);
        dialog.close('deleted');
        if (this.editor.isEditing(seq)) this.editor.close(true);
        if (room === this.state.current) this.onDeleted(seq);
      } catch (err) {
        error.textContent = err?.code === 'disconnected' || err?.code === 'timeout'
          ? t('delete.failed-offline')
          : t('delete.failed', { reason: errorSentence(err, null) });
      } finally {
        confirm.disabled = false;
      }
    });
    document.body.append(dialog);
    this.dialog = dialog;
    return dialog;
  }
}
