// view/export-panel.js — The export part of the settings dialog: this room or all of mine, as text or JSON, with a progress bar and cancel.

import { $ } from '../dom.js';
import { signedIn } from '../http.js';
import { exportRoom } from '../exporter.js';
import { roomLabel } from '../direct.js';
import { t } from '../i18n.js';

export class ExportPanel {
  constructor({ state }) {
    this.state = state;
    this.format = $('#export-format');
    this.current = $('#export-current');
    this.all = $('#export-all');
    this.cancel = $('#export-cancel');
    this.bar = $('#export-progress');
    this.status = $('#export-status');
    this.current.addEventListener('click', () => this.run([this.state.current]));
    this.all.addEventListener('click', () => this.run([...this.state.rooms.keys()]));
    this.cancel.addEventListener('click', () => this.abort?.abort());
  }

  render() {
    const room = this.state.currentRoom();
    this.current.disabled = !room || room.pending || this.busy;
    this.current.textContent = room ? t('export.room', { room: this.label(room.name) }) : t('page.export-this-room');
    this.all.disabled = !this.state.rooms.size || this.busy;
  }

  label(name) {
    return roomLabel(this.state, this.state.room(name)) || name;
  }

  async run(names) {
    if (!signedIn() || this.busy) return;
    const format = this.format.value;
    this.busy = true;
    this.abort = new AbortController();
    this.cancel.hidden = false;
    this.bar.hidden = false;
    this.render();
    try {
      for (let i = 0; i < names.length; i++) {
        const what = this.label(names[i]);
        this.status.textContent = names.length > 1 ? t('export.exporting-n', { what, i: i + 1, n: names.length }) : t('export.exporting', { what });
        await exportRoom(names[i], format, (done, total) => {
          this.bar.max = Math.max(1, total);
          this.bar.value = done;
        }, this.abort.signal);
      }
      this.status.textContent = names.length > 1 ? t('export.exported-n', { count: names.length }) : t('export.exported', { what: this.label(names[0]) });
    } catch (e) {
      this.status.textContent = e.message;
    } finally {
      this.busy = false;
      this.cancel.hidden = true;
      this.bar.hidden = true;
      this.render();
    }
  }
}
