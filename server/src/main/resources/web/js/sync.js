// sync.js — Keeps the model in step with the server: applies welcome and live frames, catches up through history (and changes) after every (re)connect, counts unread, pages older history.

import { readAfterWelcome } from './read-sync.js';
import { learnWhoAuthorsAre } from './who-is.js';
import { Changes } from './changes.js';
import { mentionsMeSoon } from './mentions.js';
import { threadOnly, takesPart } from './thread-rules.js';

const PAGE = 50;
const MAX_PAGE = 200;
/** Past this many catch-up pages a room's log is dropped and reloaded from the newest end. */
const CATCH_UP_PAGES = 5;
/** Older history is paged in this far (pages of MAX_PAGE) to reach a message; beyond, a window is loaded around it. */
const MAX_JUMP_PAGES = 40;
/** The messages loaded on each side of one reached that way. */
const NEIGHBOURS = 12;

export class Sync {
  constructor(conn, state, outbox) {
    this.conn = conn;
    this.state = state;
    this.outbox = outbox;
    this.changes = new Changes(conn, state, this);
    /** Called with (room, message) for each new message that arrives live (not from history). */
    this.onLiveMessage = null;
    /** Per room, the read marker the server last told this device of (read-sync.js). */
    this.readShared = new Map();
  }

  /** Every event, live or from history, enters the model here. */
  ingest(room, events) {
    const fresh = this.state.receive(room, events);
    const me = this.state.me?.id;
    for (const ev of fresh) {
      if (ev.type !== 'message') continue;
      if (ev.from?.id === me) {
        if (ev.id) this.outbox.confirm(ev.id);
      } else if (ev.seq > room.readSeq) {
        this.noteMention(room, ev);
      }
    }
    if (fresh.length) this.markReadIfLooking();
    return fresh;
  }

  /** Counts a message that names me, once its Markdown is parsed (off the main thread), if still unread then. */
  noteMention(room, ev) {
    // A reply in a thread I take part in counts as a mention would (thread-rules.js).
    if (threadOnly(ev) && takesPart(room, ev, this.state.me?.id)) { this.state.mentioned(room, ev.seq); return; }
    mentionsMeSoon(this.state, room, ev).then((yes) => { if (yes) this.state.mentioned(room, ev.seq); });
  }

  /** Sends `read` when the user is actually looking at the newest message of the open room. */
  markReadIfLooking() {
    const room = this.state.currentRoom();
    if (!room || document.visibilityState !== 'visible' || !this.state.atBottom) return;
    const seq = room.newestSeq;
    if (seq > room.readSeq) {
      this.state.markRead(room, seq);
      this.conn.send({ type: 'read', room: room.name, seq });
    } else {
      this.state.markRead(room, room.readSeq);
    }
  }

  applyWelcome(welcome) {
    const { state, conn } = this;
    const rooms = (welcome.rooms || []).filter((r) => r && typeof r.name === 'string');
    state.welcome(welcome, new Set(rooms.map((r) => r.name)));

    // Decide every catch-up point now, before any live frame of this connection is applied.
    const plans = [];
    for (const info of rooms) {
      const held = state.room(info.name);
      const after = held && held.events.length ? held.synced : null;
      const since = this.changes.sinceFor(held);
      const read = readAfterWelcome(held?.readSeq, this.readShared.get(info.name) ?? held?.readSeq, info.readSeq);
      const room = state.roomFromWelcome(info);
      if (read.push) conn.send({ type: 'read', room: room.name, seq: read.seq });
      else if (read.back) state.markRead(room, read.seq, true);
      this.readShared.set(room.name, read.seq);
      plans.push({ room, after, lastSeq: room.lastSeq, since, rev: info.rev });
    }

    for (const { room, after, lastSeq, since, rev } of plans) {
      this.changes.catchUp(room, since, rev);
      if (after != null) this.catchUp(room, after);
      else {
        if (lastSeq > room.readSeq) this.countUnread(room, lastSeq);
        if (room.name === state.current && !room.loadedLatest) this.loadLatest(room);
      }
    }
    learnWhoAuthorsAre(conn, state);
  }

