// state.js — The client's model and its only writer: rooms (room.js), the directory, people online, typing, unread, the open room. Everything that learns something (sync, actions, views) tells State what happened through a method named for it; views subscribe to the topics in TOPIC and re-render.

import { storage } from './storage.js';
import { isDirect } from './direct.js';
import { typingShared } from './typing-rules.js';
import { Room } from './room.js';
import { Topics, TOPIC } from './topics.js';
import { People } from './people.js';

export { Room, TOPIC };
const TYPING_SHOWN_MS = 5000;

export class State extends Topics {
  /** `visible()`: whether the page is in view (document.visibilityState); passed in so that the model needs no DOM. */
  constructor({ visible = () => true } = {}) {
    super();
    this.visible = visible;
    this.reset();
  }

  reset() {
    this.me = null;
    /** Who each user id is now (people.js): the names every view shows. */
    this.people = new People();
    /** A welcome has arrived on this page: the room list is real, not just not loaded yet. */
    this.welcomed = false;
    /** name → Room */
    this.rooms = new Map();
    /** name → {name, topic, members} for every public room */
    this.directory = new Map();
    /** id → {id, nick, avatar, status} for people online or away */
    this.users = new Map();
    this.current = null;
    /** Is the newest message of the open room in view? (The message view reports it.) */
    this.atBottom = true;
    /** The message a search result opened, shown highlighted until `until`: {room, seq, until} or null. */
    this.highlight = null;
    /** Where the open room's unread part began when it was opened ({room, after: its read marker then}), or null: see open. */
    this.unreadMark = null;
    this.limits = { text: 8000 };
    this.serverRetention = null;
    this.touch(TOPIC.ME, TOPIC.ROOMS, TOPIC.LOG, TOPIC.USERS, TOPIC.DIRECTORY, TOPIC.TYPING);
  }

  // ---------- Reading ----------

  room(name) { return this.rooms.get(name) || null; }

  currentRoom() { return this.current ? this.room(this.current) : null; }

  /** Public rooms in display order: general first, then by name. */
  roomList() {
    return [...this.rooms.values()].filter((r) => !isDirect(r.name)).sort((a, b) =>
      (a.name === 'general' ? -1 : b.name === 'general' ? 1 : a.name.localeCompare(b.name)));
  }

  /** Direct conversations for the sidebar, latest first; one hidden on this device shows again once a newer message arrives. */
  directList() {
    const last = (r) => (r.events.length ? r.events[r.events.length - 1].ts || 0 : 0);
    const hidden = storage.hiddenDirect();
    return [...this.rooms.values()]
      .filter((r) => isDirect(r.name) && (r.name === this.current || !(r.name in hidden) || r.lastSeq > hidden[r.name]))
      .sort((a, b) => last(b) - last(a));
  }

  /** Unread messages in every room, but the open one while its newest message is in view. */
  totalUnread() {
    let n = 0;
    const looking = this.atBottom && this.visible();
    for (const r of this.rooms.values()) if (r.name !== this.current || !looking) n += r.unreadCount;
    return n;
  }

  // ---------- Who I am, and what a welcome says ----------

  /** A stored session, before the socket is up: who I am (null when the session does not say). */
  restoreSession(user) {
    if (user) this.me = user;
    this.touch(TOPIC.ME, TOPIC.LOG);
  }

  /** A welcome: who I am, the limits, people online, the directory; rooms it no longer lists go (a pending direct one stays). */
  welcome(welcome, listed) {
    this.me = welcome.user;
    this.welcomed = true;
    if (welcome.server?.limits) this.limits = { ...this.limits, ...welcome.server.limits };
    this.serverRetention = welcome.server?.retention ?? null;
    this.users = new Map();
    for (const u of welcome.users || []) if (u?.id) this.users.set(u.id, u);
    this.peopleSeen([welcome.user, ...(welcome.users || [])]);
    this.directory = new Map();
    for (const d of welcome.directory || []) if (d?.name) this.directory.set(d.name, d);
    for (const [name, held] of [...this.rooms]) if (!listed.has(name) && !held.pending) this.removeRoom(name);
    this.touch(TOPIC.ME, TOPIC.ROOMS, TOPIC.USERS, TOPIC.DIRECTORY, TOPIC.TYPING, TOPIC.LOG);
  }

  /** One room of a welcome: its info; nobody is typing on a new connection yet; the open room's "New messages" line if it has any. */
  roomFromWelcome(info) {
    const read = Math.max(this.rooms.get(info.name)?.readSeq ?? 0, info.readSeq || 0);
    const room = this.applyRoomInfo(info);
    if (info.name === this.current && !this.unreadMark && room.lastSeq > read) this.unreadMark = { room: info.name, after: read };
    room.typing.clear();
    if (!room.lastSeq) this.roomIsEmpty(room);
    return room;
  }

