// invite.js — Who may join, as the login card shows it: learns the server's --registration before hello (GET /api/registration), reads a `#invite=CODE` link (or a room's `#join=CODE`), and adds the invite to the hello of a new name; in closed mode only the sign-in code is offered.

import { $ } from './dom.js';
import { t } from './i18n.js';
import { fetchRegistration } from './http.js';

/** The `#invite=CODE` part of an invite link, or null. */
export function inviteFromHash(hash) {
  const m = /^#invite=([A-Za-z0-9-]{4,64})$/.exec(hash || '');
  return m ? m[1].toUpperCase() : null;
}

/** The `#join=CODE` part of a link into a room, or null. */
export function joinFromHash(hash) {
  const m = /^#join=([A-Za-z0-9-]{4,64})$/.exec(hash || '');
  return m ? m[1].toUpperCase() : null;
}

/** A pasted code or whole link, as the code alone ('' when empty). */
export function cleanInvite(text) {
  const t = (text || '').trim();
  const fromLink = /#invite=([A-Za-z0-9-]{4,64})/.exec(t);
  return (fromLink ? fromLink[1] : t).toUpperCase();
}

export class InviteLogin {
  /** @param code the code of the link this page was opened with, or null */
  constructor(code, room = false) {
    this.linkCode = code;
    this.toRoom = room;
    this.mode = 'open';
    this.field = $('#login-invite');
    this.input = $('#login-invite-input');
    if (code) this.showInvited();
  }

  /** Asks the server's registration mode once, when the login card first shows (a signed-in reload never needs it). */
  load() {
    this.loading ??= fetchRegistration().then((mode) => this.apply(mode), () => {}); // unreachable: the hello will say so
    return this.loading;
  }

  /** The invite the next hello of a new name carries, or undefined. */
  code() {
    const typed = cleanInvite(this.input.value);
    return typed || this.linkCode || undefined;
  }

  apply(mode) {
    this.mode = mode;
    document.documentElement.dataset.registration = mode;
    if (mode === 'closed') {
      $('#login-closed').hidden = false;
      for (const el of $('#login-form').querySelectorAll('input, fieldset, button, .hint, .field-label, .login-lead')) {
        if (!el.closest('#login-closed')) el.hidden = true;
      }
      $('#code-details').open = true;
    } else if (mode === 'invite' && !this.linkCode) {
      this.field.hidden = false;
    }
  }

  showInvited() {
    const note = $('#login-invited');
    note.textContent = this.toRoom
      ? t('invite.invited-room', { host: location.host })
      : t('invite.invited-server', { host: location.host });
    note.hidden = false;
  }

  /** The server refused a new name: ask for a code, or for another one. */
  refused(error) {
    if (error.code === 'invite_required' || error.code === 'bad_invite') {
      if (error.code === 'bad_invite') this.linkCode = null;
      this.field.hidden = false;
      $('#login-invited').hidden = true;
    }
  }
}
