// view/usercard.js — The small card a message author's avatar or name opens: avatar, nick, presence, "Message privately" and, for a moderator, "Moderate…".

import { h } from '../dom.js';
import { presenceAvatar } from '../avatar.js';
import { statusOf, STATUS_TEXT } from '../direct.js';
import { t } from '../i18n.js';

const MARGIN = 8;

export class UserCard {
  constructor({ state, onMessagePrivately }) {
    this.state = state;
    this.onMessagePrivately = onMessagePrivately;
    /** Set by moderation.js: {canAct(user), open(user)} for the open room. */
    this.moderation = null;
    this.card = null;
    this.opener = null;
    document.addEventListener('pointerdown', (e) => {
      if (this.card && !this.card.contains(e.target) && !this.opener?.contains(e.target)) this.close(false);
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.card) { e.stopPropagation(); this.close(true); }
    }, { capture: true });
    window.addEventListener('resize', () => this.close(false));
  }

  /** Opens on clicks on `[data-user-card]` inside `root`; userOf(el) gives the {id, nick, avatar} for it. */
  attach(root, userOf) {
    // A mention (a span that acts as a button, see markdown.js) opens the card from the keyboard too.
    root.addEventListener('keydown', (e) => {
      if ((e.key === 'Enter' || e.key === ' ') && e.target.matches?.('span[data-user-card]')) { e.preventDefault(); e.target.click(); }
    });
    root.addEventListener('click', (e) => {
      const opener = e.target.closest('[data-user-card]');
      if (!opener || !root.contains(opener)) return;
      const user = userOf(opener);
      if (!user?.id) return;
      if (this.card && this.opener === opener) { this.close(true); return; }
      this.open(user, opener);
    });
  }

  open(user, opener) {
    this.close(false);
    const state = this.state;
    const live = state.users.get(user.id) ?? state.people.current(user);
    const shown = { ...user, nick: live?.nick ?? user.nick, avatar: live?.avatar ?? user.avatar };
    const status = statusOf(state, user.id);
    const me = user.id === state.me?.id;
    const titleId = 'user-card-title';
    this.opener = opener;
    this.card = h('div', {
      class: 'user-card', role: 'dialog', 'aria-labelledby': titleId, 'data-testid': 'user-card', tabindex: '-1',
    },
    h('div', { class: 'user-card-head' },
      presenceAvatar(shown, status, 'lg'),
      h('div', { class: 'user-card-text' },
        h('span', { class: 'user-card-nick', id: titleId, 'data-testid': 'user-card-nick' }, shown.nick ?? ''),
        h('span', { class: `user-card-status ${status}`, 'data-testid': 'user-card-status' }, me ? t('usercard.status-me', { status: STATUS_TEXT[status] }) : STATUS_TEXT[status]))),
    me ? null : h('button', {
      type: 'button', class: 'btn btn-primary btn-block btn-small', 'data-testid': 'message-privately',
      onclick: () => { this.close(false); this.onMessagePrivately(shown); },
    }, t('users.message-privately')),
    !me && this.moderation?.canAct(user) ? h('button', {
      type: 'button', class: 'btn btn-ghost btn-block btn-small user-card-moderate', 'data-testid': 'user-card-moderate', 'aria-haspopup': 'dialog',
      onclick: () => { this.close(false); this.moderation.open(shown); },
    }, t('usercard.moderate')) : null);
    opener.setAttribute('aria-expanded', 'true');
    document.body.append(this.card);
    this.place(opener);
    (this.card.querySelector('button') || this.card).focus();
  }

  /** Beside the opener, kept inside the viewport. */
  place(opener) {
    const at = opener.getBoundingClientRect();
    const { card } = this;
    const w = card.offsetWidth;
    const hgt = card.offsetHeight;
    let left = Math.min(at.left, window.innerWidth - w - MARGIN);
    let top = at.bottom + 4;
    if (top + hgt > window.innerHeight - MARGIN) top = at.top - hgt - 4;
    left = Math.max(MARGIN, left);
    top = Math.max(MARGIN, top);
    card.style.left = `${Math.round(left)}px`;
    card.style.top = `${Math.round(top)}px`;
  }

  close(restoreFocus) {
    if (!this.card) return;
    this.card.remove();
    this.card = null;
    const opener = this.opener;
    this.opener = null;
    if (opener) {
      opener.setAttribute('aria-expanded', 'false');
      if (restoreFocus && opener.isConnected) opener.focus();
    }
  }
}
