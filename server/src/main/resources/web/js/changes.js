// changes.js — Edits, deletes and reactions: sends them, applies them as they arrive, and after a reconnect asks `changes` for what happened meanwhile to the messages we hold.

/** A `changes` page: the most the server gives at once. */
const PAGE = 200;

/**
 * Every change to a room's messages gets the room's next `rev`. `room.rev` is the rev up to
 * which every change is applied; it only moves once nothing below it can be missing, so a
 * catch-up that a dropped connection cut short starts again from the same place.
 */
export class Changes {
  constructor(conn, state, sync) {
    this.conn = conn;
    this.state = state;
    this.sync = sync;
    /** id → nick, learned from reactions: people who reacted may be offline and silent. */
    this.nicks = new Map();
  }

  edit(room, seq, text) {
    return this.conn.request({ type: 'edit', room, seq, text });
  }

  remove(room, seq) {
    return this.conn.request({ type: 'delete', room, seq });
  }

  react(room, seq, emoji, on) {
    return this.conn.request({ type: 'react', room, seq, emoji, on });
  }

  /** A live `reaction` frame. A message not held is left alone: whatever loads it later gets its current state. */
  applyReaction(f) {
    const room = this.state.room(f.room);
    if (!room || typeof f.emoji !== 'string' || !f.user?.id) return;
    if (f.user.nick) this.nicks.set(f.user.id, f.user.nick);
    const held = room.bySeq.get(f.seq);
    if (held?.type === 'message' && !held.deleted && Number.isInteger(f.rev)) {
      this.sync.ingest(room, [withReaction(held, f)]);
    }
    this.state.noteRev(room, f.rev);
  }

  /** Called before welcome's room info is applied: where the room's catch-up starts (null when nothing is held). */
  sinceFor(held) {
    return held && held.events.length ? held.rev : null;
  }

  /** After a welcome: pages through `changes` from `since` when the room's rev moved on without us. */
  async catchUp(room, since, current) {
    if (since == null || !Number.isInteger(current) || current <= since) return;
    // Set before the first await: live frames of this connection may arrive before any reply.
    const run = this.state.startRevCatchUp(room, since);
    try {
      let cursor = since;
      let complete = since;
      for (;;) {
        const reply = await this.conn.request({ type: 'changes', room: room.name, since: cursor, limit: PAGE });
        const events = (reply.events || []).filter((ev) => ev && Number.isInteger(ev.seq));
        this.sync.ingest(room, events.filter((ev) => room.bySeq.has(ev.seq)));
        const last = events.length ? events[events.length - 1].rev : cursor;
        if (!reply.more || !events.length || !(last > cursor)) {
          complete = Math.max(last, Number.isInteger(reply.rev) ? reply.rev : 0);
          break;
        }
        cursor = last;
      }
      this.state.endRevCatchUp(room, run, complete);
    } catch (err) {
      if (err?.code !== 'disconnected') console.warn('parley: catching up on changes failed', err);
    } finally {
      this.state.endRevCatchUp(room, run);
    }
  }

  /** A nick for a user id: online now, seen reacting, or the author of a message in the room. */
  nickOf(id, room) {
    const nick = this.state.users.get(id)?.nick ?? this.state.people.nick(id) ?? this.nicks.get(id);
    if (nick || !room) return nick ?? null;
    for (let i = room.events.length - 1; i >= 0; i--) {
      const ev = room.events[i];
      const who = ev.type === 'message' ? ev.from : ev.user;
      if (who?.id === id && who.nick) {
        this.nicks.set(id, who.nick);
        return who.nick;
      }
    }
    return null;
  }
}

/** The message with one user's reaction turned on or off; emoji keep the order they were first used in. */
export function withReaction(msg, { emoji, user, on, rev }) {
  const reactions = {};
  let found = false;
  for (const [e, ids] of Object.entries(msg.reactions || {})) {
    if (e !== emoji) {
      reactions[e] = ids;
      continue;
    }
    found = true;
    const next = on ? (ids.includes(user.id) ? ids : [...ids, user.id]) : ids.filter((id) => id !== user.id);
    if (next.length) reactions[e] = next;
  }
  if (!found && on) reactions[emoji] = [user.id];
  return { ...msg, reactions, rev };
}
