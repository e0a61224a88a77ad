// state.js — The client's model: rooms with their event logs (deduplicated and ordered by seq), the directory, people online, typing and unread; views subscribe to named topics.

import { storage } from './storage.js';
import { isDirect } from './direct.js';
import { applyRetention } from './retention.js';

const TYPING_SHOWN_MS = 5000;

/** One room the user is a member of. */
export class Room {
  constructor(name) {
    this.name = name;
    this.topic = '';
    this.members = 0;
    this.lastSeq = 0;
    this.readSeq = 0;
    /** Events (message or notice) ascending by seq, at most one per seq. */
    this.events = [];
    this.bySeq = new Map();
    /** Every seq from the oldest held up to `synced` is held; catch-up asks for what follows. */
    this.synced = 0;
    this.hasOlder = true;
    this.loadingOlder = false;
    this.loadedLatest = false;
    /** Seqs of messages from others not yet read, plus an estimate for ones not fetched. */
    this.unread = new Set();
    this.unreadExtra = 0;
    /** Seqs of unread messages that mention me (counted apart in the badge). */
    this.mentions = new Set();
    /** A direct room's two members [{id, nick, avatar}], from the server's room view. */
    this.users = null;
    /** A direct conversation opened here that the server has not opened yet: its first send says `to`. */
    this.pending = false;
    /** userId → {nick, until} */
    this.typing = new Map();
    /** Every change (edit, delete, reaction) up to this rev is applied; see changes.js. */
    this.rev = 0;
    this.revCatchUp = null;
    /** The oldest seq the server still holds (retention removes older ones); see retention.js. */
    this.firstSeq = 1;
    /** The room's own retention policy {days, count}, or null; and who created it (may set it). */
    this.retention = null;
    this.createdBy = null;
  }

  get oldestSeq() { return this.events.length ? this.events[0].seq : 0; }
  get newestSeq() { return this.events.length ? this.events[this.events.length - 1].seq : 0; }
  get unreadCount() { return this.unread.size + this.unreadExtra; }
  get mentionCount() { return this.mentions.size; }

  /**
   * Adds events, ignoring seqs already held (a later version of a message — edited,
   * deleted, reacted: a higher rev — replaces the held one). Returns the events that were new.
   */
  insert(events) {
    const fresh = [];
    let replaced = false;
    for (const ev of events) {
      if (!ev || !Number.isInteger(ev.seq) || ev.seq < 1) continue;
      const held = this.bySeq.get(ev.seq);
      if (held) {
        if (isNewerVersion(held, ev)) {
          this.bySeq.set(ev.seq, ev);
          this.events[this.indexOf(ev.seq)] = ev;
          if (ev.deleted) { this.unread.delete(ev.seq); this.mentions.delete(ev.seq); }
          replaced = true;
        }
        continue;
      }
      this.bySeq.set(ev.seq, ev);
      fresh.push(ev);
    }
    if (fresh.length) {
      fresh.sort((a, b) => a.seq - b.seq);
      if (!this.events.length || fresh[0].seq > this.newestSeq) this.events.push(...fresh);
      else this.events = this.events.concat(fresh).sort((a, b) => a.seq - b.seq);
      this.recomputeSynced();
      if (this.newestSeq > this.lastSeq) this.lastSeq = this.newestSeq;
      if (this.oldestSeq <= Math.max(1, this.firstSeq)) this.hasOlder = false;
    }
    return { fresh, changed: fresh.length > 0 || replaced };
  }

  indexOf(seq) {
    let lo = 0;
    let hi = this.events.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.events[mid].seq;
      if (s === seq) return mid;
      if (s < seq) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }

  recomputeSynced() {
    let synced = this.oldestSeq;
    for (let i = 1; i < this.events.length && this.events[i].seq === synced + 1; i++) synced++;
    this.synced = synced;
  }

  /** Forgets the log (a gap too long to fill is cheaper to reload than to page through). */
  resetLog() {
    this.events = [];
    this.bySeq.clear();
    this.synced = 0;
    this.hasOlder = true;
    this.loadedLatest = false;
  }

  /** The room's current rev, as the server reports it: with nothing held, nothing can be stale. */
  startRev(rev) {
    if (Number.isInteger(rev) && !this.events.length && rev > this.rev) this.rev = rev;
  }

  /** Moves the read marker forward and drops unread entries it covers. */
  markRead(seq) {
    if (seq > this.readSeq) this.readSeq = seq;
    for (const s of this.unread) if (s <= this.readSeq) this.unread.delete(s);
    for (const s of this.mentions) if (s <= this.readSeq) this.mentions.delete(s);
    if (this.readSeq >= this.lastSeq) this.unreadExtra = 0;
  }
}

/** Each change to a message gets the room's next rev, so of two versions the higher rev is the later one. */
function isNewerVersion(held, ev) {
  if (ev.type !== 'message' || held.type !== 'message') return false;
  return (ev.rev || 0) > (held.rev || 0);
}

