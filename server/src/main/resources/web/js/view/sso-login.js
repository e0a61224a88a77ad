// view/sso-login.js — "Sign in with …" on the login card, when the server has an OpenID provider (GET /auth/oidc says so and what to call it). The button is a plain link to /auth/oidc/start: the server and the provider do the rest, and the browser comes back at `#signin=CODE` (signed in like a code from another device) or at `#sso-error=WHY`, said here in plain words.

import { $ } from '../dom.js';
import { t } from '../i18n.js';
import { fetchSingleSignOn } from '../http.js';

/** The reasons the server gives (`#sso-error=WHY`) that have a sentence: sso.<why>. */
const SSO_ERRORS = new Set(['expired', 'denied', 'failed', 'taken', 'busy', 'closed', 'linked-elsewhere']);

/** The reason in a `#sso-error=WHY` address, or null. */
export function ssoErrorFromHash(hash) {
  const m = /^#sso-error=([a-z-]{1,20})$/.exec(hash || '');
  return m ? m[1] : null;
}

/** Said on coming back from linking this account to the provider. */
export const SSO_LINKED = t('sso.linked');

/** Whether the address is `#sso-linked`: back from linking this account to the provider. */
export function ssoLinkedFromHash(hash) {
  return hash === '#sso-linked';
}

/** The sentence for a reason from the server (an unknown one reads as a failure). */
export function ssoErrorMessage(why) {
  return t(`sso.${SSO_ERRORS.has(why) ? why : 'failed'}`);
}

export class SsoLoginView {
  constructor() {
    this.root = $('#sso');
    this.link = $('#sso-link');
  }

  /** Asks the server once whether single sign-on is on, when the login card first shows; shows the button when it is. Never rejects. */
  load() {
    this.loading ??= fetchSingleSignOn().then((info) => { // offline, or an older server: {enabled: false}
      if (!info.enabled) return;
      this.link.textContent = t('sso.sign-in-with', { name: info.name });
      this.root.hidden = false;
    });
    return this.loading;
  }
}
