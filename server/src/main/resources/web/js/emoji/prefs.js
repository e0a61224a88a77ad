// emoji/prefs.js — The emoji choices this browser remembers: the skin tone, and the recently used emoji (most recent first).

import { storage } from '../storage.js';

export const MAX_RECENT = 24;

/** 0 (default yellow) to 5 (dark). */
export function preferredTone() {
  const tone = storage.emojiTone();
  return tone >= 0 && tone <= 5 ? tone : 0;
}

export function setPreferredTone(tone) {
  storage.saveEmojiTone(tone);
}

/** The untoned characters of the emoji used lately, most recent first. */
export function recentEmoji() {
  return storage.emojiRecent().slice(0, MAX_RECENT);
}

export function rememberEmoji(char) {
  storage.saveEmojiRecent([char, ...recentEmoji().filter((c) => c !== char)].slice(0, MAX_RECENT));
}
