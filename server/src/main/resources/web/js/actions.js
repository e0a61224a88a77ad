// actions.js — What the user can do (open, create, join, leave rooms; send; type), turned into frames and model changes.

import { storage } from './storage.js';
import { t } from './i18n.js';
import { errorSentence } from './i18n/errors.js';
import { directName, groupName, isDirect } from './direct.js';
import { mentionIds, nameHolders } from './mention-ids.js';
import { parseCommand, myRole } from './commands.js';
import { typingShared } from './typing-rules.js';

const TYPING_EVERY_MS = 3000;
const RATE_LIMIT_RETRY_MS = 1500;

export class Actions {
  constructor(conn, state, outbox, sync) {
    this.conn = conn;
    this.state = state;
    this.outbox = outbox;
    this.sync = sync;
    this.lastTypingAt = 0;
  }

  openRoom(name) {
    const { state } = this;
    const room = state.room(name);
    if (!room) return;
    const switched = state.current !== name;
    state.open(name);
    storage.saveLastRoom(name);
    if (!room.loadedLatest && this.conn.ready) this.sync.loadLatest(room);
    if (switched) this.lastTypingAt = 0;
    this.sync.markReadIfLooking();
  }

  /** The room to show when none is chosen or the chosen one is gone. */
  pickRoom() {
    const { state } = this;
    if (state.current && state.room(state.current)) return state.current;
    const last = storage.lastRoom();
    if (last && state.room(last)) return last;
    if (state.room('general')) return 'general';
    return state.roomList()[0]?.name ?? null;
  }

  ensureCurrent() {
    const name = this.pickRoom();
    if (name) this.openRoom(name);
    else if (this.state.current !== null) this.state.open(null);
  }

  /**
   * "Message privately": the direct room with `user` ({id, nick, avatar}) if we hold it, else a
   * pending one opened here, whose messages go out with `to` until the server opens the room.
   */
  openDirect(user) {
    const me = this.state.me;
    if (!me || !user?.id) return;
    const name = directName(me.id, user.id);
    if (!this.state.room(name)) this.state.openPendingDirect(name, user);
    this.openRoom(name);
  }

  /**
   * A group conversation with `users` ({id, nick, avatar}, up to seven): the one we hold for that
   * set of people, else a pending one whose first message goes out with `to` listing them all.
   */
  openGroup(users) {
    const me = this.state.me;
    const others = (users || []).filter((u) => u?.id && u.id !== me?.id);
    if (!me || !others.length) return;
    if (others.length === 1) { this.openDirect(others[0]); return; }
    const name = groupName([me.id, ...others.map((u) => u.id)]);
    if (!this.state.room(name)) this.state.openPendingDirect(name, others);
    this.openRoom(name);
  }

  /** Rejects with {code} on invalid_room, room_exists... */
  async createRoom(name, topic, isPrivate = false) {
    const reply = await this.conn.request({ type: 'create', room: name, ...(topic ? { topic } : {}), ...(isPrivate ? { private: true } : {}) });
    this.adoptRoom(reply.room || { name, topic: topic || '', members: 1, private: isPrivate });
    return reply;
  }

  /** Joins the room of an invite link's code, and opens it. Rejects with {code} (bad_invite...). */
  async joinByInvite(code) {
    const reply = await this.conn.request({ type: 'join', invite: code });
    if (reply.room) this.adoptRoom(reply.room);
    return reply;
  }

  /**
   * Joins a room of the directory. A `not_found` means it is gone or was made private since the
   * list was sent (the server tells non-members nothing of a private room): it leaves the list.
   */
  async joinRoom(name) {
    let reply;
    try {
      reply = await this.conn.request({ type: 'join', room: name });
    } catch (err) {
      if (err?.code === 'not_found') this.state.unlist(name);
      throw err;
    }
    this.adoptRoom(reply.room || { name });
    return reply;
  }

  adoptRoom(info) {
    const room = this.state.applyRoomInfo(info);
    if (!room.lastSeq) this.state.roomIsEmpty(room);
    this.openRoom(room.name);
  }

  async leaveRoom(name) {
    await this.conn.request({ type: 'leave', room: name });
    this.state.removeRoom(name);
    this.ensureCurrent();
  }

  /**
   * Queues a message in the outbox and sends it if we can. Returns an error sentence or null.
   * `picked`: people chosen from the `@` popup ({id, nick}); a typed `@name` means whoever holds it now.
   * `reply`: the message it answers ({seq, from, excerpt}); `thread`: its thread's root seq (`alsoInRoom`: shown in the room too).
   */
  sendMessage(text, picked = [], { reply, thread, alsoInRoom } = {}) {
    const room = this.state.currentRoom();
    if (!room) return t('actions.join-first');
    if (!text.trim()) return null;
    const max = this.state.limits.text || 8000;
    if (text.length > max) return t('actions.too-long', { max, length: text.length });
    const to = room.pending ? directTarget(room, this.state.me) : null;
    const mentions = mentionIds(text, picked, nameHolders(this.state));
    const item = this.outbox.add(room.name, text, { to, mentions, reply, thread, alsoInRoom });
    if (!thread || alsoInRoom) this.state.setAtBottom(true);
    this.state.outboxChanged();
    this.lastTypingAt = 0;
    this.transmit(item);
    return null;
  }

