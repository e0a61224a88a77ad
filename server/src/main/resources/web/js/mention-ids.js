// mention-ids.js — Mentions carried by user id: which people a message being sent means (picked from the `@` popup, or typed and resolved to whoever holds that name now), whether a message mentions me, and the names its mentions show now.

import { isDirect } from './direct.js';

/** The most ids one `send` may carry (the server refuses more). */
export const MAX_MENTIONS = 50;

/** A character that continues a name: "@ann" does not mention ann inside "@annie" (as markdown.js). */
const WORD_CHAR = /[\p{L}\p{N}_]/u;
/** What may not stand right before the @ of a mention: "bob@ann" is an address (as markdown.js). */
const NOT_BEFORE = /[\p{L}\p{N}_.+\-@]/u;

/**
 * The people who hold names now, by lower-case nick: those online or away first (State.users),
 * then those a live frame named (people.js); a name learned only from an old event is not a
 * holder, as someone else may hold it by now.
 */
export function nameHolders(state) {
  const byNick = new Map();
  const add = (u) => {
    if (u && typeof u.id === 'string' && typeof u.nick === 'string' && u.nick) {
      const key = u.nick.toLowerCase();
      if (!byNick.has(key)) byNick.set(key, { id: u.id, nick: u.nick });
    }
  };
  for (const u of state.users?.values?.() ?? []) add(u);
  for (const u of state.people?.byId?.values?.() ?? []) if (u.live) add(u);
  if (state.me) add(state.me);
  return byNick;
}

/**
 * The user ids `text` mentions, in the order written, at most MAX_MENTIONS: at each `@`, the
 * longest name that follows it as a whole word, a person picked from the popup for that name
 * (`picked`: [{id, nick}]) before whoever holds it now (`holders`, from nameHolders).
 */
export function mentionIds(text, picked = [], holders = new Map()) {
  const byNick = new Map(holders);
  for (const p of picked) if (p && typeof p.id === 'string' && p.nick) byNick.set(p.nick.toLowerCase(), p);
  const lengths = [...new Set([...byNick.keys()].map((k) => k.length))].sort((a, b) => b - a);
  const ids = [];
  const str = String(text ?? '');
  for (let i = str.indexOf('@'); i >= 0 && ids.length < MAX_MENTIONS; i = str.indexOf('@', i + 1)) {
    if (i > 0 && NOT_BEFORE.test(str[i - 1])) continue;
    for (const length of lengths) {
      const end = i + 1 + length;
      const who = byNick.get(str.slice(i + 1, end).toLowerCase());
      if (!who || (end < str.length && WORD_CHAR.test(str[end]))) continue;
      if (!ids.includes(who.id)) ids.push(who.id);
      i = end - 1;
      break;
    }
  }
  return ids;
}

/**
 * Whether a message in `room` mentions me, when it carries its mentions by id: only by id, never a
 * message of mine, a deleted one or one in a direct room (those are for me anyway). Null when it
 * carries no `mentions` (a message from before they were carried by id): then its text decides.
 */
export function mentionsMeById(state, room, ev) {
  if (!Array.isArray(ev?.mentions)) return null;
  const me = state.me;
  if (!me?.id || ev.type !== 'message' || ev.deleted || ev.from?.id === me.id || isDirect(room.name)) return false;
  return mentionsById(ev, me.id);
}

/** Whether a message mentions user `myId` by id: true or false when it carries `mentions`, null when it does not (then its text decides). */
export function mentionsById(ev, myId) {
  if (!Array.isArray(ev?.mentions)) return null;
  return !!myId && ev.mentions.some((m) => m?.id === myId);
}

/**
 * For the renderer: the written name (lower case) → {id, name now, me}; null when the message
 * carries no mentions. `nickOf(id)`: the name known now, or null (then the name as written).
 */
export function mentionTargets(ev, nickOf, myId) {
  if (!Array.isArray(ev?.mentions) || !ev.mentions.length) return null;
  const out = new Map();
  for (const m of ev.mentions) {
    if (!m || typeof m.id !== 'string' || typeof m.nick !== 'string' || !m.nick) continue;
    const key = m.nick.toLowerCase();
    if (!out.has(key)) out.set(key, { id: m.id, written: m.nick, name: nickOf(m.id) ?? m.nick, me: m.id === myId });
  }
  return out;
}

/** The names `ev`'s mentions show now, as one string: part of a row's version, so a rename draws it again. */
export function mentionNamesKey(ev, nickOf) {
  if (!Array.isArray(ev?.mentions) || !ev.mentions.length) return '';
  return ev.mentions.map((m) => `${m?.id}=${nickOf(m?.id) ?? m?.nick}`).join('\u0000');
}
