// emoji/data.js — The emoji data set (the server's /emoji.json, made from Unicode's data by jemoji): groups, search, skin tones, and "is this text only emoji".

import { fetchJson } from '../http.js';

const URL = '/emoji.json';
const ZWJ = '\u200D';
const VS16 = '\uFE0F';
/** Tone 0 is the default (yellow); 1-5 are the Fitzpatrick modifiers, light to dark. */
export const TONES = ['', '\u{1F3FB}', '\u{1F3FC}', '\u{1F3FD}', '\u{1F3FE}', '\u{1F3FF}'];
export const TONE_NAMES = ['Default', 'Light', 'Medium-light', 'Medium', 'Medium-dark', 'Dark'];

/** Where each entry takes its tone (kept out of the entries so that they stay plain values). */
const toneRules = new WeakMap();
let loading = null;

/**
 * The data set, fetched once per page (the promise is shared; a failed fetch is tried again next
 * call) → { groups: [{name, emoji: [Entry], subgroups: [{name, emoji}]}], entries: [Entry],
 * byShortcode: Map, byChar: Map }; Entry = { char, name, shortcodes: [...], tones: boolean }.
 */
export function loadEmoji() {
  if (!loading) {
    loading = fetchJson(URL)
      .then(parse)
      .catch((err) => { loading = null; throw err; });
  }
  return loading;
}

/**
 * Shortcode → emoji (a Map, for the Markdown worker), from the data set; an empty one when it
 * cannot be loaded (shortcodes then stay text).
 */
export function shortcodeTable() {
  return loadEmoji().then(
    (data) => new Map([...data.byShortcode].map(([code, entry]) => [code, entry.char])),
    () => new Map());
}

function parse(doc) {
  const groups = [];
  const entries = [];
  const byShortcode = new Map();
  const byChar = new Map();
  for (const group of doc.groups) {
    const emoji = group.emoji.map(([char, name, codes, tones]) => {
      const entry = Object.freeze({ char, name, shortcodes: Object.freeze(codes ? codes.split(' ') : []), tones: Array.isArray(tones) });
      if (entry.tones) toneRules.set(entry, tones);
      for (const code of entry.shortcodes) if (!byShortcode.has(code)) byShortcode.set(code, entry);
      byChar.set(char, entry);
      const plain = char.replaceAll(VS16, '');
      if (!byChar.has(plain)) byChar.set(plain, entry);
      entries.push(entry);
      return entry;
    });
    const starts = Object.entries(group.sub || {});
    const subgroups = starts.map(([name, start], i) => ({ name, emoji: emoji.slice(start, starts[i + 1]?.[1] ?? emoji.length) }));
    groups.push({ name: group.name, emoji, subgroups });
  }
  return { groups, entries, byShortcode, byChar };
}

/**
 * The entry's character with skin tone `tone` (0-5; 0 or an entry without tones gives it as is).
 * The data says which ZWJ-joined parts take the modifier (after their first code point, an FE0F
 * there dropped: ☝️ → ☝🏽, 🧑‍🤝‍🧑 → 🧑🏽‍🤝‍🧑🏽), or lists the five toned sequences outright.
 */
export function withTone(entry, tone) {
  const rule = toneRules.get(entry);
  if (!rule || !(tone >= 1 && tone <= 5)) return entry.char;
  if (typeof rule[0] === 'string') return rule[tone - 1] ?? entry.char;
  const parts = entry.char.split(ZWJ);
  for (const i of rule) {
    const [first, ...rest] = Array.from(parts[i] ?? '');
    if (rest[0] === VS16) rest.shift();
    parts[i] = first + TONES[tone] + rest.join('');
  }
  return parts.join(ZWJ);
}

/** The entry a (possibly toned) emoji is, or undefined. */
export function entryOf(data, text) {
  let base = text;
  for (const mod of TONES.slice(1)) base = base.replaceAll(mod, '');
  return data.byChar.get(text) ?? data.byChar.get(base) ?? data.byChar.get(base.replaceAll(VS16, ''));
}

/**
 * Up to `limit` entries for `query` ("thu", ":+1", "red heart"): shortcodes that start with it
 * first (an exact one before the rest), then names whose words start with its words, then
 * names or shortcodes that contain it anywhere.
 */
export function searchEmoji(data, query, limit = 50) {
  const q = String(query ?? '').trim().toLowerCase().replace(/^:+|:+$/g, '');
  if (!q) return [];
  const found = new Set();
  const take = (entry) => { if (found.size < limit) found.add(entry); };
  const exact = data.byShortcode.get(q);
  if (exact) take(exact);
  for (const e of data.entries) if (e.shortcodes.some((c) => c.startsWith(q))) take(e);
  const words = q.split(/[\s_]+/).filter(Boolean);
  for (const e of data.entries) {
    if (found.size >= limit) break;
    const nameWords = e.name.toLowerCase().split(/[\s:,\-_]+/);
    if (words.every((w) => nameWords.some((n) => n.startsWith(w)))) take(e);
  }
  for (const e of data.entries) {
    if (found.size >= limit) break;
    if (e.name.toLowerCase().includes(q) || e.shortcodes.some((c) => c.includes(q))) take(e);
  }
  return [...found];
}

const segmenter = typeof Intl !== 'undefined' && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
/**
 * One emoji as one grapheme: a flag (two regional indicators), a keycap, or a pictograph shown as
 * an emoji (emoji presentation, or FE0F or a tone after it) with its modifiers, ZWJ partners and tags.
 */
const EMOJI_GRAPHEME = /^(?:\p{Regional_Indicator}{2}|[0-9#*]\uFE0F?\u20E3|(?:\p{Emoji_Presentation}|\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}])[\p{Extended_Pictographic}\p{Emoji_Component}]*)$/u;

/** True for a text of one to three emoji and nothing else but whitespace ("🎉🎉", "👍🏽 ❤️"). */
export function isEmojiOnly(text) {
  if (typeof text !== 'string' || !text.trim() || text.length > 64 || !segmenter) return false;
  let count = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (/^\s+$/u.test(segment)) continue;
    if (!EMOJI_GRAPHEME.test(segment) || ++count > 3) return false;
  }
  return count > 0;
}
