// thread-unread.js — My threads' unread counts, without a browser: the `threads` reply sets them, a new reply by someone else in a thread I take part in adds one, my `read` with `thread` (from any device) clears one. The badge of "Threads" is how many have any.

const key = (room, root) => `${room}\u0000${root}`;
/** Replies counted live, remembered so that a reply coming again (an edit) counts once; bounded. */
const MAX_COUNTED = 5000;

export class ThreadUnread {
  constructor() {
    /** room+root → unread replies. */
    this.counts = new Map();
    /** Threads with unread replies the server counted beyond the listed ones. */
    this.beyond = 0;
    /** room+seq of replies already counted; room+root → the highest reply seq I have read. */
    this.counted = new Set();
    this.readTo = new Map();
  }

  /** The first page of `threads`: {items: [{room, root, unread}], unread}. */
  loaded(reply) {
    this.counts.clear();
    this.counted.clear();
    let listed = 0;
    for (const t of reply?.items ?? []) {
      if (typeof t?.room !== 'string' || !Number.isInteger(t.root?.seq)) continue;
      const n = Number.isInteger(t.unread) && t.unread > 0 ? t.unread : 0;
      this.counts.set(key(t.room, t.root.seq), n);
      if (n) listed++;
    }
    this.beyond = Math.max(0, (Number.isInteger(reply?.unread) ? reply.unread : 0) - listed);
  }

  /** A later page: its threads' counts, without touching the total the first page gave. */
  more(reply) {
    for (const t of reply?.items ?? []) {
      if (typeof t?.room !== 'string' || !Number.isInteger(t.root?.seq)) continue;
      const k = key(t.room, t.root.seq);
      if (!this.counts.has(k) && t.unread > 0 && this.beyond > 0) this.beyond--;
      this.counts.set(k, Math.max(0, t.unread | 0));
    }
  }

  /** A live reply `ev` of a thread I take part in (`mine`: the caller decided). True when it counted. */
  reply(ev, mine) {
    if (!mine || ev?.type !== 'message' || ev.thread == null || ev.deleted) return false;
    const seen = `${ev.room}\u0000${ev.seq}`;
    if (this.counted.has(seen) || ev.seq <= (this.readTo.get(key(ev.room, ev.thread)) ?? 0)) return false;
    if (this.counted.size >= MAX_COUNTED) this.counted.clear();
    this.counted.add(seen);
    const k = key(ev.room, ev.thread);
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
    return true;
  }

  /** I read the thread up to `seq` (here or on another device). */
  read(room, root, seq) {
    const k = key(room, root);
    if (seq > (this.readTo.get(k) ?? 0)) this.readTo.set(k, seq);
    this.counts.set(k, 0);
  }

  /** The highest seq of the thread I am known to have read (0: none). */
  readSeq(room, root) { return this.readTo.get(key(room, root)) ?? 0; }

  unread(room, root) { return this.counts.get(key(room, root)) ?? 0; }

  /** How many threads have unread replies. */
  total() {
    let n = this.beyond;
    for (const c of this.counts.values()) if (c > 0) n++;
    return n;
  }
}
