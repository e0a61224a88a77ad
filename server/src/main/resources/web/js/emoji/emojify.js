// emoji/emojify.js — Known ":shortcodes:" as emoji in text the app shows as plain text (room topics, the directory, notifications, search results), as the Markdown worker does for messages. Until the emoji data set has loaded the text stays as it is; `emojiReady` lets a view draw again then.

import { loadEmoji } from './data.js';
import { replaceShortcodes } from './shortcode-text.js';

let lookup = null;

/** Settles once the data set has loaded (or failed to: shortcodes then stay text). */
export const emojiReady = loadEmoji().then(
  (data) => { lookup = (name) => data.byShortcode.get(name)?.char; },
  () => { /* without the data set, shortcodes stay as typed */ });

/** `text` with its known shortcodes as emoji (":tada: done" → "🎉 done"); the text itself before the data set is in. */
export function emojify(text) {
  return lookup && typeof text === 'string' && text.includes(':') ? replaceShortcodes(text, lookup) : text;
}
