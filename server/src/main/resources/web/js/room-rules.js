// room-rules.js — What my role in a room lets me do (change its settings, read its moderation history, post in a read-only room), the `settings` frame a form's values make, and how an audit entry reads. Pure: the room settings and audit dialogs and the composer use it.

import { isDirect } from './direct.js';
import { t } from './i18n.js';

const RANK = { member: 0, moderator: 1, owner: 2 };

/** My role in the room ('owner', 'moderator' or 'member'): the one the server last told me (a broadcast `room` frame has none: the known one stays). */
export function roleOf(room) {
  return room && typeof room.role === 'string' && room.role in RANK ? room.role : 'member';
}

const isAdmin = (me) => me?.role === 'admin';
const moderated = (room) => Boolean(room) && !isDirect(room.name) && !room.pending;

/** Room settings: the owner's, and any server administrator's. */
export function canEditSettings(room, me) {
  return moderated(room) && (roleOf(room) === 'owner' || isAdmin(me));
}

/** The room's moderation history: its owner's and moderators', and administrators'. */
export function canSeeAudit(room, me) {
  return moderated(room) && (RANK[roleOf(room)] >= RANK.moderator || isAdmin(me));
}

/** Whether the composer shows: a read-only room takes posts from moderators, its owner and administrators only. */
export function mayPost(room, me) {
  if (!room || !room.readOnly || isDirect(room.name)) return true;
  return RANK[roleOf(room)] >= RANK.moderator || isAdmin(me);
}

/** The `settings` frame for what the form changed ({topic, private, readOnly}), or null when nothing did. */
export function settingsFrame(room, values) {
  const frame = { type: 'settings', room: room.name };
  const topic = values.topic.trim();
  if (topic !== (room.topic ?? '')) frame.topic = topic;
  if (values.private !== Boolean(room.isPrivate)) frame.private = values.private;
  if (values.readOnly !== Boolean(room.readOnly)) frame.readOnly = values.readOnly;
  return Object.keys(frame).length > 2 ? frame : null;
}

/** The audit actions with words of their own: audit.<action>. */
const ACTIONS = new Set(['kick', 'mute', 'ban', 'unban', 'unmute', 'role', 'settings', 'delete']);

/** One audit entry as a line: {who, what, whom, why, detail}; every part plain text. */
export function describeEntry(entry) {
  const who = entry.actor?.nick ?? t('audit.someone');
  const action = ACTIONS.has(entry.action) ? t(`audit.${entry.action}`) : entry.action ?? '';
  return {
    who,
    what: action,
    whom: entry.user?.nick ?? '',
    room: entry.room ?? '',
    why: entry.reason ?? '',
    detail: entry.detail ?? '',
  };
}

/** Entries of several pages, newest first, each once (pages may overlap at their `ts` border). */
export function mergeEntries(held, page) {
  const key = (e) => `${e.ts}|${e.actor?.id}|${e.action}|${e.room}|${e.user?.id}|${e.detail}|${e.reason}`;
  const seen = new Set(held.map(key));
  const merged = [...held];
  for (const e of page) if (!seen.has(key(e))) { seen.add(key(e)); merged.push(e); }
  return merged.sort((a, b) => b.ts - a.ts);
}