  // ---------- Rooms ----------

  ensureRoom(name) {
    let room = this.rooms.get(name);
    if (!room) {
      room = new Room(name);
      this.rooms.set(name, room);
      this.touch(TOPIC.ROOMS);
    }
    return room;
  }

  /** Applies the {name, topic, members, lastSeq, readSeq, rev} the server reports for a room of ours. */
  applyRoomInfo(info) {
    const room = this.ensureRoom(info.name);
    room.applyInfo(info);
    this.touch(TOPIC.ROOMS);
    if (isDirect(info.name) || room.isPrivate) return this.unlist(info.name), room; // in nobody's directory
    this.directory.set(info.name, { name: info.name, topic: room.topic, members: room.members });
    this.touch(TOPIC.ROOMS, TOPIC.DIRECTORY);
    return room;
  }

  /** A live `room` frame: a public room's goes to the directory (and the room, if ours); a new direct room is ours, and empty; a private room's reaches its members only (an invitation, or a change). */
  applyRoomFrame(f) {
    if (typeof f.name !== 'string') return;
    if (isDirect(f.name) || f.private) {
      const fresh = !this.room(f.name) || this.room(f.name).pending;
      const room = this.applyRoomInfo(f);
      if (fresh && !room.lastSeq && isDirect(f.name)) this.roomIsEmpty(room);
      return;
    }
    const entry = { name: f.name, topic: f.topic ?? '', members: f.members ?? 0 };
    this.directory.set(f.name, entry);
    const room = this.room(f.name);
    if (room) {
      room.applyFrame(f);
      this.touch(TOPIC.ROOMS, TOPIC.LOG);
    }
    this.touch(TOPIC.DIRECTORY);
  }

  unlist(name) { if (this.directory.delete(name)) this.touch(TOPIC.DIRECTORY); }

  /** Public rooms a directory page listed. */
  addToDirectory(entries) {
    for (const d of entries) this.directory.set(d.name, { name: d.name, topic: d.topic ?? '', members: d.members ?? 0 });
    this.touch(TOPIC.DIRECTORY);
  }

  /** "Message privately" before the server has opened the room: `user` ({id, nick, avatar}, or a list for a group) the other members. */
  openPendingDirect(name, user) {
    const room = this.ensureRoom(name);
    room.openPending(this.me, user);
    this.roomIsEmpty(room);
    return room;
  }

  removeRoom(name) {
    this.rooms.delete(name);
    if (this.current === name) this.current = null;
    this.touch(TOPIC.ROOMS, TOPIC.LOG, TOPIC.DIRECTORY, TOPIC.TYPING);
  }

  /** Hides a direct conversation from the sidebar on this device until its next message. */
  hideDirect(name) {
    const room = this.rooms.get(name);
    if (!room || !isDirect(name)) return;
    storage.saveHiddenDirect({ ...storage.hiddenDirect(), [name]: room.lastSeq });
    this.touch(TOPIC.ROOMS);
  }

  /** The room's own retention policy, as its creator just saved it (null: the server's). */
  setRetention(room, policy) {
    room.retention = policy;
  }

  /** A room kept on this device (device-cache.js's record), before the socket is up; its events follow through Sync.ingest. */
  restoreRoom(record) {
    const room = this.ensureRoom(record.name);
    room.restore(record);
    return room;
  }

  /** The kept events are in: they reflect `rev`, and are the room's newest as far as the device knows. */
  restoreRev(room, rev) {
    room.restoreRev(rev);
    this.touch(TOPIC.ROOMS, TOPIC.LOG);
  }

  // ---------- The open room, and where its reader is ----------

  /** Opens a room (null: none), at its newest message. */
  open(name) {
    // The "New messages" line stays where the unread part began until another room is opened,
    // though the read marker moves on as soon as the newest message is seen.
    if (name !== this.current) {
      const room = name ? this.rooms.get(name) : null;
      this.unreadMark = room && room.unreadCount > 0 ? { room: name, after: room.readSeq } : null;
    }
    this.current = name;
    this.atBottom = true;
    this.touch(TOPIC.LOG, TOPIC.ROOMS, TOPIC.TYPING);
  }

  /** Whether the newest message of the open room is in view (the badges depend on it). */
  setAtBottom(atBottom) {
    if (this.atBottom === atBottom) return;
    this.atBottom = atBottom;
    this.touch(TOPIC.ROOMS);
  }

  /** Shows one message of the open room highlighted for `ms` (a search result), away from the newest. */
  highlightMessage(room, seq, ms) {
    const highlight = { room, seq: Number(seq), until: Date.now() + ms };
    this.highlight = highlight;
    this.setAtBottom(false);
    this.touch(TOPIC.LOG);
    setTimeout(() => {
      if (this.highlight !== highlight) return;
      this.highlight = null;
      this.touch(TOPIC.LOG);
    }, ms);
  }

