// archive.js — Reads a room's `.json` export (docs/protocol.md, "Export") into a read-only archive kept on this device, and searches one.

/** Larger files are refused: the whole file is parsed in memory. */
import { t } from './i18n.js';

export const MAX_ARCHIVE_BYTES = 50 * 1024 * 1024;

const EVENT_TYPES = new Set(['message', 'notice']);

const fileName = (file) => file.name || t('archive.this-file');

/**
 * The archive in `file` (a File or Blob) for `user`, ready to keep; rejects with a sentence for
 * people when the file is too large or is not a Parley room export.
 */
export async function readArchive(file, user) {
  if (!file) throw new Error(t('archive.choose-file'));
  if (file.size > MAX_ARCHIVE_BYTES) {
    throw new Error(t('archive.too-large', { name: fileName(file), size: (file.size / 1048576).toFixed(1) }));
  }
  let doc;
  try {
    doc = JSON.parse(await file.text());
  } catch {
    throw new Error(t('archive.not-json', { name: fileName(file) }));
  }
  if (!doc || doc.format !== 'parley-room-export' || !doc.room || typeof doc.room.name !== 'string' || !Array.isArray(doc.events)) {
    throw new Error(t('archive.not-export', { name: fileName(file) }));
  }
  if (doc.version !== 1) throw new Error(t('archive.version', { version: String(doc.version) }));
  const bySeq = new Map();
  for (const ev of doc.events) {
    if (!ev || !EVENT_TYPES.has(ev.type) || !Number.isInteger(ev.seq) || ev.seq < 1 || !Number.isFinite(ev.ts)) continue;
    bySeq.set(ev.seq, ev);
  }
  const events = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const now = Date.now();
  return {
    id: `${user}:${doc.room.name}:${now}`,
    user,
    name: doc.room.name,
    topic: typeof doc.room.topic === 'string' ? doc.room.topic : '',
    fileName: typeof file.name === 'string' ? file.name : '',
    importedTs: now,
    events,
  };
}

/** Folds case and accents so "cafe" finds "Café". */
export function searchKey(text) {
  return String(text ?? '').normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** archive → one folded "author text" string per event, computed on the first search only. */
const keys = new WeakMap();

/** The messages of `archive` whose text, or author, contains `query` (all events for an empty query). */
export function searchArchive(archive, query) {
  const q = searchKey(query.trim());
  if (!q) return archive.events;
  let folded = keys.get(archive);
  if (!folded) {
    folded = archive.events.map((ev) => (ev.type === 'message' && !ev.deleted ? `${searchKey(ev.from?.nick)}\n${searchKey(ev.text)}` : null));
    keys.set(archive, folded);
  }
  return archive.events.filter((ev, i) => folded[i] !== null && folded[i].includes(q));
}
