// view/passkeys-panel.js — The settings' "Passkeys": the user's passkeys (name, when added, last used) with "Remove" each, and "Add a passkey" with a name, which asks this device's authenticator (fingerprint, face, PIN or security key) for a new one.

import { h, $ } from '../dom.js';
import { ago } from '../format.js';
import { passkeysSupported, registerPasskey, listPasskeys, removePasskey } from '../passkeys.js';

export class PasskeysPanel {
  /** `toast(text)` for what happened. */
  constructor({ toast }) {
    this.toast = toast;
    this.list = $('#passkeys-list');
    this.status = $('#passkeys-status');
    this.form = $('#passkey-add');
    this.name = $('#passkey-name');
    this.addButton = $('#passkey-add-button');
    this.form.addEventListener('submit', (e) => { e.preventDefault(); this.add(); });
  }

  /** The settings opened: the list again from the server. */
  async render() {
    const supported = passkeysSupported();
    this.form.hidden = !supported;
    if (!this.name.value) this.name.value = defaultName();
    try {
      const list = await listPasskeys();
      this.status.textContent = supported ? '' : 'Passkeys need this page on https, or on http://localhost (not an IP address).';
      this.show(list);
    } catch (err) {
      this.list.replaceChildren();
      this.status.textContent = err.message;
    }
  }

  show(list) {
    this.list.replaceChildren(...list.map((p) => h('li', { class: 'session-item', 'data-testid': 'passkey-item' },
      h('div', { class: 'session-text' },
        h('span', { class: 'session-name', 'data-testid': 'passkey-name' }, p.name),
        h('span', { class: 'hint' }, `Added ${ago(p.created)}${p.lastUsed ? ` · last used ${ago(p.lastUsed)}` : ' · not used yet'}`)),
      h('button', { type: 'button', class: 'btn btn-ghost btn-small btn-danger-text', 'data-testid': 'passkey-remove',
        onclick: () => this.remove(p) }, 'Remove'))));
    if (!list.length && !this.status.textContent) this.status.textContent = 'No passkeys yet: add one to sign in on this device without typing anything.';
  }

  async add() {
    this.addButton.disabled = true;
    try {
      const p = await registerPasskey(this.name.value.trim() || defaultName());
      this.toast(`Passkey “${p.name}” added: your name is yours now.`);
      this.name.value = '';
    } catch (err) {
      this.toast(err.message);
    } finally {
      this.addButton.disabled = false;
    }
    await this.render();
  }

  async remove(p) {
    try {
      await removePasskey(p.id);
      this.toast(`Passkey “${p.name}” removed.`);
    } catch (err) {
      this.toast(err.message);
    }
    await this.render();
  }
}

/** "Chrome on Linux"-like, from the platform, as a first name for a new passkey. */
function defaultName() {
  const p = navigator.userAgentData?.platform || navigator.platform || '';
  return p ? `Passkey on ${p}` : 'My passkey';
}