  /** The outbox (outbox.js) took, confirmed, failed or dropped a message: pending rows change. */
  outboxChanged() {
    this.touch(TOPIC.LOG);
  }

  // ---------- A room's log ----------

  /** Events arrived, live or in a page: held in order; new messages from others after the read marker are unread. Returns the new ones. */
  receive(room, events) {
    const { fresh, changed, typing } = room.receive(events, this.me?.id);
    if (typing) this.touch(TOPIC.TYPING);
    if (this.people.seenIn(fresh) || changed) this.touch(TOPIC.LOG, TOPIC.ROOMS);
    return fresh;
  }

  /** The newest page of a room arrived (`more`: older ones exist); its events follow, through Sync.ingest. */
  latestPageLoaded(room, events, more) {
    room.latestPage(events, more);
    this.touch(TOPIC.LOG);
  }

  /** A page older than everything held arrived; its events follow, through Sync.ingest. */
  olderPageLoaded(room, events, more) {
    room.olderPage(events, more);
    this.touch(TOPIC.LOG);
  }

  /** The events held end at the room's newest (an unread count's page was its whole tail). */
  latestLoaded(room) {
    room.loadedLatest = true;
  }

  /** A page is being fetched (`which`: 'older' or 'latest'), or is done. */
  setLoading(room, which, on) {
    if (which === 'older') room.loadingOlder = on;
    else if (which === 'latest') room.loadingLatest = on;
    else throw new Error(`parley: no page "${which}"`);
    this.touch(TOPIC.LOG);
  }

  /** The room has no messages at all: nothing older to ask for, nothing newer to wait for. */
  roomIsEmpty(room) {
    room.empty();
    this.touch(TOPIC.LOG);
  }

  /** Forgets a room's log (a gap too long to page through): it is loaded again from the newest end. */
  resetLog(room) {
    room.resetLog();
    this.touch(TOPIC.LOG);
  }

  // ---------- Unread and mentions ----------

  /** Moves the room's read marker to `seq`: never back, unless `back` (marked unread on some device). */
  markRead(room, seq, back = false) {
    const before = room.unreadCount;
    const read = room.readSeq;
    if (back) room.setReadBack(seq, this.me?.id); else room.markRead(seq);
    if (room.unreadCount !== before || room.readSeq !== read) this.touch(TOPIC.ROOMS);
  }

  /** A page after the read marker counted as unread (`extra`: those past it, estimated); returns the messages counted. */
  unreadCounted(room, events, extra) {
    const counted = room.countUnread(events, this.me?.id, extra);
    this.touch(TOPIC.ROOMS);
    return counted;
  }

  /** An unread message names me (decided once its Markdown is parsed): counted if still unread. */
  mentioned(room, seq) {
    if (room.mention(seq)) this.touch(TOPIC.ROOMS);
  }

  // ---------- Changes to messages: rev (see changes.js) ----------

  /** A rev seen live: complete up to it, unless a catch-up is still running (then only noted). */
  noteRev(room, rev) { room?.noteRev(rev); }

  /** A `changes` catch-up from `since` starts; returns its token. */
  startRevCatchUp(room, since) { return room.startRevCatchUp(since); }

  /** The catch-up `run` ends: with `complete` (every change up to it applied), or cut short (null: rev stays). */
  endRevCatchUp(room, run, complete = null) { room.endRevCatchUp(run, complete); }

  // ---------- People ----------

  /** A presence frame: someone came, changed or went (me included: my nick and avatar follow). */
  applyPresence(user, status) {
    if (!user?.id) return;
    if (user.id === this.me?.id) {
      // A presence frame always carries the avatar when there is one: none is the generated one.
      this.me = { ...this.me, nick: user.nick ?? this.me.nick, avatar: user.avatar };
      if (status === 'offline') return;
      this.touch(TOPIC.ME);
    }
    if (status === 'offline') this.users.delete(user.id);
    else this.users.set(user.id, { ...user, status });
    this.touch(TOPIC.USERS);
    this.peopleSeen([user]);
  }

  /** People a live frame named (welcome, presence, a `users` or `members` answer): who they are now; a rename shows on old messages. */
  peopleSeen(users) {
    if (this.people.nowAll(users)) this.touch(TOPIC.LOG, TOPIC.ROOMS, TOPIC.USERS);
  }

  setTyping(roomName, user) {
    const room = this.room(roomName);
    if (!room || !user || user.id === this.me?.id || !typingShared(room)) return;
    room.typing.set(user.id, { nick: user.nick, until: Date.now() + TYPING_SHOWN_MS });
    this.touch(TOPIC.TYPING);
  }

  /** Forgets "is typing" entries older than `now` (the view asks before it draws). */
  dropExpiredTyping(now) {
    for (const room of this.rooms.values()) room.dropTyping(now);
  }
}
