// view/sso-link-panel.js — The settings' "Single sign-on", shown only when the server has an OpenID provider: "Link to <provider>" adds the provider's account to this one, so that "Sign in with <provider>" signs in as you (your name, your rooms) rather than finding your name taken. The browser goes to the provider and comes back at `#sso-linked` or `#sso-error=WHY` (main.js says which).

import { $ } from '../dom.js';
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
    this.button.textContent = `Link to ${info.name}`;
    this.hint.textContent = `So that “Sign in with ${info.name}” signs in as you, on any device.`;
  }

  async start() {
    this.button.disabled = true;
    try {
      const { location: to, status } = await startSingleSignOnLink();
      if (to) {
        window.location.assign(to);
        return;
      }
      this.toast(status === 401 ? 'Sign in again first: this browser’s sign-in has ended.' : 'The server could not start the link. Try again.');
    } catch {
      this.toast('The server cannot be reached. Try again when it can.');
    }
    this.button.disabled = false;
  }
}
