// room.js — One room the user is a member of: its event log (deduplicated, ordered by seq, a newer version by rev), the read marker, unread and mentions, where its history starts. Views read it; only State (state.js) calls what changes it.

import { threadOnly, takesPart } from './thread-rules.js';

/** One room the user is a member of. */
export class Room {
  constructor(name) {
    this.name = name;
    this.topic = '';
    /** Known only to its members (version 2's private rooms; direct conversations too). */
    this.isPrivate = false;
    /** My role here (`owner`, `moderator`, `member`; version 2), and whether only moderators may write. */
    this.role = 'member';
    this.readOnly = false;
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
    this.loadingLatest = false;
    this.loadedLatest = false;
    /** Seqs of messages from others not yet read, plus an estimate for ones not fetched. */
    this.unread = new Set();
    this.unreadExtra = 0;
    /** Seqs of unread messages that mention me (counted apart in the badge). */
    this.mentions = new Set();
    /** A direct room's members [{id, nick, avatar}] (two, or a group's), from the server's room view. */
    this.users = null;
    /** A direct conversation opened here that the server has not opened yet: its first send says `to`. */
    this.pending = false;
    /** userId → {nick, until} */
    this.typing = new Map();
    /** Every change (edit, delete, reaction) up to this rev is applied; see changes.js. */
    this.rev = 0;
    this.revCatchUp = null;
    /** The oldest seq the server still holds (retention removes older ones). */
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
          if (ev.deleted) { this.unread.delete(ev.seq); this.mentions.delete(ev.seq); this.unquote(ev.seq); }
          else if (ev.text !== held.text && ev.text?.trim()) this.unquote(ev.seq, [...ev.text].slice(0, 200).join(''));
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

  /**
   * Message `seq` was deleted (`excerpt` ''), or edited: the replies held that quote it show it as it
   * is now (as the server's do, which quote at most 200 code points).
   */
  unquote(seq, excerpt = '') {
    const kind = excerpt ? undefined : 'deleted';
    for (let i = 0; i < this.events.length; i++) {
      const ev = this.events[i];
      if (ev.reply?.seq !== seq || (ev.reply.excerpt === excerpt && ev.reply.kind === kind)) continue;
      const quiet = { ...ev, reply: { ...ev.reply, excerpt, kind } };
      this.events[i] = quiet;
      this.bySeq.set(ev.seq, quiet);
    }
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

  /** Sets the read marker back ("mark as unread", from any device): others' messages held after it are unread again. */
  setReadBack(seq, me) {
    if (!(seq < this.readSeq)) return;
    this.readSeq = seq;
    this.countUnread(this.events, me, Math.max(0, this.lastSeq - Math.max(this.newestSeq, seq)));
  }

  /** Forgets "is typing" entries older than `now`. */
  dropTyping(now) {
    for (const [id, t] of this.typing) if (t.until <= now) this.typing.delete(id);
  }

  /** Events arrived: held in order; new messages from others (not `me`) after the read marker are unread, and no longer typing. */
  receive(events, me) {
    const { fresh, changed } = this.insert(events);
    let typing = false;
    for (const ev of fresh) {
      if (ev.type !== 'message' || ev.from?.id === me || (threadOnly(ev) && !takesPart(this, ev, me))) continue;
      if (ev.seq > this.readSeq && !ev.deleted) this.unread.add(ev.seq);
      if (ev.from?.id && this.typing.delete(ev.from.id)) typing = true;
    }
    return { fresh, changed, typing };
  }

  /** The newest page arrived (`more`: older pages exist). */
  latestPage(events, more) {
    this.loadedLatest = true;
    this.hasOlder = !!more && events.length > 0;
  }

  /** A page older than everything held arrived. */
  olderPage(events, more) {
    if (!more || !events.length) this.hasOlder = false;
  }

  /** No messages at all: nothing older to ask for, nothing newer to wait for. */
  empty() {
    this.hasOlder = false;
    this.loadedLatest = true;
  }

  /** Counts others' messages of a page after the read marker as unread (`extra`: those past it, estimated); returns them. */
  countUnread(events, me, extra) {
    const counted = [];
    for (const ev of events) {
      if (ev.type !== 'message' || ev.from?.id === me || ev.deleted || (threadOnly(ev) && !takesPart(this, ev, me)) || !(ev.seq > this.readSeq)) continue;
      this.unread.add(ev.seq);
      counted.push(ev);
    }
    this.unreadExtra = extra;
    return counted;
  }

  /** An unread message names me: counted, if it is still unread. True when counted. */
  mention(seq) {
    if (seq <= this.readSeq || this.mentions.has(seq) || !this.unread.has(seq)) return false;
    this.mentions.add(seq);
    return true;
  }

  /** A rev seen live: complete up to it, unless a catch-up is running (then only noted). */
  noteRev(rev) {
    if (!Number.isInteger(rev) || rev < 1) return;
    if (this.revCatchUp) this.revCatchUp.seen = Math.max(this.revCatchUp.seen, rev);
    else if (rev > this.rev) this.rev = rev;
  }

  /** A `changes` catch-up from `since` starts; returns its token. */
  startRevCatchUp(since) {
    this.revCatchUp = { seen: since };
    return this.revCatchUp;
  }

  /** The catch-up `run` ends: with `complete` (every change up to it applied), or cut short (null: rev stays). */
  endRevCatchUp(run, complete) {
    if (this.revCatchUp !== run) return;
    if (complete != null) this.rev = Math.max(this.rev, complete, run.seen);
    this.revCatchUp = null;
  }

  /** The room view the server reports ({topic, members, lastSeq, readSeq, rev, firstSeq, retention, createdBy, users}). */
  applyInfo(info) {
    if (typeof info.topic === 'string') this.topic = info.topic;
    if (typeof info.private === 'boolean') this.isPrivate = info.private;
    if (Number.isInteger(info.members)) this.members = info.members;
    if (Number.isInteger(info.lastSeq) && info.lastSeq > this.lastSeq) this.lastSeq = info.lastSeq;
    if (Number.isInteger(info.readSeq)) this.markRead(info.readSeq);
    this.startRev(info.rev);
    this.applyRetention(info);
    if (typeof info.createdBy === 'string') this.createdBy = info.createdBy;
    this.applyFlags(info);
    if (Array.isArray(info.users)) this.users = info.users.filter((u) => u && typeof u.id === 'string');
    this.pending = false;
  }

  /** A public room's live `room` frame: its topic, member count, rev and retention. */
  applyFrame(f) {
    this.topic = f.topic ?? '';
    if (typeof f.private === 'boolean') this.isPrivate = f.private;
    if (Number.isInteger(f.members)) this.members = f.members;
    this.startRev(f.rev);
    this.applyRetention(f);
    this.applyFlags(f);
  }

  /** `role` (in a frame meant for me alone; a broadcast has none: the known one stays) and `readOnly`. */
  applyFlags(f) {
    if (typeof f.role === 'string') this.role = f.role;
    if (typeof f.readOnly === 'boolean') this.readOnly = f.readOnly;
  }

  /** A direct conversation opened here before the server has: `others` ({id, nick, avatar}, or a list for a group) are the other members. */
  openPending(me, others) {
    this.pending = true;
    const people = (Array.isArray(others) ? others : [others]).map((u) => ({ id: u.id, nick: u.nick, avatar: u.avatar }));
    const mine = people.some((u) => u.id === me.id);
    this.users = mine && people.length === 1 ? people : [...(mine ? [] : [{ id: me.id, nick: me.nick, avatar: me.avatar }]), ...people];
  }

  /** What device-cache.js kept of the room (its events come after, through Sync.ingest). */
  restore(record) {
    this.topic = record.topic || '';
    this.members = record.members || 0;
    this.lastSeq = record.lastSeq || 0;
    this.readSeq = record.readSeq || 0;
    if (Array.isArray(record.users)) this.users = record.users;
  }

  /** The kept events are in: they reflect `rev`, and end at the newest the device knew of. */
  restoreRev(rev) {
    this.rev = Number.isInteger(rev) ? rev : 0;
    if (this.events.length) this.loadedLatest = true;
    else if (!this.lastSeq) this.hasOlder = false;
  }

  /** Applies firstSeq and retention from a room view or a `room` frame; drops held events the server no longer has. */
  applyRetention(info) {
    if (Number.isInteger(info.firstSeq) && info.firstSeq > this.firstSeq) {
      this.firstSeq = info.firstSeq;
      const keep = this.events.filter((ev) => ev.seq >= info.firstSeq);
      if (keep.length !== this.events.length) {
        for (const ev of this.events) if (ev.seq < info.firstSeq) this.bySeq.delete(ev.seq);
        this.events = keep;
      }
      if (!this.events.length || this.oldestSeq <= this.firstSeq) this.hasOlder = false;
    }
    if ('retention' in info || Number.isInteger(info.firstSeq)) {
      this.retention = info.retention && typeof info.retention === 'object' ? info.retention : null;
    }
  }
}

/** Each change to a message gets the room's next rev, so of two versions the higher rev is the later one. */
function isNewerVersion(held, ev) {
  if (ev.type !== 'message' || held.type !== 'message') return false;
  return (ev.rev || 0) > (held.rev || 0);
}