  async catchUp(room, after) {
    let cursor = after;
    try {
      for (let page = 0; ; page++) {
        if (page === CATCH_UP_PAGES) {
          // Too far behind to page through: start the log again from the newest end.
          this.state.resetLog(room);
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
      for (const ev of events) last = Math.max(last, ev.seq);
      const counted = this.state.unreadCounted(room, events, reply.more ? Math.max(0, lastSeq - last) : 0);
      for (const ev of counted) this.noteMention(room, ev);
      // Without more, these events are the room's complete tail: keep them rather than fetch again.
      if (!reply.more && events.length && (!room.events.length || events[0].seq <= room.synced + 1)) {
        this.ingest(room, events);
        if (!room.events.length || room.newestSeq >= lastSeq) this.state.latestLoaded(room);
      }
      this.state.markRead(room, room.readSeq);
    } catch (err) {
      this.quiet(err);
    }
  }

  /** The newest page of a room, for a room opened with nothing (or only live events) held. */
  async loadLatest(room) {
    if (room.loadingLatest) return;
    this.state.setLoading(room, 'latest', true);
    try {
      const reply = await this.history(room, { limit: PAGE });
      this.ingestLatest(room, reply);
    } catch (err) {
      this.quiet(err);
    } finally {
      this.state.setLoading(room, 'latest', false);
    }
  }

  async loadOlder(room) {
    if (room.loadingOlder || !room.hasOlder || !this.conn.ready) return;
    if (!room.events.length) { this.loadLatest(room); return; }
    this.state.setLoading(room, 'older', true);
    try {
      this.ingestOlder(room, await this.history(room, { before: room.oldestSeq, limit: PAGE }));
    } catch (err) {
      this.quiet(err);
    } finally {
      this.state.setLoading(room, 'older', false);
    }
  }

  /** The newest page of a room's history. */
  ingestLatest(room, reply) {
    const events = reply.events || [];
    this.state.latestPageLoaded(room, events, reply.more);
    return this.ingest(room, events);
  }

  /** A page older than everything held. */
  ingestOlder(room, reply) {
    const events = reply.events || [];
    this.state.olderPageLoaded(room, events, reply.more);
    return this.ingest(room, events);
  }

  /**
   * Loads a message (a search result) and its neighbours into its room's log, keeping the log
   * without gaps where it can: older pages back to it, or past MAX_JUMP_PAGES a window around it
   * (the log then has a gap until it is scrolled through). Rejects as `history` does.
   */
  async loadAround(room, seq) {
    if (!room.loadedLatest) this.ingestLatest(room, await this.history(room, { limit: PAGE }));
    const want = Math.max(1, seq - NEIGHBOURS);
    for (let page = 0; page < MAX_JUMP_PAGES && room.hasOlder && room.oldestSeq > want; page++) {
      this.ingestOlder(room, await this.history(room, { before: room.oldestSeq, limit: MAX_PAGE }));
    }
    if (room.bySeq.has(seq) || room.oldestSeq <= want) return;
    const [before, after] = await Promise.all([
      this.history(room, { before: seq + 1, limit: NEIGHBOURS + 1 }),
      this.history(room, { after: seq, limit: NEIGHBOURS }),
    ]);
    this.ingest(room, [...(before.events || []), ...(after.events || [])]);
  }

  /** A page of history; who its authors are now (`authors`) is learned first, so their old messages show their names now. */
  async history(room, range) {
    const reply = await this.conn.request({ type: 'history', room: room.name, ...range });
    if (Array.isArray(reply?.authors)) this.state.peopleSeen(reply.authors);
    return reply;
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
        state.noteRev(room, f.rev);
        return;
      }
      case 'room':
        state.applyRoomFrame(f);
        return;
      case 'presence':
        state.applyPresence(f.user, f.status);
        return;
      case 'reaction':
        this.changes.applyReaction(f);
        return;
      case 'typing':
        if (f.room && f.user) state.setTyping(f.room, f.user);
        return;
      case 'read': {
        const room = state.room(f.room);
        if (f.thread != null) return; // a thread's marker: thread-reads.js
        if (room && Number.isInteger(f.seq)) state.markRead(room, f.seq, f.back === true);
        if (room && Number.isInteger(f.seq)) this.readShared.set(room.name, f.seq);
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
