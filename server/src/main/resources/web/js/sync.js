// sync.js — Keeps the model in step with the server: applies welcome and live frames, catches up through history (and changes) after every (re)connect, counts unread, pages older history.

import { applyRetention } from './retention.js';
import { Changes } from './changes.js';
import { isDirect } from './direct.js';
import { mentionsMeSoon } from './mentions.js';

const PAGE = 50;
const MAX_PAGE = 200;
/** Past this many catch-up pages a room's log is dropped and reloaded from the newest end. */
const CATCH_UP_PAGES = 5;

export class Sync {
  constructor(conn, state, outbox) {
    this.conn = conn;
    this.state = state;
    this.outbox = outbox;
    this.changes = new Changes(conn, state, this);
    /** Called with (room, message) for each new message that arrives live (not from history). */
    this.onLiveMessage = null;
  }

  /** Every event, live or from history, enters the model here. */
  ingest(room, events) {
    const { fresh, changed } = room.insert(events);
    const me = this.state.me?.id;
    let outboxChanged = false;
    for (const ev of fresh) {
      if (ev.type !== 'message') continue;
      if (ev.from?.id === me) {
        if (ev.id && this.outbox.confirm(ev.id)) outboxChanged = true;
      } else {
        if (ev.seq > room.readSeq && !ev.deleted) room.unread.add(ev.seq);
        if (ev.seq > room.readSeq) this.noteMention(room, ev);
        if (ev.from?.id) this.state.clearTyping(room.name, ev.from.id);
      }
    }
    if (changed || outboxChanged) this.state.touch('log', 'rooms');
    if (fresh.length) this.markReadIfLooking();
    return fresh;
  }

  /** Counts a message that names me, once its Markdown is parsed (off the main thread), if still unread then. */
  noteMention(room, ev) {
    mentionsMeSoon(this.state, room, ev).then((yes) => {
      if (!yes || ev.seq <= room.readSeq || room.mentions.has(ev.seq) || !room.unread.has(ev.seq)) return;
      room.mentions.add(ev.seq);
      this.state.touch('rooms');
    });
  }

  /** Sends `read` when the user is actually looking at the newest message of the open room. */
  markReadIfLooking() {
    const room = this.state.currentRoom();
    if (!room || document.visibilityState !== 'visible' || !this.state.atBottom) return;
    const seq = room.newestSeq;
    const before = room.unreadCount;
    if (seq > room.readSeq) {
      room.markRead(seq);
      this.conn.send({ type: 'read', room: room.name, seq });
    } else {
      room.markRead(room.readSeq);
    }
    if (room.unreadCount !== before) this.state.touch('rooms');
  }

  applyWelcome(welcome) {
    const { state, conn } = this;
    state.me = welcome.user;
    state.welcomed = true;
    if (welcome.server?.limits) state.limits = { ...state.limits, ...welcome.server.limits };
    state.serverRetention = welcome.server?.retention ?? null;

    state.users = new Map();
    for (const u of welcome.users || []) if (u?.id) state.users.set(u.id, u);
    state.directory = new Map();
    for (const d of welcome.directory || []) if (d?.name) state.directory.set(d.name, d);

    const rooms = (welcome.rooms || []).filter((r) => r && typeof r.name === 'string');
    const names = new Set(rooms.map((r) => r.name));
    for (const [name, held] of [...state.rooms]) if (!names.has(name) && !held.pending) state.removeRoom(name);

    // Decide every catch-up point now, before any live frame of this connection is applied.
    const plans = [];
    for (const info of rooms) {
      const held = state.room(info.name);
      const after = held && held.events.length ? held.synced : null;
      const since = this.changes.sinceFor(held);
      const localRead = held ? held.readSeq : 0;
      const room = state.applyRoomInfo(info);
      room.typing.clear();
      if (localRead > (info.readSeq || 0)) conn.send({ type: 'read', room: room.name, seq: localRead });
      if (!room.lastSeq) { room.hasOlder = false; room.loadedLatest = true; }
      plans.push({ room, after, lastSeq: room.lastSeq, since, rev: info.rev });
    }
    state.touch('me', 'rooms', 'users', 'directory', 'typing', 'log');

    for (const { room, after, lastSeq, since, rev } of plans) {
      this.changes.catchUp(room, since, rev);
      if (after != null) this.catchUp(room, after);
      else {
        if (lastSeq > room.readSeq) this.countUnread(room, lastSeq);
        if (room.name === state.current && !room.loadedLatest) this.loadLatest(room);
      }
    }
  }

  async catchUp(room, after) {
    let cursor = after;
    try {
      for (let page = 0; ; page++) {
        if (page === CATCH_UP_PAGES) {
          // Too far behind to page through: start the log again from the newest end.
          room.resetLog();
          this.state.touch('log');
          if (room.lastSeq > room.readSeq) this.countUnread(room, room.lastSeq);
          if (room.name === this.state.current) this.loadLatest(room);
          return;
        }
        const reply = await this.history(room, { after: cursor, limit: MAX_PAGE });
        const events = reply.events || [];
        this.ingest(room, events);
        if (!reply.more || !events.length) return;
        cursor = events[events.length - 1].seq;
      }
    } catch (err) {
      this.quiet(err);
    }
  }

