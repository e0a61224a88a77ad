// view/room-settings-dialog.js — "Room settings" from the room header, for the room's owner and server administrators: its topic, Private and Read-only, saved as one `settings` frame with what changed.

import { $ } from '../dom.js';
import { t } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';
import { canEditSettings, settingsFrame } from '../room-rules.js';
import { setupDialog, openDialog } from './dialogs.js';

/** What the server's refusal means to the owner, in the dialog. */
function problem(err) {
  if (err?.code === 'forbidden') return t('room-settings.forbidden');
  if (err?.code === 'disconnected' || err?.code === 'timeout') return t('room-settings.offline');
  if (err?.code === 'too_long') return t('room-settings.too-long');
  return errorSentence(err, 'room-settings.failed');
}

export class RoomSettingsDialog {
  constructor({ state, conn }) {
    this.state = state;
    this.conn = conn;
    this.button = $('#room-settings-button');
    this.dialog = setupDialog($('#room-settings-dialog'));
    this.form = this.dialog.querySelector('form');
    this.roomLine = $('#room-settings-room');
    this.topic = $('#room-settings-topic');
    this.private = $('#room-settings-private');
    this.readOnly = $('#room-settings-readonly');
    this.error = $('#room-settings-error');
    this.save = $('#room-settings-save');
    /** The room the open dialog edits (the open room may change under it). */
    this.room = null;
    this.button.addEventListener('click', () => this.open());
    this.form.addEventListener('submit', (e) => { e.preventDefault(); this.submit(); });
    for (const box of [this.topic, this.private, this.readOnly]) box.addEventListener('input', () => { this.error.textContent = ''; });
  }

  /** The header button: the owner of the open public room, or an administrator. */
  render() {
    this.button.hidden = !canEditSettings(this.state.currentRoom(), this.state.me);
  }

  open() {
    const room = this.state.currentRoom();
    if (!canEditSettings(room, this.state.me)) return;
    this.room = room.name;
    this.roomLine.textContent = `#${room.name}`;
    this.topic.value = room.topic ?? '';
    this.private.checked = Boolean(room.isPrivate);
    this.readOnly.checked = Boolean(room.readOnly);
    this.error.textContent = '';
    this.save.disabled = false;
    openDialog(this.dialog, '#room-settings-topic');
  }

  async submit() {
    const room = this.state.room(this.room);
    if (!room) { this.error.textContent = t('room-settings.gone'); return; }
    const frame = settingsFrame(room, { topic: this.topic.value, private: this.private.checked, readOnly: this.readOnly.checked });
    if (!frame) { this.dialog.close(); return; }
    this.save.disabled = true;
    try {
      // The header, the directory and the composer follow the `room` frame the server sends to the members.
      await this.conn.request(frame);
      this.dialog.close();
    } catch (err) {
      this.error.textContent = problem(err);
    } finally {
      this.save.disabled = false;
    }
  }
}
