// login.js — The login form: a nickname and an avatar (an emoji or a generated one), with the server's refusals shown inline.

import { h, $ } from './dom.js';
import { AVATAR_EMOJI, avatarNode } from './avatar.js';

const NICK_ERRORS = {
  invalid_nick: 'Nicknames are 1–32 characters: letters, digits, spaces inside, _ - and .',
  nick_taken: 'Someone online already uses that nickname. Pick another.',
  unreachable: 'Cannot reach the server. Check your connection and try again.',
};

const GENERATED = '';

export class LoginView {
  constructor({ onSubmit }) {
    this.root = $('#login');
    this.form = $('[data-testid="login-form"]');
    this.nick = $('[data-testid="login-nick"]');
    this.error = $('[data-testid="login-error"]');
    this.submitButton = $('[data-testid="login-submit"]');
    this.grid = $('#login-avatar-grid');
    this.buildAvatars();

    this.nick.addEventListener('input', () => {
      this.setError('');
      this.refreshGenerated();
    });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      const nick = this.nick.value.trim();
      if (!nick) { this.setError('Enter a nickname.'); this.nick.focus(); return; }
      const chosen = this.form.querySelector('input[name="avatar"]:checked')?.value ?? GENERATED;
      this.setBusy(true);
      this.setError('');
      onSubmit({ nick, avatar: chosen === GENERATED ? undefined : chosen });
    });
  }

  buildAvatars() {
    const option = (value, label, face, checked) => h('label', { class: 'avatar-option', title: label },
      h('input', { type: 'radio', name: 'avatar', value, 'aria-label': label, checked, 'data-testid': 'login-avatar', dataset: { avatar: value || 'generated' } }),
      face);
    this.generatedFace = h('span', { class: 'generated-face' });
    const options = [option(GENERATED, 'Generated from your nickname', this.generatedFace, true)];
    for (const emoji of AVATAR_EMOJI) options.push(option(emoji, `Avatar ${emoji}`, h('span', { class: 'avatar avatar-md avatar-emoji', 'aria-hidden': 'true' }, emoji), false));
    this.grid.replaceChildren(...options);
    this.refreshGenerated();
  }

  refreshGenerated() {
    const nick = this.nick.value.trim() || '?';
    this.generatedFace.replaceChildren(avatarNode({ nick }, { seed: nick }));
  }

  show({ nick, error } = {}) {
    document.getElementById('app').hidden = true;
    this.root.hidden = false;
    if (nick != null) this.nick.value = nick;
    this.refreshGenerated();
    this.setBusy(false);
    this.setError(error ? NICK_ERRORS[error.code] || error.message || error.code : '');
    this.nick.focus();
    if (error) this.nick.select();
  }

  hide() {
    this.root.hidden = true;
  }

  setBusy(busy) {
    this.submitButton.disabled = busy;
    this.submitButton.textContent = busy ? 'Joining…' : 'Join the chat';
  }

  setError(text) {
    this.error.textContent = text;
    this.nick.setAttribute('aria-invalid', text ? 'true' : 'false');
  }

  fail(error) {
    this.setBusy(false);
    this.setError(NICK_ERRORS[error.code] || error.message || 'Could not log in.');
    this.nick.focus();
    this.nick.select();
  }
}
