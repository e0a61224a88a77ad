// login.js — The login form: a nickname and an avatar (an emoji or a generated one), a password when the name is protected, with the server's refusals shown inline.

import { h, $ } from './dom.js';
import { avatarNode } from './avatar.js';
import { loadEmoji } from './emoji/data.js';
import { avatarChoices } from './emoji/avatars.js';
import { t } from './i18n.js';
import { errorSentence, knownError } from './i18n/errors.js';

/** The sentence for a refused login: ours for every known code (js/i18n/errors.js), else the server's (a passkey's, a sign-out notice). */
function explain(error) {
  return knownError(error.code) ? errorSentence(error) : error.message || t('login.failed');
}

const GENERATED = '';
/** Emoji offered beside the generated avatar: with it, three rows of seven. */
const AVATAR_CHOICES = 20;

export class LoginView {
  /** `onShow()`: the card is about to show (what it offers may be asked of the server then). */
  constructor({ onSubmit, onShow = () => {} }) {
    this.onShow = onShow;
    this.root = $('#login');
    this.form = $('#login-form');
    this.nick = $('#login-nick');
    this.error = $('#login-error');
    this.submitButton = $('#login-submit');
    this.grid = $('#login-avatar-grid');
    this.passwordRow = $('#login-password-row');
    this.password = $('#login-password');
    this.buildAvatars();

    this.nick.addEventListener('input', () => {
      this.setError('');
      this.refreshGenerated();
      if (this.protectedNick && this.nick.value.trim().toLowerCase() !== this.protectedNick) this.askPassword(null);
    });
    this.password.addEventListener('input', () => this.setError(''));
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      const nick = this.nick.value.trim();
      if (!nick) { this.setError(t('login.enter-nick')); this.nick.focus(); return; }
      const chosen = this.form.querySelector('input[name="avatar"]:checked')?.value ?? GENERATED;
      this.setBusy(true);
      this.setError('');
      const password = this.passwordRow.hidden ? '' : this.password.value;
      if (!this.passwordRow.hidden && !password) { this.setError(t('login.enter-password')); this.password.focus(); return; }
      onSubmit({ nick, avatar: chosen === GENERATED ? undefined : chosen, password: password || undefined });
    });
    document.documentElement.dataset.loginReady = '1'; // login-boot.js lets this form's submits through
  }

  buildAvatars() {
    const option = (value, label, face, checked) => h('label', { class: 'avatar-option', title: label },
      h('input', { type: 'radio', name: 'avatar', value, 'aria-label': label, checked, 'data-testid': 'login-avatar', dataset: { avatar: value || 'generated' } }),
      face);
    this.generatedFace = h('span', { class: 'generated-face' });
    this.grid.replaceChildren(option(GENERATED, t('login.generated-avatar'), this.generatedFace, true));
    this.refreshGenerated();
    // Empty slots hold the choices' place until the emoji data arrives, so the card does not jump.
    const slots = Array.from({ length: AVATAR_CHOICES }, () => h('span', { class: 'avatar-option avatar-slot', 'aria-hidden': 'true' }));
    this.grid.append(...slots);
    loadEmoji().then((data) => {
      const options = avatarChoices(data, AVATAR_CHOICES).map((emoji) =>
        option(emoji, t('login.avatar', { name: data.byChar.get(emoji).name }), h('span', { class: 'avatar avatar-md avatar-emoji', 'aria-hidden': 'true' }, emoji), false));
      slots.forEach((slot, i) => (options[i] ? slot.replaceWith(options[i]) : slot.remove()));
    }, () => { for (const slot of slots) slot.remove(); /* without the emoji data the generated avatar is the one choice */ });
  }

  refreshGenerated() {
    const nick = this.nick.value.trim() || '?';
    this.generatedFace.replaceChildren(avatarNode({ nick }, { seed: nick }));
  }

  show({ nick, error } = {}) {
    this.onShow();
    document.getElementById('app').hidden = true;
    this.root.hidden = false;
    if (nick != null) this.nick.value = nick;
    this.refreshGenerated();
    this.setBusy(false);
    this.setError(error ? explain(error) : '');
    if (error?.protected) { this.askPassword(this.nick.value); return; }
    this.nick.focus();
    if (error) this.nick.select();
    // Join was pressed on the early form (login-boot.js) before this module arrived: do it now.
    const early = document.documentElement.dataset.earlyJoin;
    delete document.documentElement.dataset.earlyJoin;
    if (early && !error && this.nick.value.trim()) this.form.requestSubmit();
  }

  hide() {
    this.root.hidden = true;
  }

  setBusy(busy) {
    this.submitButton.disabled = busy;
    this.submitButton.textContent = t(busy ? 'login.joining' : 'login.join');
  }

  setError(text) {
    this.error.textContent = text;
    delete this.error.dataset.waiting;
    this.nick.setAttribute('aria-invalid', text ? 'true' : 'false');
  }

  /**
   * A refusal because the server is busy checking passwords (`slow_down` with `busy: true`) is not
   * the person's doing: the form says so and stays busy, and the hello is asked again by itself on
   * the same connection (`conn`), which keeps its place in the server's line. Returns whether it was one.
   */
  waitIfBusy(error, conn) {
    if (error.code !== 'slow_down' || error.busy !== true) return false;
    this.setBusy(true);
    this.setError('');
    // Said in the neutral colour, and the fields are not marked wrong: nothing the person typed was.
    this.error.dataset.waiting = '1';
    this.error.textContent = t('login.busy-retrying', { seconds: error.retryAfter ?? 2 });
    conn.helloAgainAfter(error.retryAfter);
    return true;
  }

  fail(error) {
    this.setBusy(false);
    this.setError(explain(error));
    if (error.protected || (error.code === 'bad_credentials' && !this.passwordRow.hidden)) {
      this.askPassword(this.nick.value);
      return;
    }
    this.nick.focus();
    this.nick.select();
  }

  /** A protected name (`nick`): the password field shows and takes the focus; null hides it again. */
  askPassword(nick) {
    this.protectedNick = nick ? nick.trim().toLowerCase() : null;
    this.passwordRow.hidden = !nick;
    if (!nick) { this.password.value = ''; return; }
    this.password.focus();
    this.password.select();
  }
}
