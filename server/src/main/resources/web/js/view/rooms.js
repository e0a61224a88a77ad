// view/rooms.js — The room list and the direct conversations, with unread and mention badges, and the "new room" dialog ("browse rooms" is view/browse.js).

import { h, $, icon, patchChildren } from '../dom.js';
import { countLabel } from '../format.js';
import { partnerOf, othersOf, roomLabel, isGroup, STATUS_TEXT } from '../direct.js';
import { presenceAvatar, avatarStack } from '../avatar.js';
import { setupDialog, openDialog } from './dialogs.js';
import { emojify } from '../emoji/emojify.js';
import { t } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';

/** A padlock, for the private rooms in the list. */
export const LOCK_ICON = ['M7 11V8a5 5 0 0 1 10 0v3', 'M5 11h14v10H5z'];

/** The sentence for a refusal: the client's own for a known code (js/i18n/errors.js). */
export const errorText = (err) => errorSentence(err, null);

export class RoomsView {
  constructor({ state, actions, onRoomChosen }) {
    this.state = state;
    this.actions = actions;
    this.onRoomChosen = onRoomChosen;
    this.list = $('#room-list');
    this.dmList = $('#dm-list');
    this.dmHead = $('#dm-heading');
    this.toggleBadge = $('#rooms-button-badge');
    this.dmList.addEventListener('click', (e) => {
      const hide = e.target.closest('.dm-hide');
      if (!hide) return;
      e.stopPropagation();
      const name = hide.dataset.room;
      state.hideDirect(name);
      const next = state.roomList()[0]?.name;
      if (state.current === name && next) actions.openRoom(next);
    });
    for (const list of [this.list, this.dmList]) {
      list.addEventListener('click', (e) => {
        const button = e.target.closest('.room-item');
        if (!button) return;
        actions.openRoom(button.dataset.room);
        onRoomChosen();
      });
    }
    this.initNewRoom();
  }

  render() {
    const { state } = this;
    const active = document.activeElement;
    const focusedRoom = [this.list, this.dmList].some((list) => list.contains(active)) ? active.closest('.room-item')?.dataset.room : undefined;
    let others = 0;
    const item = (room, face, label, extra) => {
      const current = room.name === state.current;
      const count = room.unreadCount;
      const showBadge = count > 0 && !(current && state.atBottom);
      if (!current) others += count;
      return h('li', null,
        h('button', {
          type: 'button',
          class: `room-item${current ? ' current' : ''}${showBadge ? ' has-unread' : ''}${extra.class ?? ''}`,
          'data-testid': 'room-item',
          dataset: { room: room.name, ...extra.dataset },
          'aria-current': current ? 'page' : null,
          title: extra.title || null,
        },
        face,
        h('span', { class: 'room-name', 'data-testid': 'room-label' }, label),
        extra.sr ? h('span', { class: 'sr-only' }, extra.sr) : null,
        showBadge ? badges(count, room.mentionCount) : null));
    };
    patchChildren(this.list, state.roomList().map((room) => item(room,
      room.isPrivate
        ? h('span', { class: 'room-hash room-lock', 'data-testid': 'room-lock', 'aria-hidden': 'true' }, icon(LOCK_ICON))
        : h('span', { class: 'room-hash', 'aria-hidden': 'true' }, '#'),
      room.name, { title: emojify(room.topic) || null, sr: room.isPrivate ? t('rooms.private-sr') : null })));
    const direct = state.directList();
    patchChildren(this.dmList, direct.map((room) => {
      let li;
      if (isGroup(room.name)) {
        const others = othersOf(state, room);
        li = item(room, avatarStack(others), roomLabel(state, room), {
          class: ' dm-item group-item', dataset: { people: String(others.length + 1) },
          sr: t('rooms.group-sr', { count: others.length + 1 }), title: roomLabel(state, room),
        });
      } else {
        const p = partnerOf(state, room);
        const mine = p.id === state.me?.id;
        li = item(room, presenceAvatar(p, p.status, 'sm'), mine ? t('people.me', { nick: p.nick }) : p.nick, {
          class: ' dm-item', dataset: { status: p.status, userId: p.id }, sr: mine ? null : t('sr.status', { status: STATUS_TEXT[p.status] }),
        });
      }
      li.append(h('button', {
        type: 'button', class: 'icon-btn small dm-hide', 'data-testid': 'dm-hide', dataset: { room: room.name },
        'aria-label': t('rooms.hide-label', { name: roomLabel(state, room) }), title: t('rooms.hide'),
      }, '×'));
      return li;
    }));
    this.dmList.hidden = !direct.length;
    this.dmHead.hidden = !direct.length;
    if (focusedRoom) $('#rooms-panel').querySelector(`[data-room="${CSS.escape(focusedRoom)}"]`)?.focus();
    this.toggleBadge.hidden = others === 0;
    this.toggleBadge.textContent = others ? countLabel(others) : '';
  }

  initNewRoom() {
    const dialog = setupDialog($('#new-room-dialog'));
    const form = dialog.querySelector('form');
    const name = $('#new-room-name');
    const topic = $('#new-room-topic');
    const isPrivate = $('#new-room-private');
    const error = $('#new-room-error');
    const submit = $('#new-room-submit');
    this.newRoomDialog = dialog;

    const showError = (text) => {
      error.textContent = text;
      name.setAttribute('aria-invalid', text ? 'true' : 'false');
    };
    name.addEventListener('input', () => showError(''));

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const value = name.value.trim();
      if (!value) { showError(t('rooms.name-needed')); name.focus(); return; }
      submit.disabled = true;
      try {
        await this.actions.createRoom(value, topic.value.trim(), isPrivate.checked);
        dialog.close('created');
        this.onRoomChosen();
      } catch (err) {
        showError(errorText(err));
        name.focus();
      } finally {
        submit.disabled = false;
      }
    });

    this.openNewRoom = () => {
      form.reset();
      showError('');
      openDialog(dialog, '#new-room-name');
    };
    $('#new-room-button').addEventListener('click', this.openNewRoom);
  }
}

/** "3" and "@1", read out as "3 unread, 1 mention". */
function badges(count, mentions) {
  const said = t('rooms.unread-sr', { count: countLabel(count) }) + (mentions ? t('rooms.mentions-sr', { count: mentions }) : '');
  return h('span', { class: 'badges' },
    h('span', { class: 'unread-badge', 'data-testid': 'unread-badge', 'aria-hidden': 'true' }, countLabel(count)),
    mentions ? h('span', { class: 'mention-badge', 'data-testid': 'mention-badge', 'aria-hidden': 'true' }, `@${countLabel(mentions)}`) : null,
    h('span', { class: 'sr-only', 'data-testid': 'unread-label' }, said));
}
