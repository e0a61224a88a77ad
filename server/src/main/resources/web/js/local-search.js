// local-search.js — Searches the history this device holds, for when the server cannot be reached: the server's rules as far as practical (every word, any case, accents ignored; from 4 letters two neighbours swapped, from 6 one letter wrong, missing or extra). Pure: no window or document.

/** Words from this long forgive two adjacent letters swapped; from FUZZY_MIN, one typo of any kind (as the server's Search). */
export const SWAP_MIN = 4;
export const FUZZY_MIN = 6;
const MAX_TERMS = 8;

/** One char folded to one char (lower case, accents dropped), so indices stay those of the text. */
function foldChar(c) {
  const f = c.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (f.length === 1) return f;
  const lower = c.toLowerCase();
  return lower.length === 1 ? lower : c;
}

export function fold(text) {
  let out = '';
  for (let i = 0; i < text.length; i++) out += foldChar(text[i]);
  return out;
}

/** The query's words, folded, at most MAX_TERMS. */
export function termsOf(q) {
  return fold(String(q || '')).split(/[\s\p{P}]+/u).filter(Boolean).slice(0, MAX_TERMS);
}

/** Whether `a` and `b` differ by two adjacent chars swapped (same length). */
function swapped(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** Whether `w` is `t` with one char wrong, missing or extra. */
function oneEdit(w, t) {
  if (Math.abs(w.length - t.length) > 1) return false;
  let i = 0;
  while (i < w.length && i < t.length && w[i] === t[i]) i++;
  if (w.length === t.length) return w.slice(i + 1) === t.slice(i + 1);
  return w.length > t.length ? w.slice(i + 1) === t.slice(i) : w.slice(i) === t.slice(i + 1);
}

/** Where the folded `text` holds `term`: [start, end] exactly, else with the typo the term allows, else null. */
export function findTerm(text, term) {
  const at = text.indexOf(term);
  if (at >= 0) return [at, at + term.length];
  if (term.length < SWAP_MIN) return null;
  const fuzzy = term.length >= FUZZY_MIN;
  const m = term.length;
  for (let i = 0; i + m - 1 <= text.length; i++) {
    const same = text.slice(i, i + m);
    if (same.length === m && (swapped(same, term) || (fuzzy && oneEdit(same, term)))) return [i, i + m];
    if (!fuzzy) continue;
    const longer = text.slice(i, i + m + 1);
    if (longer.length === m + 1 && oneEdit(longer, term)) return [i, i + m + 1];
    const shorter = text.slice(i, i + m - 1);
    if (oneEdit(shorter, term)) return [i, i + m - 1];
  }
  return null;
}

/**
 * The messages of `rooms` (the model's rooms) holding every word of `q`, newest first, shaped as
 * the server's results ({room, seq, ts, from, text, highlight}). `filter`: {room, user, from, to}.
 */
export function searchLocal(rooms, q, filter = {}, limit = 50) {
  const terms = termsOf(q);
  if (!terms.length) return [];
  const found = [];
  for (const room of rooms) {
    if (filter.room && room.name !== filter.room) continue;
    for (const ev of room.events || []) {
      // a file's name is found as its message's text is, as the server's search finds it
      const said = ev.file?.name ? (ev.text ? `${ev.text}\n${ev.file.name}` : ev.file.name) : ev.text;
      if (ev.type !== 'message' || ev.deleted || typeof said !== 'string' || !said) continue;
      if (filter.user && ev.from?.id !== filter.user) continue;
      if ((filter.from != null && ev.ts < filter.from) || (filter.to != null && ev.ts >= filter.to)) continue;
      const text = fold(said);
      const highlight = [];
      for (const term of terms) {
        const range = findTerm(text, term);
        if (!range) { highlight.length = 0; break; }
        highlight.push(range);
      }
      if (highlight.length !== terms.length) continue;
      highlight.sort((a, b) => a[0] - b[0]);
      found.push({ room: room.name, seq: ev.seq, ts: ev.ts, from: ev.from, text: said, highlight: disjoint(highlight) });
    }
  }
  found.sort((a, b) => b.ts - a.ts || b.seq - a.seq);
  return found.slice(0, limit);
}

function disjoint(ranges) {
  const out = [];
  for (const r of ranges) if (!out.length || r[0] >= out[out.length - 1][1]) out.push(r);
  return out;
}
