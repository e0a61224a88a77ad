// view/users.js — The people online, with their avatar, an online/away dot and "Message privately".

import { h, $, icon, patchChildren } from '../dom.js';
import { presenceAvatar } from '../avatar.js';

const CHAT_ICON = ['M5 5h14a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2h-7l-4 3.5V17H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z'];

const STATUS_RANK = { online: 0, away: 1 };

export class UsersView {
  constructor({ state, onMessagePrivately }) {
    this.state = state;
    this.list = $('#user-list');
    this.count = $('#user-count');
    this.list.addEventListener('click', (e) => {
      const button = e.target.closest('.user-message');
      const user = button && state.users.get(button.dataset.userId);
      if (user) onMessagePrivately(user);
    });
  }

  render() {
    const { state } = this;
    const me = state.me?.id;
    const users = [...state.users.values()].sort((a, b) =>
      (a.id === me ? -1 : b.id === me ? 1 : 0)
      || (STATUS_RANK[a.status] ?? 2) - (STATUS_RANK[b.status] ?? 2)
      || String(a.nick).localeCompare(String(b.nick)));
    this.count.textContent = users.length ? `(${users.length})` : '';
    patchChildren(this.list, users.map((u) => {
      const status = u.status === 'away' ? 'away' : 'online';
      return h('li', {
        class: `user-item status-${status}`, 'data-testid': 'user-item',
        dataset: { userId: u.id, status },
      },
      presenceAvatar(u, status),
      h('span', { class: 'user-nick', 'data-testid': 'user-nick' }, u.nick ?? ''),
      u.id === me ? h('span', { class: 'you-tag' }, 'you') : null,
      h('span', { class: 'sr-only' }, `, ${status}`),
      u.id === me ? null : h('button', {
        type: 'button', class: 'icon-btn small user-message', 'data-testid': 'user-message',
        dataset: { userId: u.id }, 'aria-label': `Message ${u.nick ?? ''} privately`, title: 'Message privately',
      }, icon(CHAT_ICON)));
    }));
  }
}
