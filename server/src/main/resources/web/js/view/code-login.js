// view/code-login.js — The login screen's "Have a code from another device?": a one-use code (typed, or from a `#signin=CODE` link) signs this browser in as the person who made it.

import { $ } from '../dom.js';
import { t } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';

export class CodeLoginView {
  /** `onCode(code)`: sign in with it. */
  constructor({ onCode }) {
    this.form = $('#code-form');
    this.details = $('#code-details');
    this.input = $('#code-input');
    this.error = $('#code-error');
    this.submit = $('#code-submit');
    this.input.addEventListener('input', () => this.setError(''));
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      const code = this.input.value.replace(/[\s-]/g, '').toUpperCase();
      if (!code) { this.setError(t('login.code-enter')); this.input.focus(); return; }
      this.setBusy(true);
      this.setError('');
      onCode(code);
    });
  }

  /** A code from a link: shown, and being used. */
  using(code) {
    this.details.open = true;
    this.input.value = code;
    this.setBusy(true);
  }

  fail(error) {
    this.details.open = true;
    this.setBusy(false);
    this.setError(errorSentence(error, 'login.code-failed'));
    this.input.focus();
    this.input.select();
  }

  reset() {
    this.setBusy(false);
    this.setError('');
    this.input.value = '';
    this.details.open = false;
  }

  setBusy(busy) {
    this.submit.disabled = busy;
    this.submit.textContent = t(busy ? 'login.code-signing-in' : 'login.code-submit');
  }

  setError(text) {
    this.error.textContent = text;
    this.input.setAttribute('aria-invalid', text ? 'true' : 'false');
  }
}
