// device-cache.js — The only place that touches IndexedDB: each user's newest messages per room, and the read-only archives imported on this device.

const DB_NAME = 'parley-device';
const DB_VERSION = 1;
const ROOMS = 'rooms';
const ARCHIVES = 'archives';

let opening = null;

function open() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      if (typeof indexedDB === 'undefined') { reject(new Error('IndexedDB is not available')); return; }
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        // Every record names its user: a user only ever reads their own (see the `user` index).
        if (!db.objectStoreNames.contains(ROOMS)) db.createObjectStore(ROOMS, { keyPath: ['user', 'name'] }).createIndex('user', 'user');
        if (!db.objectStoreNames.contains(ARCHIVES)) db.createObjectStore(ARCHIVES, { keyPath: 'id' }).createIndex('user', 'user');
      };
      req.onsuccess = () => {
        const db = req.result;
        // Another tab clearing the device deletes the database: let it.
        db.onversionchange = () => { db.close(); opening = null; };
        resolve(db);
      };
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    });
    opening.catch(() => { opening = null; });
  }
  return opening;
}

function done(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function finished(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('aborted'));
  });
}

async function allFor(store, user) {
  const db = await open();
  return done(db.transaction(store).objectStore(store).index('user').getAll(user));
}

/**
 * A room as kept on the device: its info, the newest `keep` events held and the `rev` they
 * reflect (every change up to it is applied to them), so the next catch-up asks exactly for
 * history after the contiguous run it holds and for changes since that rev.
 */
export function roomRecord(user, room, keep) {
  const events = room.events.slice(-keep);
  return {
    user,
    name: room.name,
    topic: room.topic,
    members: room.members,
    lastSeq: room.lastSeq,
    readSeq: room.readSeq,
    rev: room.rev,
    users: room.users,
    events,
    savedTs: Date.now(),
  };
}

export const deviceCache = {
  /** The rooms kept for `user`. Never anyone else's. */
  rooms: (user) => allFor(ROOMS, user),

  /** Writes these records and deletes the named rooms, in one transaction. */
  async saveRooms(user, records, removed = []) {
    const db = await open();
    const tx = db.transaction(ROOMS, 'readwrite');
    const store = tx.objectStore(ROOMS);
    for (const r of records) if (r.user === user) store.put(r);
    for (const name of removed) store.delete([user, name]);
    return finished(tx);
  },

  async archives(user) {
    return (await allFor(ARCHIVES, user)).sort((a, b) => b.importedTs - a.importedTs);
  },

  async saveArchive(archive) {
    const db = await open();
    const tx = db.transaction(ARCHIVES, 'readwrite');
    tx.objectStore(ARCHIVES).put(archive);
    return finished(tx);
  },

  async removeArchive(id) {
    const db = await open();
    const tx = db.transaction(ARCHIVES, 'readwrite');
    tx.objectStore(ARCHIVES).delete(id);
    return finished(tx);
  },

  /** Deletes one user's rooms and archives (at log out: without the token nobody can open them again). */
  async forgetUser(user) {
    const db = await open();
    const tx = db.transaction([ROOMS, ARCHIVES], 'readwrite');
    for (const name of [ROOMS, ARCHIVES]) {
      const store = tx.objectStore(name);
      const keys = await done(store.index('user').getAllKeys(user));
      for (const key of keys) store.delete(key);
    }
    return finished(tx);
  },

  /** Deletes everything kept on this device, for every user. */
  async clear() {
    if (opening) {
      try { (await opening).close(); } catch { /* was not open */ }
      opening = null;
    }
    await new Promise((resolve) => {
      const req = indexedDB.deleteDatabase(DB_NAME);
      req.onsuccess = req.onerror = req.onblocked = () => resolve();
    });
  },
};
