// device-history.js — History on the device: fills the model from the cache before the socket is up, and keeps the cache in step with the model as it changes.

import { deviceCache, roomRecord } from './device-cache.js';
import { storage } from './storage.js';
import { TOPIC } from './topics.js';

/** How long a start-up waits for the device before connecting anyway. */
const LOAD_WAIT_MS = 1500;
/** Changes are written at most this often. */
const SAVE_DELAY_MS = 300;

export class DeviceHistory {
  constructor({ state, sync }) {
    this.state = state;
    this.sync = sync;
    /** The user whose cache is being kept, once their model is real (loaded or welcomed). */
    this.user = null;
    /** room name → the signature last written, for this.user. */
    this.saved = new Map();
    this.timer = null;
    this.writing = Promise.resolve();
    state.on(TOPIC.LOG, () => this.schedule());
    state.on(TOPIC.ROOMS, () => this.schedule());
  }

  /**
   * Puts `user`'s kept rooms into the model (the caller connects after this resolves). Each room
   * keeps the rev its events reflect, so the welcome's catch-up asks for history after them and
   * for changes since that rev, exactly as after a reconnect. Resolves with the rooms loaded.
   */
  async load(user) {
    let records = [];
    try {
      records = await Promise.race([
        deviceCache.rooms(user),
        new Promise((resolve) => setTimeout(() => resolve(null), LOAD_WAIT_MS)),
      ]);
    } catch (err) {
      console.warn('parley: the device cache could not be read', err);
    }
    const { state } = this;
    if (!records || state.welcomed || state.me?.id !== user) {
      this.follow(user);
      return 0;
    }
    this.follow(user);
    for (const r of records) {
      if (r?.user !== user || typeof r.name !== 'string') continue;
      const room = state.restoreRoom(r);
      this.sync.ingest(room, Array.isArray(r.events) ? r.events : []);
      state.restoreRev(room, r.rev);
      this.saved.set(r.name, signature(room, this.keep()));
    }
    return records.length;
  }

  /** Starts keeping `user`'s cache (after a load, or a login's welcome). */
  follow(user) {
    if (this.user !== user) this.saved.clear();
    this.user = user;
    this.schedule();
  }

  /** How many messages per room this device keeps (0: none). */
  keep() {
    return storage.keepPerRoom();
  }

  /** Applies a new "messages kept per room" at once: every room is written again. */
  setKeep(n) {
    storage.saveKeepPerRoom(n);
    this.saved.clear();
    this.schedule(0);
  }

  schedule(delay = SAVE_DELAY_MS) {
    if (!this.user) return;
    // At most one write waiting: a busy room is written every SAVE_DELAY_MS, not never.
    if (this.timer && delay) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.writing = this.writing.then(() => this.save()).catch((err) => console.warn('parley: the device cache could not be written', err));
    }, delay);
  }

  async save() {
    const { state } = this;
    const user = this.user;
    if (!user || state.me?.id !== user) return;
    const keep = this.keep();
    const records = [];
    const removed = [];
    if (!keep) {
      // Nothing kept: whatever the device holds for this user goes.
      if (this.saved.get('') === 'none') return;
      const kept = await deviceCache.rooms(user).catch(() => []);
      removed.push(...kept.map((r) => r.name));
      this.saved.clear();
      this.saved.set('', 'none');
    } else {
      this.saved.delete('');
      for (const room of state.rooms.values()) {
        if (room.pending) continue;
        const sig = signature(room, keep);
        if (this.saved.get(room.name) === sig) continue;
        records.push(roomRecord(user, room, keep));
        this.saved.set(room.name, sig);
      }
      // Rooms left (the welcome is the truth about membership) go from the device too.
      if (state.welcomed) {
        for (const name of [...this.saved.keys()]) if (!state.rooms.has(name)) { removed.push(name); this.saved.delete(name); }
      }
    }
    if (!records.length && !removed.length) return;
    try {
      await deviceCache.saveRooms(user, records, removed);
    } catch (err) {
      for (const r of records) this.saved.delete(r.name);
      console.warn('parley: the device cache could not be written', err);
    }
  }

  /** Log out: stops keeping, and deletes what was kept for this user (their token is gone with the session). */
  async forget() {
    const user = this.user;
    this.stop();
    await this.writing;
    if (user) await deviceCache.forgetUser(user).catch((err) => console.warn('parley: the device cache could not be cleared', err));
  }

  /** Stops keeping anything. */
  stop() {
    clearTimeout(this.timer);
    this.timer = null;
    this.user = null;
    this.saved.clear();
  }

  /** Waits for any write in progress (before deleting the database). */
  settled() {
    return this.writing;
  }
}

/** Changes whenever what would be written changes: the events kept, their versions, the room's info. */
function signature(room, keep) {
  const events = room.events.slice(-keep);
  let versions = 0;
  for (const ev of events) versions += ev.rev || 0;
  const first = events[0]?.seq ?? 0;
  const last = events[events.length - 1]?.seq ?? 0;
  return `${keep}|${events.length}|${first}|${last}|${versions}|${room.rev}|${room.readSeq}|${room.lastSeq}|${room.members}|${room.topic}|${room.users?.length ?? 0}`;
}
