// moderation.js — Room moderation in the client: the member list with its moderation menu, the note to someone a moderator acted on (`moderated`), and the room roles of others as far as they are known (so Delete is not offered on a message the server would refuse).

import { MembersDialog } from './view/members-dialog.js';
import { ModerationMenu } from './view/moderation-menu.js';
import { isDirect } from './direct.js';
import { moderatedSentence, myRole, canModerate, canSetRoles } from './moderation-text.js';

/** room → Map(user id → room role), from the member list and the `role` notices. */
const knownRoles = new Map();

/** Notes the room roles a `members` page gave. */
export function noteRoles(room, members) {
  const roles = knownRoles.get(room) ?? new Map();
  for (const m of members) if (m?.id && typeof m.roomRole === 'string') roles.set(m.id, m.roomRole);
  knownRoles.set(room, roles);
}

/** The room role of user `id` in `room` (a Room), as far as known: its creator owns it. */
export function roleIn(room, id) {
  if (room?.createdBy && room.createdBy === id && room.name !== 'general') return 'owner';
  return knownRoles.get(room?.name)?.get(id) ?? 'member';
}

/** May I delete this message of someone else in `room`? (Moderators and above, on a lower role.) */
export function mayDeleteOthers(state, room, msg) {
  if (!room || isDirect(room.name) || !msg?.from?.id) return false; // direct conversations have no moderators
  return canModerate(myRole(room, state.me), roleIn(room, msg.from.id));
}

/**
 * Wires it up (one line in main.js): the members dialog, and the frames only moderation cares
 * about. A kick or a ban takes the room off my list (the open room moves on: main.js).
 */
export function initModeration({ state, conn, toast, onMessagePrivately, userCard }) {
  let members = null;
  const menu = new ModerationMenu({ conn, toast, onDone: (room) => { if (members?.dialog?.open && members.room === room) members.open(room); } });
  members = new MembersDialog({ state, conn, toast, onMessagePrivately, menu, noteRoles });
  // A person's card (a message author's) offers the same menu, for the open room.
  const target = (user) => {
    const room = state.currentRoom();
    if (!room || isDirect(room.name) || !user?.id || user.id === state.me?.id) return null;
    const mine = myRole(room, state.me);
    const theirs = roleIn(room, user.id);
    return canModerate(mine, theirs) || canSetRoles(mine, theirs) ? { room: room.name, mine, member: { id: user.id, nick: user.nick, roomRole: theirs } } : null;
  };
  if (userCard) {
    userCard.moderation = {
      canAct: (user) => !!target(user),
      open: (user) => { const t = target(user); if (t) menu.open(t.room, t.member, t.mine); },
    };
  }
  conn.addEventListener('frame', (e) => {
    const f = e.detail;
    if (f.type === 'notice' && f.event === 'role' && f.user?.id) noteRoles(f.room, [{ id: f.user.id, roomRole: f.role }]);
    if (f.type !== 'moderated' || typeof f.room !== 'string') return;
    toast(moderatedSentence(f));
    if (f.action === 'kick' || f.action === 'ban') {
      if (members.room === f.room) members.dialog?.close('gone');
      state.removeRoom(f.room);
    }
  });
  return members;
}
