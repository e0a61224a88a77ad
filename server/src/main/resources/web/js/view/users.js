// view/users.js — The people online, with their avatar and an online/away dot.

import { h, $ } from '../dom.js';
import { avatarNode } from '../avatar.js';

const STATUS_RANK = { online: 0, away: 1 };

export class UsersView {
  constructor({ state }) {
    this.state = state;
    this.list = $('[data-testid="user-list"]');
    this.count = $('[data-testid="user-count"]');
  }

  render() {
    const { state } = this;
    const me = state.me?.id;
    const users = [...state.users.values()].sort((a, b) =>
      (a.id === me ? -1 : b.id === me ? 1 : 0)
      || (STATUS_RANK[a.status] ?? 2) - (STATUS_RANK[b.status] ?? 2)
      || String(a.nick).localeCompare(String(b.nick)));
    this.count.textContent = users.length ? `(${users.length})` : '';
    this.list.replaceChildren(...users.map((u) => {
      const status = u.status === 'away' ? 'away' : 'online';
      return h('li', {
        class: `user-item status-${status}`, 'data-testid': 'user-item',
        dataset: { userId: u.id, status },
      },
      h('span', { class: 'avatar-wrap' }, avatarNode(u), h('span', { class: `status-dot ${status}`, 'aria-hidden': 'true' })),
      h('span', { class: 'user-nick', 'data-testid': 'user-nick' }, u.nick ?? ''),
      u.id === me ? h('span', { class: 'you-tag' }, 'you') : null,
      h('span', { class: 'sr-only' }, `, ${status}`));
    }));
  }
}
