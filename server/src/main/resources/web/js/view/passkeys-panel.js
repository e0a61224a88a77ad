// view/passkeys-panel.js — The settings' "Passkeys": the user's passkeys (name, when added, last used) with "Remove" each, and "Add a passkey" with a name, which asks this device's authenticator (fingerprint, face, PIN or security key) for a new one.

import { h, $ } from '../dom.js';
import { ago } from '../format.js';
import { t } from '../i18n.js';
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
      this.status.textContent = supported ? '' : t('passkeys.unsupported');
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
        h('span', { class: 'hint' }, p.lastUsed ? t('passkeys.used', { added: ago(p.created), used: ago(p.lastUsed) }) : t('passkeys.unused', { added: ago(p.created) }))),
      h('button', { type: 'button', class: 'btn btn-ghost btn-small btn-danger-text', 'data-testid': 'passkey-remove',
        onclick: () => this.remove(p) }, t('page.remove')))));
    if (!list.length && !this.status.textContent) this.status.textContent = t('passkeys.none');
  }

  async add() {
    this.addButton.disabled = true;
    try {
      const p = await registerPasskey(this.name.value.trim() || defaultName());
      this.toast(t('passkeys.added', { name: p.name }));
      this.name.value = '';
    } catch (err) {
      this.toast(err.message, { error: true });
    } finally {
      this.addButton.disabled = false;
    }
    await this.render();
  }

  async remove(p) {
    try {
      await removePasskey(p.id);
      this.toast(t('passkeys.removed', { name: p.name }));
    } catch (err) {
      this.toast(err.message, { error: true });
    }
    await this.render();
  }
}

/** "Chrome on Linux"-like, from the platform, as a first name for a new passkey. */
function defaultName() {
  const p = navigator.userAgentData?.platform || navigator.platform || '';
  return p ? t('passkeys.default-name-on', { platform: p }) : t('passkeys.default-name');
}
