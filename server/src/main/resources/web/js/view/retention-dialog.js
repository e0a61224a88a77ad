// view/retention-dialog.js — The room's creator sets how long the room keeps its history (the `retention` frame), from the room header.

import { $ } from '../dom.js';
import { t } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';
import { isDirect } from '../direct.js';
import { describePolicy } from '../retention.js';
import { setupDialog, openDialog } from './dialogs.js';

export class RetentionDialog {
  constructor({ state, conn, onError }) {
    this.state = state;
    this.conn = conn;
    this.onError = onError;
    this.button = $('#retention-button');
    this.dialog = setupDialog($('#retention-dialog'));
    this.form = this.dialog.querySelector('form');
    this.inherit = $('#retention-inherit');
    this.days = $('#retention-days');
    this.count = $('#retention-count');
    this.server = $('#retention-server');
    this.error = $('#retention-error');
    this.button.addEventListener('click', () => this.open());
    this.inherit.addEventListener('change', () => this.renderFields());
    this.form.addEventListener('submit', (e) => { e.preventDefault(); this.save(); });
  }

  /** The header button: only the creator of the current public room sees it. */
  render() {
    const room = this.state.currentRoom();
    this.button.hidden = !room || isDirect(room.name) || !room.createdBy || room.createdBy !== this.state.me?.id;
  }

  open() {
    const room = this.state.currentRoom();
    if (!room) return;
    const own = room.retention;
    this.inherit.checked = !own;
    this.days.value = own?.days ?? '';
    this.count.value = own?.count ?? '';
    this.server.textContent = t('retention.server-keeps', { policy: describePolicy(this.state.serverRetention) });
    this.error.textContent = '';
    this.renderFields();
    openDialog(this.dialog, this.inherit.checked ? '#retention-inherit' : '#retention-days');
  }

  renderFields() {
    this.days.disabled = this.count.disabled = this.inherit.checked;
  }

  async save() {
    const room = this.state.currentRoom();
    if (!room) return;
    const frame = { type: 'retention', room: room.name };
    if (this.inherit.checked) {
      frame.inherit = true;
    } else {
      const days = this.days.value.trim() === '' ? null : Number(this.days.value);
      const count = this.count.value.trim() === '' ? null : Number(this.count.value);
      for (const n of [days, count]) {
        if (n !== null && (!Number.isInteger(n) || n < 1)) { this.error.textContent = t('retention.whole-numbers'); return; }
      }
      frame.days = days;
      frame.count = count;
    }
    try {
      await this.conn.request(frame);
      this.state.setRetention(room, frame.inherit ? null : { days: frame.days, count: frame.count });
      this.dialog.close();
    } catch (err) {
      this.error.textContent = errorSentence(err, 'retention.failed');
    }
  }
}
