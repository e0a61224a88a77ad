// moderation-text.js — Who may act on whom in a room (owner, moderator, member; a server admin above all) and the sentences moderation shows: the notices in the log, the `moderated` note to the person acted on. Pure: no DOM, so node tests read it.

import { untilText } from './format.js';
import { t, tParts } from './i18n.js';

const RANK = { member: 1, moderator: 2, owner: 3, admin: 4 };
const rank = (role) => RANK[role] ?? 1;

/** My standing in `room` (a Room or {role}): a server administrator's is above every room role. */
export function myRole(room, me) {
  return me?.role === 'admin' ? 'admin' : room?.role ?? 'member';
}

/** Moderators and above act on people of a lower role only (never on themselves: the caller leaves them out). */
export const canModerate = (mine, theirs) => rank(mine) >= RANK.moderator && rank(mine) > rank(theirs);

/** Only the owner (or an administrator) names moderators, and never changes the owner's role. */
export const canSetRoles = (mine, theirs) => rank(mine) >= RANK.owner && rank(theirs) < RANK.owner;

/** "10 minutes", "an hour", "a day", "3 days". */
export function durationText(minutes) {
  const m = Math.max(1, Math.round(minutes));
  if (m % 1440 === 0) return t('duration.days', { count: m / 1440 });
  if (m % 60 === 0) return t('duration.hours', { count: m / 60 });
  return t('duration.minutes', { count: m });
}

const withReason = (reason) => (reason ? t('sanction.reason', { reason }) : '');

/** The note to the person a moderator acted on (the `moderated` frame), one plain sentence. */
export function moderatedSentence(f, now = Date.now()) {
  const by = f.by?.nick ? t('sanction.by', { nick: f.by.nick }) : '';
  const room = `#${f.room}`;
  const until = f.until ? t('sanction.until', { when: untilText(f.until, now) }) : '';
  const reason = withReason(f.reason);
  const action = ['kick', 'mute', 'ban', 'unmute', 'unban'].includes(f.action) ? f.action : 'other';
  return t(`moderated.${action}`, { room, until, by, reason });
}

/** The notice kinds this module puts into words. */
export const MODERATION_EVENTS = new Set(['kick', 'mute', 'ban', 'unban', 'unmute', 'role', 'settings']);

/**
 * A moderation notice as parts: strings, and {who} for a person's name (shown bold), named as
 * known now through `nickOf(id)` when it knows them. Null for other notices.
 */
export function noticeParts(ev, nickOf = () => null) {
  if (!MODERATION_EVENTS.has(ev?.event)) return null;
  const name = (u) => ({ who: (u?.id && nickOf(u.id)) || u?.nick || t('people.someone') });
  const by = name(ev.by ?? ev.user);
  const user = name(ev.user);
  const span = ev.until && ev.ts ? t('modnotice.for', { duration: durationText((ev.until - ev.ts) / 60000) }) : '';
  const reason = withReason(ev.reason);
  switch (ev.event) {
    case 'kick': case 'mute': case 'ban': case 'unban': case 'unmute':
      return tParts(`modnotice.${ev.event}`, { by, user, span, reason });
    case 'role': return tParts(ev.role === 'moderator' ? 'modnotice.role-moderator' : 'modnotice.role-member', { by, user });
    default: {
      const what = [];
      if (typeof ev.topic === 'string') what.push(ev.topic ? t('modnotice.topic', { topic: ev.topic }) : t('modnotice.no-topic'));
      if (ev.readOnly === true) what.push(t('modnotice.read-only'));
      if (ev.readOnly === false) what.push(t('modnotice.everyone-writes'));
      return tParts(what.length ? 'modnotice.settings-what' : 'modnotice.settings', { by, what: what.join(t('people.list-separator')) });
    }
  }
}

/** The notice as one line of plain text ("Ann removed Bob: off topic"). */
export function noticeSentence(ev, nickOf) {
  return noticeParts(ev, nickOf)?.map((p) => (typeof p === 'string' ? p : p.who)).join('') ?? null;
}
