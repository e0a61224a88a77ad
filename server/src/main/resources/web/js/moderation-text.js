// moderation-text.js — Who may act on whom in a room (owner, moderator, member; a server admin above all) and the sentences moderation shows: the notices in the log, the `moderated` note to the person acted on. Pure: no DOM, so node tests read it.

import { untilText } from './format.js';

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
  const unit = (n, one, many) => (n === 1 ? one : `${n} ${many}`);
  if (m % 1440 === 0) return unit(m / 1440, 'a day', 'days');
  if (m % 60 === 0) return unit(m / 60, 'an hour', 'hours');
  return unit(m, 'a minute', 'minutes');
}

const withReason = (reason) => (reason ? `: ${reason}` : '');

/** The note to the person a moderator acted on (the `moderated` frame), one plain sentence. */
export function moderatedSentence(f, now = Date.now()) {
  const by = f.by?.nick ? ` by ${f.by.nick}` : '';
  const room = `#${f.room}`;
  const until = f.until ? ` until ${untilText(f.until, now)}` : '';
  switch (f.action) {
    case 'kick': return `You were removed from ${room}${by}${withReason(f.reason)}`;
    case 'mute': return `You are muted in ${room}${until}${by}${withReason(f.reason)}`;
    case 'ban': return `You were banned from ${room}${until}${by}${withReason(f.reason)}`;
    case 'unmute': return `You may write in ${room} again: your mute was lifted${by}`;
    case 'unban': return `You may come back to ${room}: your ban was lifted${by}`;
    default: return `A moderator acted on you in ${room}${by}${withReason(f.reason)}`;
  }
}

/** The notice kinds this module puts into words. */
export const MODERATION_EVENTS = new Set(['kick', 'mute', 'ban', 'unban', 'unmute', 'role', 'settings']);

/**
 * A moderation notice as parts: strings, and {who} for a person's name (shown bold), named as
 * known now through `nickOf(id)` when it knows them. Null for other notices.
 */
export function noticeParts(ev, nickOf = () => null) {
  if (!MODERATION_EVENTS.has(ev?.event)) return null;
  const name = (u) => ({ who: (u?.id && nickOf(u.id)) || u?.nick || 'Someone' });
  const by = name(ev.by ?? ev.user);
  const user = name(ev.user);
  const span = ev.until && ev.ts ? ` for ${durationText((ev.until - ev.ts) / 60000)}` : '';
  switch (ev.event) {
    case 'kick': return [by, ' removed ', user, withReason(ev.reason)];
    case 'mute': return [by, ' muted ', user, span, withReason(ev.reason)];
    case 'ban': return [by, ' banned ', user, span, withReason(ev.reason)];
    case 'unban': return [by, ' lifted the ban on ', user];
    case 'unmute': return [by, ' lifted the mute on ', user];
    case 'role': return [by, ' made ', user, ev.role === 'moderator' ? ' a moderator' : ' a member'];
    default: {
      const what = [];
      if (typeof ev.topic === 'string') what.push(ev.topic ? `topic “${ev.topic}”` : 'no topic');
      if (ev.readOnly === true) what.push('read-only');
      if (ev.readOnly === false) what.push('everyone may write');
      return [by, ' changed the room settings', what.length ? `: ${what.join(', ')}` : ''];
    }
  }
}

/** The notice as one line of plain text ("Ann removed Bob: off topic"). */
export function noticeSentence(ev, nickOf) {
  return noticeParts(ev, nickOf)?.map((p) => (typeof p === 'string' ? p : p.who)).join('') ?? null;
}
