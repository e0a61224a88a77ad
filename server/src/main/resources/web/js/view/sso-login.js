// view/sso-login.js — "Sign in with …" on the login card, when the server has an OpenID provider (GET /auth/oidc says so and what to call it). The button is a plain link to /auth/oidc/start: the server and the provider do the rest, and the browser comes back at `#signin=CODE` (signed in like a code from another device) or at `#sso-error=WHY`, said here in plain words.

import { $ } from '../dom.js';
import { fetchSingleSignOn } from '../http.js';

const SSO_ERRORS = {
  expired: 'That sign-in took too long or was started in another browser. Try again.',
  denied: 'The sign-in was cancelled at the provider.',
  failed: 'The provider’s answer could not be checked, so you were not signed in. Try again, or ask the server’s administrator.',
  taken: 'Every name like yours is taken here. Ask the server’s administrator for help.',
  busy: 'The server is busy signing other people in. Try again in a moment.',
  closed: 'This server takes no new accounts. Ask its administrator to make yours.',
  'linked-elsewhere': 'That account at the provider already signs in as someone else here, so it was not linked to yours.',
};

/** The reason in a `#sso-error=WHY` address, or null. */
export function ssoErrorFromHash(hash) {
  const m = /^#sso-error=([a-z-]{1,20})$/.exec(hash || '');
  return m ? m[1] : null;
}

/** Said on coming back from linking this account to the provider. */
export const SSO_LINKED = 'Linked: signing in with your provider now signs in as you.';

/** Whether the address is `#sso-linked`: back from linking this account to the provider. */
export function ssoLinkedFromHash(hash) {
  return hash === '#sso-linked';
}

/** The sentence for a reason from the server (an unknown one reads as a failure). */
export function ssoErrorMessage(why) {
  return SSO_ERRORS[why] || SSO_ERRORS.failed;
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
      this.link.textContent = `Sign in with ${info.name}`;
      this.root.hidden = false;
    });
    return this.loading;
  }
}
