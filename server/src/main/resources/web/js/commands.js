// commands.js — The composer's built-in slash commands (`/kick @ann off topic`, `/mute @ann 10m`, `/ban @ann 1d spam`, `/unmute @ann`, `/unban @ann`, `/topic ...`, `/invite @ann`): what each does and who may, the `/` autocomplete's list, and a typed command turned into the frame the contract names (or a plain sentence saying what is wrong). Pure functions: no DOM, no socket.

import { isDirect } from './direct.js';
import { t } from './i18n.js';

/** The longest mute or ban a command may ask for: a year, as the server allows. */
export const MAX_MINUTES = 525_600;

const RANK = { member: 0, moderator: 1, owner: 2, admin: 3 };

/** Each command: its name, what follows it, what it does, and the least role that may use it. */
export const COMMANDS = [
  { name: 'kick', args: '@name reason', help: 'commands.help-kick', role: 'moderator' },
  { name: 'mute', args: '@name 10m|1h|1d', help: 'commands.help-mute', role: 'moderator' },
  { name: 'ban', args: '@name [1d] reason', help: 'commands.help-ban', role: 'moderator' },
  { name: 'unmute', args: '@name', help: 'commands.help-unmute', role: 'moderator' },
  { name: 'unban', args: '@name', help: 'commands.help-unban', role: 'moderator' },
  { name: 'topic', args: 'text', help: 'commands.help-topic', role: 'owner' },
  { name: 'invite', args: '@name', help: 'commands.help-invite', role: 'member' },
];

/** Whether `role` (of the room, or 'admin' for a server administrator) reaches `least`. */
export function mayUse(role, least) {
  return (RANK[role] ?? 0) >= (RANK[least] ?? 0);
}

/** The commands `role` may use whose name starts with `query`, for the `/` popup. */
export function commandsFor(role, query = '') {
  const q = String(query).toLowerCase();
  return COMMANDS.filter((c) => c.name.startsWith(q) && mayUse(role, c.role));
}

/**
 * Minutes from "10m", "1h", "1d", "2h30m" or a bare number (minutes); null when it is not a
 * duration. Weeks too: "1w".
 */
export function parseMinutes(text) {
  const s = String(text ?? '').trim().toLowerCase();
  if (/^\d{1,7}$/.test(s)) return Number(s);
  if (!/^(\d{1,7}[mhdw])+$/.test(s)) return null;
  let total = 0;
  for (const [, n, unit] of s.matchAll(/(\d{1,7})([mhdw])/g)) total += Number(n) * { m: 1, h: 60, d: 1440, w: 10_080 }[unit];
  return total;
}

/**
 * The person named at the start of `args` ("@Ann Lee the rest"): the longest name known
 * (`byNick`: Map of lower-case nick → {id, nick}) that follows the @ as a whole word; with the rest.
 */
function person(args, byNick) {
  if (!args.startsWith('@')) return null;
  const lower = args.toLowerCase();
  let best = null;
  for (const [key, who] of byNick) {
    const end = 1 + key.length;
    if (lower.startsWith(key, 1) && (end === args.length || /\s/.test(args[end])) && (!best || key.length > best.key.length)) best = { key, who, rest: args.slice(end).trim() };
  }
  return best;
}

/**
 * A composer text as a command: null when it is not one (a message to send as typed: text that
 * does not start with "/word": a path, "//", or a space first); else {frame} to send, or {error} to show.
 * `room`: the room's name; `role`: mine in it; `people`: [{id, nick}] who may be named (picked
 * from the popup first, then whoever holds a name now).
 */
export function parseCommand(text, { room, role = 'member', people = [], direct = false }) {
  const m = /^\/([a-z]+)(?:\s+([\s\S]*))?$/i.exec(String(text ?? '').trimEnd());
  if (!m) return null;
  const name = m[1].toLowerCase();
  const args = (m[2] ?? '').trim();
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) return { error: t('commands.unknown', { name }) };
  if (direct) return { error: t('commands.in-direct', { name }) };
  if (!mayUse(role, command.role)) return { error: t('commands.only-role', { roles: t(`roles.${command.role}`), name }) };
  if (name === 'topic') return { frame: { type: 'settings', room, topic: args } };
  const byNick = new Map();
  for (const p of people) if (p && typeof p.id === 'string' && p.nick && !byNick.has(p.nick.toLowerCase())) byNick.set(p.nick.toLowerCase(), p);
  const named = person(args, byNick);
  if (!named) return { error: args.startsWith('@') ? t('commands.no-one', { who: args.split(/\s/)[0] }) : t('commands.say-who', { usage: `/${name} ${command.args}` }) };
  const user = named.who.id;
  const reason = named.rest;
  switch (name) {
    case 'kick':
      return { frame: { type: 'kick', room, user, ...(reason ? { reason } : {}) } };
    case 'unban':
    case 'unmute':
      return { frame: { type: name, room, user } };
    case 'invite':
      return { frame: { type: 'invite', room, user } };
    case 'mute': {
      const minutes = parseMinutes(reason.split(/\s+/)[0]);
      if (minutes == null) return { error: t('commands.how-long') };
      if (minutes < 1 || minutes > MAX_MINUTES) return { error: t('commands.mute-range') };
      return { frame: { type: 'mute', room, user, minutes } };
    }
    case 'ban': {
      const [first, ...more] = reason.split(/\s+/);
      const minutes = parseMinutes(first);
      if (minutes != null && (minutes < 1 || minutes > MAX_MINUTES)) return { error: t('commands.ban-range') };
      const why = (minutes == null ? reason : more.join(' ')).trim();
      return { frame: { type: 'ban', room, user, ...(why ? { reason: why } : {}), ...(minutes != null ? { minutes } : {}) } };
    }
    default:
      throw new Error(`unhandled command ${name}`);
  }
}

/** My role in `room` for the commands: a server administrator ranks above every room role. */
export function myRole(state, room) {
  return state.me?.role === 'admin' ? 'admin' : (room?.role ?? 'member');
}

/** The `/` provider of the composer's popup: the commands my role in the open room allows. */
export function commandProvider({ state }) {
  return {
    trigger: '/',
    minChars: 0,
    atStart: true,
    label: t('commands.label'),
    async items(query) {
      const room = state.currentRoom();
      if (/\s/.test(query) || isDirect(room?.name)) return [];
      return commandsFor(myRole(state, room), query).map((c) => ({
        key: c.name,
        label: `/${c.name} ${c.args}`,
        detail: t(c.help),
        insert: `/${c.name}`,
      }));
    },
  };
}