export class State {
  constructor() {
    this.listeners = new Map();
    this.dirty = new Set();
    this.flushQueued = false;
    this.reset();
  }

  reset() {
    this.me = null;
    /** A welcome has arrived on this page: the room list is real, not just not loaded yet. */
    this.welcomed = false;
    /** name → Room */
    this.rooms = new Map();
    /** name → {name, topic, members} for every public room */
    this.directory = new Map();
    /** id → {id, nick, avatar, status} for people online or away */
    this.users = new Map();
    this.current = null;
    /** Set by the message view: is the newest message in view? */
    this.atBottom = true;
    this.limits = { text: 8000 };
    this.touch('me', 'rooms', 'log', 'users', 'directory', 'typing');
  }

  /** Subscribes fn to a topic: me, rooms, log, users, directory, typing, connection. */
  on(topic, fn) {
    if (!this.listeners.has(topic)) this.listeners.set(topic, []);
    this.listeners.get(topic).push(fn);
  }

  /** Marks topics changed; listeners run once per topic at the end of the current task. */
  touch(...topics) {
    for (const t of topics) this.dirty.add(t);
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => this.flush());
  }

  flush() {
    this.flushQueued = false;
    const topics = [...this.dirty];
    this.dirty.clear();
    for (const t of topics) for (const fn of this.listeners.get(t) || []) {
      try { fn(); } catch (err) { console.error(`parley: ${t} view failed`, err); }
    }
  }

  room(name) {
    return this.rooms.get(name) || null;
  }

  currentRoom() {
    return this.current ? this.room(this.current) : null;
  }

  ensureRoom(name) {
    let room = this.rooms.get(name);
    if (!room) {
      room = new Room(name);
      this.rooms.set(name, room);
      this.touch('rooms');
    }
    return room;
  }

  /** Applies the {name, topic, members, lastSeq, readSeq, rev} the server reports for a room of ours. */
  applyRoomInfo(info) {
    const room = this.ensureRoom(info.name);
    if (typeof info.topic === 'string') room.topic = info.topic;
    if (Number.isInteger(info.members)) room.members = info.members;
    if (Number.isInteger(info.lastSeq) && info.lastSeq > room.lastSeq) room.lastSeq = info.lastSeq;
    if (Number.isInteger(info.readSeq)) room.markRead(info.readSeq);
    room.startRev(info.rev);
    applyRetention(room, info);
    if (typeof info.createdBy === 'string') room.createdBy = info.createdBy;
    if (Array.isArray(info.users)) room.users = info.users.filter((u) => u && typeof u.id === 'string');
    room.pending = false;
    this.touch('rooms');
    if (isDirect(info.name)) return room;
    this.directory.set(info.name, {
      name: info.name,
      topic: room.topic,
      members: room.members,
    });
    this.touch('rooms', 'directory');
    return room;
  }

  removeRoom(name) {
    this.rooms.delete(name);
    if (this.current === name) this.current = null;
    this.touch('rooms', 'log', 'directory', 'typing');
  }

  /** Public rooms in display order: general first, then by name. */
  roomList() {
    return [...this.rooms.values()].filter((r) => !isDirect(r.name)).sort((a, b) =>
      (a.name === 'general' ? -1 : b.name === 'general' ? 1 : a.name.localeCompare(b.name)));
  }

  /** Direct conversations, the latest activity first. */
  /**
   * The direct conversations for the sidebar, latest first, without those hidden on this device
   * (a hidden one comes back by itself when a message newer than the hiding arrives).
   */
  directList() {
    const last = (r) => (r.events.length ? r.events[r.events.length - 1].ts || 0 : 0);
    const hidden = storage.hiddenDirect();
    return [...this.rooms.values()]
      .filter((r) => isDirect(r.name) && (r.name === this.current || !(r.name in hidden) || r.lastSeq > hidden[r.name]))
      .sort((a, b) => last(b) - last(a));
  }

  /** Hides a direct conversation from the sidebar on this device until its next message. */
  hideDirect(name) {
    const room = this.rooms.get(name);
    if (!room || !isDirect(name)) return;
    storage.saveHiddenDirect({ ...storage.hiddenDirect(), [name]: room.lastSeq });
    this.touch('rooms');
  }

  totalUnread() {
    let n = 0;
    const looking = this.atBottom && document.visibilityState === 'visible';
    for (const r of this.rooms.values()) if (r.name !== this.current || !looking) n += r.unreadCount;
    return n;
  }

  setTyping(roomName, user) {
    const room = this.room(roomName);
    if (!room || !user || user.id === this.me?.id) return;
    room.typing.set(user.id, { nick: user.nick, until: Date.now() + TYPING_SHOWN_MS });
    this.touch('typing');
  }

  clearTyping(roomName, userId) {
    const room = this.room(roomName);
    if (room?.typing.delete(userId)) this.touch('typing');
  }
}
