// direct.js — Direct conversations of two people or a group (up to eight): the `dm:` room names, who the others are, and what to call a room on screen (never its raw `dm:` id).

import { t } from './i18n.js';

const PREFIX = 'dm:';

export const isDirect = (name) => typeof name === 'string' && name.startsWith(PREFIX);

/** The room the server opens for two users: their ids sorted, joined by `:` (one id twice for oneself). */
export const directName = (a, b) => PREFIX + [String(a), String(b)].sort().join(':');

/** Most people in one conversation, me included (the server's limit). */
export const MAX_GROUP = 8;

/** The room the server opens for a set of users (me included): their ids sorted, once each; one id alone twice. */
export function groupName(ids) {
  const set = [...new Set(ids.map(String))].sort();
  return set.length === 1 ? directName(set[0], set[0]) : PREFIX + set.join(':');
}

/** The user ids a direct room's name lists. */
export const idsOf = (name) => name.slice(PREFIX.length).split(':');

/** A conversation of three or more people. */
export const isGroup = (name) => isDirect(name) && idsOf(name).length > 2;

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

/**
 * The other members of a group {id, nick, avatar, status}, by nick (so a group reads the same
 * whoever's ids sort first): nick and avatar by user id, as known now (presence, people.js), else
 * as the room's `users` gave them.
 */
export function othersOf(state, room) {
  const me = state.me?.id;
  const given = new Map((Array.isArray(room.users) ? room.users : []).filter((u) => u?.id).map((u) => [u.id, u]));
  return idsOf(room.name).filter((id) => id !== me).map((id) => {
    const known = given.get(id) || state.users.get(id) || { id, nick: '' };
    const live = state.users.get(id) ?? state.people.current(known);
    return { id, nick: live?.nick || known.nick || state.people.nick(id) || '', avatar: live?.avatar ?? known.avatar, status: statusOf(state, id) };
  }).sort((a, b) => a.nick.localeCompare(b.nick) || (a.id < b.id ? -1 : 1));
}

/** A group's name on screen: the other members' nicks, "Ann, Bob and Cat". */
export function groupLabel(state, room) {
  const nicks = othersOf(state, room).map((p) => p.nick || t('people.someone'));
  return nicks.length > 1 ? t('people.list-and', { list: nicks.slice(0, -1).join(t('people.list-separator')), last: nicks[nicks.length - 1] }) : nicks.join('');
}

/** What a room is called on screen: `#name`, the other person's nick, or a group's members. */
export function roomLabel(state, room) {
  if (!room) return '';
  if (!isDirect(room.name)) return `#${room.name}`;
  if (isGroup(room.name)) return groupLabel(state, room);
  const p = partnerOf(state, room);
  if (p.id === state.me?.id) return t('people.me', { nick: p.nick || t('people.you') });
  return p.nick || t('people.direct');
}

export const STATUS_TEXT = { online: t('presence.online'), away: t('presence.away'), offline: t('presence.offline') };
