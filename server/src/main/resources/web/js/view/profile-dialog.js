// view/profile-dialog.js — "Edit profile" in Settings: change your nickname, avatar and status (online or away) after logging in (the `profile` frame); everyone online sees the change.

import { h } from '../dom.js';
import { avatarNode, isEmojiAvatar } from '../avatar.js';
import { loadEmoji } from '../emoji/data.js';
import { avatarChoices } from '../emoji/avatars.js';
import { setupDialog, openDialog } from './dialogs.js';
import { t } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';

const GENERATED = '';

/** `onSaved(me)` runs once the server took the change (the next hello must say the new nick). */
export class ProfileDialog {
  constructor({ state, conn, onSaved }) {
    Object.assign(this, { state, conn, onSaved });
    this.dialog = null;
  }

  open() {
    const me = this.state.me;
    if (!me) return;
    const dialog = this.dialog ?? this.build();
    this.nick.value = me.nick ?? '';
    this.error.textContent = '';
    this.nick.setAttribute('aria-invalid', 'false');
    this.fillAvatars(isEmojiAvatar(me.avatar) ? me.avatar : GENERATED);
    const away = this.statusNow() === 'away';
    for (const radio of this.statusBox.querySelectorAll('input')) radio.checked = (radio.value === 'away') === away;
    openDialog(dialog, '.profile-nick');
  }

  /** The generated avatar and the login's emoji choices (and the current one, if it is another). */
  async fillAvatars(current) {
    const option = (value, label, face) => h('label', { class: 'avatar-option', title: label },
      h('input', { type: 'radio', name: 'profile-avatar', value, 'aria-label': label, checked: value === current, 'data-testid': 'profile-avatar', dataset: { avatar: value || 'generated' } }),
      face);
    const me = this.state.me;
    this.grid.replaceChildren(option(GENERATED, t('login.generated-avatar'), avatarNode({ id: me.id, nick: this.nick.value || me.nick })));
    let choices = [];
    try { choices = avatarChoices(await loadEmoji()); } catch { /* the generated one and the current one remain */ }
    if (current && !choices.includes(current)) choices.unshift(current);
    this.grid.append(...choices.map((emoji) => option(emoji, t('profile.avatar', { emoji }), h('span', { class: 'avatar avatar-md avatar-emoji', 'aria-hidden': 'true' }, emoji))));
  }

  statusNow() {
    return this.state.users.get(this.state.me?.id)?.status === 'away' ? 'away' : 'online';
  }

  async save() {
    const me = this.state.me;
    const nick = this.nick.value.trim();
    if (!nick) { this.fail({ code: 'invalid_nick' }); return; }
    const avatar = this.grid.querySelector('input:checked')?.value ?? GENERATED;
    const frame = { type: 'profile' };
    if (nick !== me.nick) frame.nick = nick;
    if (avatar !== (isEmojiAvatar(me.avatar) ? me.avatar : GENERATED)) frame.avatar = avatar;
    const status = this.statusBox.querySelector('input:checked')?.value ?? 'online';
    if (status !== this.statusNow()) frame.status = status;
    if (!frame.nick && frame.avatar === undefined && !frame.status) { this.dialog.close('unchanged'); return; }
    this.submit.disabled = true;
    try {
      await this.conn.request(frame);
      const next = { ...me, nick, avatar: avatar || undefined };
      this.state.applyPresence(next, frame.status ?? this.statusNow());
      this.onSaved(this.state.me);
      this.dialog.close('saved');
    } catch (err) {
      this.fail(err);
    } finally {
      this.submit.disabled = false;
    }
  }

  fail(err) {
    this.error.textContent = err?.code === 'disconnected' ? t('editor.failed-offline')
      : err?.code === 'timeout' ? t('profile.timeout') : errorSentence(err, null);
    this.nick.setAttribute('aria-invalid', err?.code === 'invalid_nick' || err?.code === 'nick_taken' ? 'true' : 'false');
    this.nick.focus();
  }

  build() {
    this.nick = h('input', { id: 'profile-nick', class: 'profile-nick', 'data-testid': 'profile-nick', maxlength: 32, spellcheck: 'false', autocomplete: 'nickname' });
    this.grid = h('div', { class: 'avatar-grid' });
    const choice = (value, label) => h('label', null,
      h('input', { type: 'radio', name: 'profile-status', value, 'data-testid': `profile-status-${value}` }), h('span', null, label));
    this.statusBox = h('fieldset', { class: 'profile-status' },
      h('legend', { class: 'field-label' }, t('profile.status')),
      h('div', { class: 'segmented' }, choice('online', t('presence.online')), choice('away', t('presence.away'))),
      h('p', { class: 'hint' }, t('profile.away-hint')));
    this.error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'profile-error' });
    this.submit = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'profile-save' }, t('page.save'));
    const form = h('form', { class: 'dialog-body', novalidate: true },
      h('h2', { id: 'profile-title' }, t('profile.title')),
      h('label', { class: 'field-label', for: 'profile-nick' }, t('page.nickname')),
      this.nick,
      h('p', { class: 'hint' }, t('profile.nick-hint')),
      h('fieldset', { class: 'avatar-picker' }, h('legend', { class: 'field-label' }, t('page.avatar')), this.grid),
      this.statusBox,
      this.error,
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'btn btn-ghost', 'data-action': 'cancel' }, t('common.cancel')),
        this.submit));
    form.addEventListener('submit', (e) => { e.preventDefault(); this.save(); });
    this.nick.addEventListener('input', () => { this.error.textContent = ''; this.nick.setAttribute('aria-invalid', 'false'); });
    const dialog = setupDialog(h('dialog', { class: 'dialog profile', 'data-testid': 'profile-dialog', 'aria-labelledby': 'profile-title' }, form));
    document.body.append(dialog);
    this.dialog = dialog;
    return dialog;
  }
}