  /**
   * A composer text that is a slash command (commands.js): null when it is not one; else a promise
   * of the sentence to show under the composer, or of null once the server took it.
   */
  runCommand(text, picked = []) {
    const room = this.state.currentRoom();
    if (!room) return null;
    const people = [...picked, ...nameHolders(this.state).values()];
    const parsed = parseCommand(text, { room: room.name, role: myRole(this.state, room), people, direct: isDirect(room.name) });
    if (!parsed) return null;
    if (parsed.error) return Promise.resolve(parsed.error);
    if (!this.conn.ready) return Promise.resolve(t('actions.offline'));
    return this.conn.request(parsed.frame).then(() => null, (err) => errorSentence(err, 'sanction.refused'));
  }

  /** Queues an uploaded image ({url, name, width, height}) as a message of its own to `roomName`. */
  sendImage(roomName, image) {
    return this.sendUpload(roomName, { image });
  }

  /** Queues an uploaded file ({url, name, size, type, duration?}) as a message of its own to `roomName`. */
  sendFile(roomName, file) {
    return this.sendUpload(roomName, { file });
  }

  sendUpload(roomName, extra) {
    if (!this.state.room(roomName)) return t('room-settings.gone');
    const item = this.outbox.add(roomName, '', extra);
    if (roomName === this.state.current) this.state.setAtBottom(true);
    this.state.outboxChanged();
    this.transmit(item);
    return null;
  }

  transmit(item) {
    if (item.state !== 'pending') return;
    const to = Array.isArray(item.to) ? item.to.map((u) => u.id) : item.to?.id;
    const where = item.to && this.state.room(item.room)?.pending !== false ? { to } : { room: item.room };
    const frame = { type: 'send', ...where, id: item.id, ref: item.id };
    if (item.text) frame.text = item.text;
    if (item.image) frame.image = item.image;
    if (item.file) frame.file = item.file;
    if (Array.isArray(item.mentions) && item.mentions.length) frame.mentions = item.mentions;
    if (item.reply) frame.replyTo = item.reply.seq;
    if (item.thread) frame.thread = item.thread;
    if (item.alsoInRoom) frame.alsoInRoom = true;
    this.conn.send(frame);
  }

  /** After each welcome: every message still waiting goes out again with its original id. */
  flushOutbox() {
    for (const item of this.outbox.pending()) {
      if (item.to && !this.state.room(item.room)) this.state.openPendingDirect(item.room, item.to);
      if (!this.state.room(item.room)) this.outbox.fail(item.id, t('room-settings.gone'));
      else this.transmit(item);
    }
    this.state.outboxChanged();
  }

  /** An error frame whose ref is one of our message ids. True if it was. */
  onSendError(frame) {
    const item = frame.ref ? this.outbox.get(frame.ref) : null;
    if (!item) return false;
    if (frame.code === 'rate_limited') {
      setTimeout(() => { if (this.conn.ready && this.outbox.get(item.id)) this.transmit(item); }, RATE_LIMIT_RETRY_MS);
      return true;
    }
    this.outbox.fail(item.id, errorSentence(frame, null));
    this.state.outboxChanged();
    return true;
  }

  retry(id) {
    const item = this.outbox.retry(id);
    if (item && this.conn.ready) this.transmit(item);
    this.state.outboxChanged();
  }

  discard(id) {
    this.outbox.confirm(id);
    this.state.outboxChanged();
  }

  typing() {
    const room = this.state.current;
    const now = Date.now();
    // A pending direct room does not exist on the server yet: nobody to tell.
    if (this.state.currentRoom()?.pending) return;
    // Nor in a large room: typing-rules.js.
    if (!typingShared(this.state.currentRoom())) return;
    if (!room || !this.conn.ready || now - this.lastTypingAt < TYPING_EVERY_MS) return;
    this.lastTypingAt = now;
    this.conn.send({ type: 'typing', room });
  }
}

/** The other member of a pending direct room (a list of them for a group), as `to` and as the names to show again after a reload. */
function directTarget(room, me) {
  const person = (u) => ({ id: u.id, nick: u.nick, avatar: u.avatar });
  const others = room.users.filter((u) => u.id !== me.id);
  if (others.length > 1) return others.map(person);
  return person(others[0] || room.users[0]);
}
