// view/passkey-login.js — The login's "Sign in with a passkey": asks the server for a challenge (for the nickname typed, if any; else any passkey this device holds for the site), lets the browser's authenticator answer, and hands the new token to main.js, which says hello with it.

import { $ } from '../dom.js';
import { passkeysSupported, signInWithPasskey } from '../passkeys.js';

export class PasskeyLoginView {
  /** `onToken(token)` after a sign-in; `onError(error)` with {code, message, retryAfter?}. */
  constructor({ onToken, onError }) {
    this.button = $('#passkey-login');
    this.nick = $('#login-nick');
    this.button.hidden = !passkeysSupported();
    this.button.addEventListener('click', async () => {
      this.button.disabled = true;
      try {
        onToken(await signInWithPasskey(this.nick.value.trim() || undefined));
      } catch (err) {
        onError({ code: err.code === 'slow_down' ? 'slow_down' : 'passkey', message: err.message, retryAfter: err.retryAfter });
      } finally {
        this.button.disabled = false;
      }
    });
  }
}
