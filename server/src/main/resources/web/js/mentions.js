// mentions.js — Who a message is for (a mention of me, a direct message), the nicknames the renderer highlights, and the `@` provider of the composer's popup.

import { takesPart } from './thread-rules.js';
import { t } from './i18n.js';
import { mentionsMe, mentionsMeNow } from './markdown.js';
import { presenceAvatar } from './avatar.js';
import { isDirect, statusOf, STATUS_TEXT } from './direct.js';
import { mentionsMeById } from './mention-ids.js';

/** How many people one `users` request asks for (the contract allows 50). */
const SEARCH_LIMIT = 20;
const STATUS_RANK = { online: 0, away: 1, offline: 2 };

function mayMentionMe(state, room, ev) {
  const me = state.me;
  if (!me?.nick || ev.type !== 'message' || ev.deleted || ev.from?.id === me.id || isDirect(room.name)) return false;
  return typeof ev.text === 'string' && ev.text.toLowerCase().includes(`@${me.nick.toLowerCase()}`);
}

/**
 * A message from someone else in a public room that names me, as far as its Markdown is parsed
 * now (false until it is: views are rebuilt then). `options`: the room's mentionOptions when the
 * caller has them (computed here only for a text that may mention me).
 */
export function mentionsMeIn(state, room, ev, options) {
  const known = mentionsMeById(state, room, ev);
  if (known !== null) return known;
  if (!mayMentionMe(state, room, ev)) return false;
  return mentionsMeNow(ev.text, state.me.nick, (options ?? mentionOptions(state, room)).nicks);
}

/** The same, once the message's Markdown is parsed (off the main thread: see markdown.js). */
export async function mentionsMeSoon(state, room, ev) {
  const known = mentionsMeById(state, room, ev);
  if (known !== null) return known;
  if (!mayMentionMe(state, room, ev)) return false;
  return mentionsMe(ev.text, state.me.nick, mentionOptions(state, room).nicks);
}

/** A message that deserves a desktop notification: a mention of me, or a direct message to me. */
export async function isForMe(state, room, ev) {
  if (ev.type !== 'message' || ev.deleted || ev.from?.id === state.me?.id) return false;
  return isDirect(room.name) || takesPart(room, ev, state.me?.id) || mentionsMeSoon(state, room, ev);
}

/** The options of renderMarkdown for a room: my nick and id, the Set of nicks it can highlight (longest match wins there), and nickOf(id) for mentions by id. */
export function mentionOptions(state, room) {
  const nicks = new Set();
  for (const u of state.users.values()) if (u.nick) nicks.add(u.nick);
  for (const u of room?.users || []) if (u.nick) nicks.add(u.nick);
  for (const ev of room?.events || []) if (ev.from?.nick) nicks.add(ev.from.nick);
  if (state.me?.nick) nicks.add(state.me.nick);
  return { myNick: state.me?.nick ?? '', myId: state.me?.id ?? null, nicks, nickOf: (id) => state.people.nick(id) };
}

/**
 * The `@` provider: people online first (the client's own list, instantly), then those the server
 * finds among people who share a room with me (the `users` frame); merged, deduplicated, online first.
 * Each offers "Message privately".
 */
export function peopleProvider({ state, conn, onMessagePrivately, onPicked }) {
  /** query → users the server returned for it; a short answer to a prefix answers every longer query. */
  const answers = new Map();

  async function fromServer(q) {
    for (let i = q.length; i >= 0; i--) {
      const known = answers.get(q.slice(0, i));
      if (known && (i === q.length || known.length < SEARCH_LIMIT)) return known.filter((u) => matches(u.nick, q));
    }
    if (!conn.ready) return [];
    try {
      const reply = await conn.request({ type: 'users', q, limit: SEARCH_LIMIT });
      const users = (reply.users || []).filter((u) => u && typeof u.id === 'string');
      state.peopleSeen(users);
      answers.set(q, users);
      return users;
    } catch {
      return [];
    }
  }

  // People come and go: answers are only good for one popup's worth of typing.
  let answeredAt = 0;

  return {
    trigger: '@',
    minChars: 0,
    spaces: true,
    label: t('mentions.label'),
    async items(query) {
      if (Date.now() - answeredAt > 30_000) answers.clear();
      answeredAt = Date.now();
      const q = query.toLowerCase();
      const me = state.me?.id;
      const byId = new Map();
      for (const u of state.users.values()) if (u.id !== me && matches(u.nick, q)) byId.set(u.id, { ...u });
      for (const u of await fromServer(q)) {
        if (u.id === me) continue;
        const held = byId.get(u.id);
        // Presence frames are newer than the server's answer: live status wins.
        byId.set(u.id, held ? { ...u, ...held } : { ...u, status: state.users.has(u.id) ? statusOf(state, u.id) : (u.status || 'offline') });
      }
      return [...byId.values()]
        .sort((a, b) => (STATUS_RANK[a.status] ?? 2) - (STATUS_RANK[b.status] ?? 2)
          || rank(a.nick, q) - rank(b.nick, q)
          || String(a.nick).localeCompare(String(b.nick)))
        .map((u) => ({
          key: u.id,
          label: u.nick,
          detail: STATUS_TEXT[u.status] ?? STATUS_TEXT.offline,
          icon: presenceAvatar(u, u.status, 'sm'),
          insert: `@${u.nick}`,
          onPick: () => onPicked?.({ id: u.id, nick: u.nick }),
          actions: [{ label: t('users.message-privately'), run: () => onMessagePrivately(u) }],
        }));
    },
  };
}

function matches(nick, q) {
  return !q || String(nick ?? '').toLowerCase().includes(q);
}

/** Nicks that start with the query come before those that only contain it. */
function rank(nick, q) {
  return String(nick ?? '').toLowerCase().startsWith(q) ? 0 : 1;
}
