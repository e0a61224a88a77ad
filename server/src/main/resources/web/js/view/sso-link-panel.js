// view/sso-link-panel.js — The settings' "Single sign-on", shown only when the server has an OpenID provider: "Link to <provider>" adds the provider's account to this one, so that "Sign in with <provider>" signs in as you (your name, your rooms) rather than finding your name taken. The browser goes to the provider and comes back at `#sso-linked` or `#sso-error=WHY` (main.js says which).

import { $ } from '../dom.js';
import { t } from '../i18n.js';
import { fetchSingleSignOn, startSingleSignOnLink } from '../http.js';

export class SsoLinkPanel {
  /** `toast(text)` for a refusal before the browser leaves. */
  constructor({ toast }) {
    this.toast = toast;
    this.root = $('#sso-setting');
    this.button = $('#sso-link-button');
    this.hint = $('#sso-link-hint');
    this.button.addEventListener('click', () => this.start());
  }

  /** The settings opened: shown when single sign-on is on, named after its provider. */
  async render() {
    const info = await fetchSingleSignOn();
    this.root.hidden = !info.enabled;
    if (!info.enabled) return;
    this.button.textContent = t('sso.link-to', { name: info.name });
    this.hint.textContent = t('sso.link-hint', { name: info.name });
  }

  async start() {
    this.button.disabled = true;
    try {
      const { location: to, status } = await startSingleSignOnLink();
      if (to) {
        window.location.assign(to);
        return;
      }
      this.toast(t(status === 401 ? 'sso.sign-in-again' : 'sso.link-failed'), { error: true });
    } catch {
      this.toast(t('sso.unreachable'), { error: true });
    }
    this.button.disabled = false;
  }
}
