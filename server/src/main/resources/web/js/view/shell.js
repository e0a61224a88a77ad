// view/shell.js — The frame around the conversation: connection state, room header, page title and the drawers used on narrow screens.

import { $ } from '../dom.js';
import { isDirect, isGroup, othersOf, partnerOf, roomLabel, STATUS_TEXT as PRESENCE_TEXT } from '../direct.js';
import { FaviconBadge } from '../favicon.js';
import { presenceAvatar, avatarStack } from '../avatar.js';
import { LeaveDialog } from './leave-dialog.js';
import { emojify, emojiReady } from '../emoji/emojify.js';
import { t } from '../i18n.js';

const STATUS_TEXT = {
  idle: t('conn.offline'),
  connecting: t('conn.connecting'),
  connected: t('conn.connected'),
  reconnecting: t('conn.reconnecting'),
  offline: t('conn.offline'),
};

export class ShellView {
  constructor({ state, conn, actions, onError }) {
    this.state = state;
    this.conn = conn;
    this.actions = actions;
    this.onError = onError;
    this.connState = $('#connection-state');
    this.title = $('#room-title');
    this.topic = $('#room-topic');
    this.members = $('#room-members');
    this.leave = $('#leave-button');
    this.topbarRoom = $('#topbar-room');
    this.roomAvatar = $('#room-avatar');
    this.backdrop = $('#drawer-backdrop');
    this.favicon = new FaviconBadge();
    this.drawers = {
      rooms: { panel: $('#rooms-panel'), toggle: $('#rooms-button') },
      users: { panel: $('#users-panel'), toggle: $('#users-button') },
    };

    this.connState.addEventListener('click', () => conn.retryNow());
    this.leaveDialog = new LeaveDialog({ actions });
    this.leave.addEventListener('click', () => {
      if (state.current) this.leaveDialog.confirm(state.current);
    });

    for (const [name, { toggle }] of Object.entries(this.drawers)) {
      toggle.addEventListener('click', () => (this.openDrawer === name ? this.closeDrawers() : this.showDrawer(name)));
    }
    this.backdrop.addEventListener('click', () => this.closeDrawers());
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.openDrawer && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        this.closeDrawers();
      }
    });
    // Leaving the narrow layout with a drawer open would leave a stray backdrop.
    matchMedia('(min-width: 1001px)').addEventListener('change', () => this.closeDrawers(false));
    emojiReady.then(() => this.renderRoom()); // a topic's shortcodes, once the emoji data is in
  }

  showDrawer(name) {
    this.closeDrawers(false);
    const { panel, toggle } = this.drawers[name];
    this.openDrawer = name;
    panel.classList.add('open');
    toggle.setAttribute('aria-expanded', 'true');
    this.backdrop.hidden = false;
    // Keep Tab inside the drawer: what it covers cannot take focus meanwhile.
    for (const el of this.covered(name)) el.inert = true;
    // Wait for the visibility transition to start so the element can take focus.
    requestAnimationFrame(() => {
      const target = panel.querySelector('[aria-current="page"]') || panel.querySelector('button, [tabindex="0"], li');
      (target || panel).focus?.();
    });
  }

  /** Closes any open drawer; focus goes back to the button that opened it. */
  closeDrawers(restoreFocus = true) {
    const name = this.openDrawer;
    this.openDrawer = null;
    for (const { panel, toggle } of Object.values(this.drawers)) {
      panel.classList.remove('open');
      toggle.setAttribute('aria-expanded', 'false');
    }
    this.backdrop.hidden = true;
    for (const el of this.covered(null)) el.inert = false;
    if (name && restoreFocus) this.drawers[name].toggle.focus();
  }

  /** The parts of the page a drawer covers (all but itself and the top bar), or all of them for null. */
  covered(name) {
    const others = Object.entries(this.drawers).filter(([n]) => n !== name).map(([, d]) => d.panel);
    return [$('.chat'), ...others];
  }

  renderConnection() {
    const status = this.conn.shownStatus;
    this.connState.dataset.state = status;
    this.connState.querySelector('.conn-text').textContent = STATUS_TEXT[status] ?? status;
    this.connState.title = status === 'reconnecting' ? t('conn.retry-now') : STATUS_TEXT[status] ?? '';
    document.body.dataset.connection = status;
  }

  renderRoom() {
    const room = this.state.currentRoom();
    const direct = !!room && isDirect(room.name);
    const label = roomLabel(this.state, room);
    // A direct conversation is headed by the person (a group by its people): names and presence, and no Leave.
    const group = direct && isGroup(room.name) ? othersOf(this.state, room) : null;
    const partner = direct && !group ? partnerOf(this.state, room) : null;
    const topic = group ? t('room.group-topic', { count: group.length + 1 })
      : direct ? t('room.direct-topic', { status: PRESENCE_TEXT[partner.status] }) : room?.topic ?? '';
    this.roomAvatar.replaceChildren(...(group ? [avatarStack(group, 'sm')] : partner ? [presenceAvatar(partner, partner.status)] : []));
    this.roomAvatar.hidden = !partner && !group;
    this.title.textContent = label;
    this.topic.textContent = emojify(topic);
    this.topic.hidden = !topic;
    this.members.textContent = room && room.members && !direct ? t('room.members', { count: room.members }) : '';
    this.leave.hidden = !room || direct;
    if (room) this.leave.setAttribute('aria-label', t('room.leave-label', { room: room.name }));
    this.topbarRoom.textContent = label;
    const unread = this.state.totalUnread();
    const where = room ? `${label} · Parley` : 'Parley';
    document.title = unread ? `(${unread > 99 ? '99+' : unread}) ${where}` : where;
    this.favicon.show(unread);
  }
}
