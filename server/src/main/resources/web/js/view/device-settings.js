// view/device-settings.js — The "On this device" part of the settings dialog: messages kept per room, importing an archive, and clearing everything this browser keeps.

import { $ } from '../dom.js';
import { storage } from '../storage.js';
import { t } from '../i18n.js';

export class DeviceSettings {
  /** `history`: the DeviceHistory; `archives`: the ArchivesView; `onClear()`: deletes it all and logs out. */
  constructor({ history, archives, onClear, close }) {
    this.keep = $('#keep-per-room');
    this.file = $('#archive-import');
    this.importStatus = $('#archive-import-status');
    this.clearButton = $('#clear-device');
    this.confirm = $('#clear-confirm');
    this.keep.addEventListener('change', () => history.setKeep(Number(this.keep.value)));
    this.file.addEventListener('change', async () => {
      const file = this.file.files?.[0];
      this.file.value = '';
      if (!file) return;
      this.importStatus.textContent = t('device.importing', { file: file.name });
      try {
        const archive = await archives.import(file);
        this.importStatus.textContent = t('device.imported', { file: file.name, count: archive.events.length });
        close();
      } catch (err) {
        this.importStatus.textContent = err.message;
      }
    });
    this.clearButton.addEventListener('click', () => {
      this.confirm.hidden = false;
      $('#clear-cancel').focus();
    });
    $('#clear-cancel').addEventListener('click', () => {
      this.confirm.hidden = true;
      this.clearButton.focus();
    });
    $('#clear-confirm-button').addEventListener('click', async () => {
      this.confirm.hidden = true;
      close();
      await onClear();
    });
  }

  render() {
    this.keep.value = String(storage.keepPerRoom());
    this.confirm.hidden = true;
  }
}
