// outbox.js — Messages written but not yet confirmed by the server, persisted so neither a reload nor an outage loses them.

import { storage } from './storage.js';

/** A client message id: ≤ 64 chars. randomUUID needs a secure context, getRandomValues does not. */
export function newMessageId() {
  if (globalThis.crypto?.randomUUID) {
    try { return crypto.randomUUID(); } catch { /* insecure context */ }
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Items: {id, room, text, image?, file?, mentions?, ts, state: 'pending' | 'failed', error?, to?, reply?, thread?, alsoInRoom?}.
 * `reply` ({seq, from, excerpt}): the message it answers; `thread`: the seq of its thread's root. `mentions`: the user ids
 * the text means (mention-ids.js), resolved when it was written, so a resend after a rename still reaches them. `to` ({id, nick, avatar}, or a list of them for a group)
 * marks the first messages of a direct conversation the server has not opened yet: they are sent
 * with `to` instead of `room`, and after a reload the conversation is opened again from it. A pending item is
 * (re)sent after every welcome with its original id, so the server stores it exactly once;
 * the server's `message` carrying that id removes it.
 */
export class Outbox {
  constructor() {
    this.userId = null;
    this.items = [];
  }

  /** Loads the saved outbox if it belongs to this user; drops anyone else's. */
  load(userId) {
    const saved = storage.outbox();
    this.userId = userId;
    this.items = saved && saved.userId === userId && Array.isArray(saved.items)
      ? saved.items.filter((i) => i && typeof i.id === 'string' && typeof i.room === 'string')
      : [];
    this.save();
  }

  /** `extra`: {image?, file?, to?, mentions?, reply?, thread?, alsoInRoom?}, see the item shape above. */
  add(room, text, { image, file, to, mentions, reply, thread, alsoInRoom } = {}) {
    const item = {
      id: newMessageId(), room, text, ts: Date.now(), state: 'pending',
      ...(to ? { to } : {}), ...(image ? { image } : {}), ...(file ? { file } : {}), ...(mentions?.length ? { mentions } : {}),
      ...(reply ? { reply } : {}), ...(thread ? { thread } : {}), ...(thread && alsoInRoom ? { alsoInRoom: true } : {}),
    };
    this.items.push(item);
    this.save();
    return item;
  }

  get(id) {
    return this.items.find((i) => i.id === id) || null;
  }

  /** The server has the message: forget ours. True if it was ours. */
  confirm(id) {
    const before = this.items.length;
    this.items = this.items.filter((i) => i.id !== id);
    if (this.items.length === before) return false;
    this.save();
    return true;
  }

  fail(id, error) {
    const item = this.get(id);
    if (!item) return null;
    item.state = 'failed';
    item.error = error;
    this.save();
    return item;
  }

  retry(id) {
    const item = this.get(id);
    if (!item) return null;
    item.state = 'pending';
    delete item.error;
    this.save();
    return item;
  }

  pending() {
    return this.items.filter((i) => i.state === 'pending');
  }

  forRoom(room) {
    return this.items.filter((i) => i.room === room);
  }

  clear() {
    this.items = [];
    this.userId = null;
    storage.saveOutbox(null);
  }

  save() {
    storage.saveOutbox(this.userId ? { userId: this.userId, items: this.items } : null);
  }
}
