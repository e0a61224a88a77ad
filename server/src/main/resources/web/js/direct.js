// direct.js — Direct conversations: the `dm:` room names, who the other person is, and what to call a room on screen (never its raw `dm:` id).

const PREFIX = 'dm:';

export const isDirect = (name) => typeof name === 'string' && name.startsWith(PREFIX);

/** The room the server opens for two users: their ids sorted, joined by `:` (one id twice for oneself). */
export const directName = (a, b) => PREFIX + [String(a), String(b)].sort().join(':');

/** online | away | offline, from the presence the client holds. */
export function statusOf(state, id) {
  const s = state.users.get(id)?.status;
  return s === 'online' || s === 'away' ? s : 'offline';
}

/**
 * The other member of a direct room {id, nick, avatar, status}: from the room's `users`, else an
 * author of its messages, else the ids in its name; live presence wins for nick and avatar.
 */
export function partnerOf(state, room) {
  const me = state.me?.id;
  let other = null;
  const users = Array.isArray(room.users) ? room.users : [];
  other = users.find((u) => u && u.id !== me) || (users.length && users.every((u) => u?.id === me) ? users[0] : null);
  if (!other) other = room.events.find((ev) => ev.type === 'message' && ev.from?.id && ev.from.id !== me)?.from || null;
  if (!other) {
    const ids = room.name.slice(PREFIX.length).split(':');
    const id = ids.find((x) => x !== me) ?? ids[0];
    other = state.users.get(id) || { id, nick: '' };
  }
  const live = state.users.get(other.id) ?? state.people.current(other);
  return {
    id: other.id,
    nick: live?.nick ?? other.nick ?? '',
    avatar: live?.avatar ?? other.avatar,
    status: statusOf(state, other.id),
  };
}

/** What a room is called on screen: `#name`, or the other person's nick. */
export function roomLabel(state, room) {
  if (!room) return '';
  if (!isDirect(room.name)) return `#${room.name}`;
  const p = partnerOf(state, room);
  if (p.id === state.me?.id) return `${p.nick || 'You'} (you)`;
  return p.nick || 'Direct message';
}

export const STATUS_TEXT = { online: 'Online', away: 'Away', offline: 'Offline' };
