// view/users.js — The people online, with their avatar, an online/away dot and "Message privately"; and picking several of them for a group conversation.

import { h, $, icon, patchChildren } from '../dom.js';
import { presenceAvatar } from '../avatar.js';
import { MAX_GROUP, STATUS_TEXT } from '../direct.js';
import { t } from '../i18n.js';

const CHAT_ICON = ['M5 5h14a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2h-7l-4 3.5V17H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z'];

const STATUS_RANK = { online: 0, away: 1 };

/** People one may pick besides oneself. */
const MAX_PICKED = MAX_GROUP - 1;

export class UsersView {
  /** `onMessageGroup(users)`: start (or open) the conversation with the people picked. */
  constructor({ state, onMessagePrivately, onMessageGroup }) {
    this.state = state;
    this.list = $('#user-list');
    this.count = $('#user-count');
    this.groupButton = $('#group-button');
    this.bar = $('#group-bar');
    this.hint = $('#group-hint');
    this.start = $('#group-start');
    /** Picking people for a group: id → {id, nick, avatar}, in the order picked; null when not picking. Main thread. */
    this.picked = null;
    this.list.addEventListener('click', (e) => {
      const button = e.target.closest('.user-message');
      const user = button && state.users.get(button.dataset.userId);
      if (user) onMessagePrivately(user);
    });
    this.list.addEventListener('change', (e) => {
      const box = e.target.closest('.user-pick');
      if (!box || !this.picked) return;
      const user = state.users.get(box.dataset.userId);
      if (box.checked && user && this.picked.size < MAX_PICKED) this.picked.set(user.id, { id: user.id, nick: user.nick, avatar: user.avatar });
      else this.picked.delete(box.dataset.userId);
      this.render();
      // the row was drawn again: keep the keyboard where it was
      this.list.querySelector(`.user-pick[data-user-id="${CSS.escape(box.dataset.userId)}"]`)?.focus();
    });
    this.groupButton.addEventListener('click', () => this.pick(!this.picked));
    $('#group-cancel').addEventListener('click', () => this.pick(false));
    this.start.addEventListener('click', () => {
      const users = [...(this.picked?.values() ?? [])];
      if (!users.length) return;
      this.pick(false);
      onMessageGroup(users);
    });
  }

  /** Starts or ends picking people for a group conversation. */
  pick(on) {
    this.picked = on ? new Map() : null;
    this.render();
    if (on) this.list.querySelector('.user-pick')?.focus();
    else this.groupButton.focus();
  }

  render() {
    const { state } = this;
    const me = state.me?.id;
    const picking = !!this.picked;
    // Someone picked who went offline stays picked: they can still be written to.
    const users = [...state.users.values()].sort((a, b) =>
      (a.id === me ? -1 : b.id === me ? 1 : 0)
      || (STATUS_RANK[a.status] ?? 2) - (STATUS_RANK[b.status] ?? 2)
      || String(a.nick).localeCompare(String(b.nick)));
    this.count.textContent = users.length ? t('users.count', { count: users.length }) : '';
    const full = picking && this.picked.size >= MAX_PICKED;
    patchChildren(this.list, users.map((u) => {
      const status = u.status === 'away' ? 'away' : 'online';
      const chosen = picking && this.picked.has(u.id);
      const row = [
        presenceAvatar(u, status),
        h('span', { class: 'user-nick', 'data-testid': 'user-nick' }, u.nick ?? ''),
        u.id === me ? h('span', { class: 'you-tag' }, t('users.you-tag')) : null,
        h('span', { class: 'sr-only' }, t('sr.status', { status: STATUS_TEXT[status] })),
      ];
      if (picking && u.id !== me) {
        return h('li', { class: `user-item picking status-${status}${chosen ? ' picked' : ''}`, 'data-testid': 'user-item', dataset: { userId: u.id, status } },
          h('label', { class: 'user-pick-label' },
            h('input', {
              type: 'checkbox', class: 'user-pick', 'data-testid': 'user-pick', dataset: { userId: u.id },
              checked: chosen, disabled: full && !chosen, 'aria-label': t('users.add-to-group', { nick: u.nick ?? '' }),
            }),
            ...row));
      }
      return h('li', {
        class: `user-item status-${status}`, 'data-testid': 'user-item',
        dataset: { userId: u.id, status },
      },
      ...row,
      u.id === me || picking ? null : h('button', {
        type: 'button', class: 'icon-btn small user-message', 'data-testid': 'user-message',
        dataset: { userId: u.id }, 'aria-label': t('users.message-label', { nick: u.nick ?? '' }), title: t('users.message-privately'),
      }, icon(CHAT_ICON)));
    }));
    this.groupButton.setAttribute('aria-pressed', String(picking));
    this.bar.hidden = !picking;
    if (!picking) return;
    const n = this.picked.size;
    this.hint.textContent = n === 0 ? t('users.pick', { max: MAX_PICKED })
      : full ? t('users.picked-full', { count: n })
        : t('users.picked', { count: n, max: MAX_PICKED });
    this.start.disabled = n === 0;
    this.start.textContent = n > 1 ? t('users.message-n', { count: n }) : t('users.message');
  }
}