  /** Counts unread messages from others after the read marker (exact up to 200, then estimated). */
  async countUnread(room, lastSeq) {
    const from = room.readSeq;
    try {
      const reply = await this.history(room, { after: from, limit: MAX_PAGE });
      const events = reply.events || [];
      let last = from;
      for (const ev of events) {
        last = Math.max(last, ev.seq);
        if (ev.type === 'message' && ev.from?.id !== this.state.me?.id && !ev.deleted && ev.seq > room.readSeq) {
          room.unread.add(ev.seq);
          this.noteMention(room, ev);
        }
      }
      room.unreadExtra = reply.more ? Math.max(0, lastSeq - last) : 0;
      // Without more, these events are the room's complete tail: keep them rather than fetch again.
      if (!reply.more && events.length && (!room.events.length || events[0].seq <= room.synced + 1)) {
        this.ingest(room, events);
        if (!room.events.length || room.newestSeq >= lastSeq) room.loadedLatest = true;
      }
      room.markRead(room.readSeq);
      this.state.touch('rooms');
    } catch (err) {
      this.quiet(err);
    }
  }

  /** The newest page of a room, for a room opened with nothing (or only live events) held. */
  async loadLatest(room) {
    if (room.loadingLatest) return;
    room.loadingLatest = true;
    this.state.touch('log');
    try {
      const reply = await this.history(room, { limit: PAGE });
      const events = reply.events || [];
      room.loadedLatest = true;
      room.hasOlder = !!reply.more && events.length > 0;
      this.ingest(room, events);
    } catch (err) {
      this.quiet(err);
    } finally {
      room.loadingLatest = false;
      this.state.touch('log');
    }
  }

  async loadOlder(room) {
    if (room.loadingOlder || !room.hasOlder || !this.conn.ready) return;
    if (!room.events.length) { this.loadLatest(room); return; }
    room.loadingOlder = true;
    this.state.touch('log');
    try {
      const reply = await this.history(room, { before: room.oldestSeq, limit: PAGE });
      const events = reply.events || [];
      if (!reply.more || !events.length) room.hasOlder = false;
      this.ingest(room, events);
    } catch (err) {
      this.quiet(err);
    } finally {
      room.loadingOlder = false;
      this.state.touch('log');
    }
  }

  history(room, range) {
    return this.conn.request({ type: 'history', room: room.name, ...range });
  }

  /** Applies a live frame that no request was waiting for. */
  applyFrame(f) {
    const { state } = this;
    switch (f.type) {
      case 'message':
      case 'notice': {
        if (typeof f.room !== 'string') return;
        if (f.type === 'notice' && f.event === 'leave' && f.user?.id === state.me?.id) {
          // We left from another tab or device.
          state.removeRoom(f.room);
          return;
        }
        if (!state.room(f.room)) {
          // Joined from another tab or device: take what the directory knows about the room.
          const known = state.directory.get(f.room);
          state.applyRoomInfo({ name: f.room, topic: known?.topic ?? '', members: known?.members });
        }
        const room = state.room(f.room);
        // A change to a message not held is not news: whatever loads it later gets its current state.
        if (!(f.rev > 0) || room.bySeq.has(f.seq)) {
          const fresh = this.ingest(room, [f]);
          if (f.type === 'message' && fresh.length) this.onLiveMessage?.(room, f);
        }
        this.changes.noteRev(room, f.rev);
        return;
      }
      case 'room': {
        if (typeof f.name !== 'string') return;
        if (isDirect(f.name)) {
          // Only its two members hear of a direct room: a new one is ours, and empty so far.
          const fresh = !state.room(f.name) || state.room(f.name).pending;
          const room = state.applyRoomInfo(f);
          if (fresh && !room.lastSeq) { room.hasOlder = false; room.loadedLatest = true; }
          return;
        }
        const entry = { name: f.name, topic: f.topic ?? '', members: f.members ?? 0 };
        state.directory.set(f.name, entry);
        const room = state.room(f.name);
        if (room) {
          room.topic = entry.topic;
          if (Number.isInteger(f.members)) room.members = f.members;
          room.startRev(f.rev);
          applyRetention(room, f);
          state.touch('rooms', 'log');
        }
        state.touch('directory');
        return;
      }
      case 'presence': {
        const user = f.user;
        if (!user?.id) return;
        if (user.id === state.me?.id) {
          state.me = { ...state.me, nick: user.nick ?? state.me.nick, avatar: user.avatar ?? state.me.avatar };
          if (f.status === 'offline') return;
          state.touch('me');
        }
        if (f.status === 'offline') state.users.delete(user.id);
        else state.users.set(user.id, { ...user, status: f.status });
        state.touch('users');
        return;
      }
      case 'reaction':
        this.changes.applyReaction(f);
        return;
      case 'typing':
        if (f.room && f.user) state.setTyping(f.room, f.user);
        return;
      case 'read': {
        const room = state.room(f.room);
        if (room && Number.isInteger(f.seq)) {
          room.markRead(f.seq);
          state.touch('rooms');
        }
        return;
      }
      default:
    }
  }

  quiet(err) {
    // A dropped connection rejects in-flight requests; the next welcome catches up again.
    if (err?.code !== 'disconnected') console.warn('parley: history failed', err);
  }
}
