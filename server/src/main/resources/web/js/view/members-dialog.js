// view/members-dialog.js — "N members" in a room's header opens its member list (the `members` frame, a page at a time) with each one's presence, room role, "Message privately" and, for a moderator, the moderation menu (moderation-menu.js).

import { h, $, icon } from '../dom.js';
import { t } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';
import { presenceAvatar } from '../avatar.js';
import { isDirect, STATUS_TEXT } from '../direct.js';
import { setupDialog, openDialog } from './dialogs.js';
import { myRole, canModerate, canSetRoles } from '../moderation-text.js';
import { SanctionsList } from './sanctions-list.js';

const CHAT_ICON = ['M5 5h14a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2h-7l-4 3.5V17H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z'];
const RANK = { online: 0, away: 1 };
const SHIELD_ICON = ['M12 3l8 3v6c0 4.5-3.4 8.2-8 9-4.6-.8-8-4.5-8-9V6z', 'M9 12l2 2 4-4'];

/** `conn` asks the server; `onMessagePrivately(user)` opens a direct conversation; `menu` (a ModerationMenu) acts on a member; `noteRoles(room, members)` keeps the roles seen. */
export class MembersDialog {
  constructor({ state, conn, toast, onMessagePrivately, menu, noteRoles }) {
    Object.assign(this, { state, conn, onMessagePrivately, menu, noteRoles });
    this.sanctions = new SanctionsList({ conn, toast, onLifted: (room) => { if (this.dialog?.open && this.room === room) this.open(room); } });
    this.dialog = null;
    this.members = [];
    const button = $('#room-members');
    button.addEventListener('click', () => {
      const room = state.current;
      if (room && !isDirect(room)) this.open(room);
    });
  }

  async open(room) {
    const dialog = this.dialog ?? this.build();
    this.room = room;
    this.members = [];
    this.next = null;
    dialog.querySelector('.members-title').textContent = t('members.title', { room: `#${room}` });
    this.render();
    openDialog(dialog, '[data-action="cancel"]');
    const mine = myRole(this.state.room(room), this.state.me);
    await Promise.all([this.load(), this.sanctions.load(room, canModerate(mine, 'member'))]);
  }

  async load(after) {
    const room = this.room;
    this.status.textContent = t('common.loading');
    this.more.hidden = true;
    try {
      const reply = await this.conn.request({ type: 'members', room, limit: 200, ...(after ? { after } : {}) });
      if (room !== this.room) return;
      this.state.peopleSeen(reply.members || []);
      this.noteRoles?.(room, reply.members || []);
      this.members.push(...(reply.members || []));
      this.next = reply.more ? reply.next : null;
      this.status.textContent = '';
    } catch (err) {
      this.status.textContent = err?.code === 'disconnected' || err?.code === 'timeout'
        ? t('members.failed-offline') : t('members.failed', { reason: errorSentence(err, null) });
    }
    this.render();
  }

  /** Live presence wins over what the page said when it was loaded. */
  statusOf(m) {
    const live = this.state.users.get(m.id)?.status;
    return live === 'online' || live === 'away' ? live : m.status === 'online' || m.status === 'away' ? m.status : 'offline';
  }

  /** May I act on member `m` (a lower role than mine, not me)? */
  canAct(m, mine) {
    const theirs = m.roomRole ?? 'member';
    return m.id !== this.state.me?.id && !!this.menu && (canModerate(mine, theirs) || canSetRoles(mine, theirs));
  }

  render() {
    const me = this.state.me?.id;
    const mine = myRole(this.state.room(this.room), this.state.me);
    const rows = this.members.map((m) => ({ ...m, status: this.statusOf(m) }))
      .sort((a, b) => (RANK[a.status] ?? 2) - (RANK[b.status] ?? 2) || String(a.nick).localeCompare(String(b.nick)));
    this.list.replaceChildren(...rows.map((m) => h('li', { class: 'member-item', 'data-testid': 'member-item', dataset: { userId: m.id, status: m.status } },
      presenceAvatar(m, m.status),
      h('span', { class: 'member-nick', 'data-testid': 'member-nick' }, m.nick ?? ''),
      m.id === me ? h('span', { class: 'you-tag' }, t('users.you-tag')) : null,
      m.roomRole === 'owner' || m.roomRole === 'moderator' ? h('span', { class: `role-tag role-${m.roomRole}`, 'data-testid': 'member-role' }, t(`role.${m.roomRole}`)) : null,
      h('span', { class: 'member-status' }, STATUS_TEXT[m.status]),
      h('span', { class: 'member-actions' }, this.canAct(m, mine) ? h('button', {
        type: 'button', class: 'icon-btn small member-manage', 'data-testid': 'member-manage', dataset: { userId: m.id },
        'aria-label': t('members.moderate-label', { nick: m.nick ?? '' }), title: t('members.moderate'), 'aria-haspopup': 'dialog',
      }, icon(SHIELD_ICON)) : null,
      m.id === me ? null : h('button', {
        type: 'button', class: 'icon-btn small member-message', 'data-testid': 'member-message', dataset: { userId: m.id },
        'aria-label': t('users.message-label', { nick: m.nick ?? '' }), title: t('users.message-privately'),
      }, icon(CHAT_ICON))))));
    this.more.hidden = !this.next;
  }

  build() {
    this.list = h('ul', { class: 'member-list', 'data-testid': 'member-list' });
    this.status = h('p', { class: 'hint', role: 'status' });
    this.more = h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'data-testid': 'members-more', hidden: true }, t('members.more'));
    this.more.addEventListener('click', () => this.load(this.next));
    const dialog = setupDialog(h('dialog', { class: 'dialog members', 'data-testid': 'members-dialog', 'aria-labelledby': 'members-title' },
      h('div', { class: 'dialog-body' },
        h('h2', { id: 'members-title', class: 'members-title' }),
        this.list, this.status, this.more, this.sanctions.el,
        h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'btn btn-ghost', 'data-action': 'cancel' }, t('page.close'))))));
    this.list.addEventListener('click', (e) => {
      const manage = e.target.closest('.member-manage')?.dataset.userId;
      const target = manage && this.members.find((x) => x.id === manage);
      if (target) return this.menu.open(this.room, target, myRole(this.state.room(this.room), this.state.me));
      const id = e.target.closest('.member-message')?.dataset.userId;
      const m = id && this.members.find((x) => x.id === id);
      if (!m) return;
      dialog.close('message');
      this.onMessagePrivately({ id: m.id, nick: m.nick, avatar: m.avatar });
    });
    document.body.append(dialog);
    this.dialog = dialog;
    return dialog;
  }
}
