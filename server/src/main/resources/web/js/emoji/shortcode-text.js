// emoji/shortcode-text.js — ":shortcode:" typed in text: where a known one stands and the emoji it means. Pure (no DOM, no requests): the Markdown worker (js/markdown-html.js), the composer and the unit tests share it.

/** The longest shortcode looked for (jemoji's longest is under 50 characters). */
const MAX_NAME = 64;
/** What a shortcode's name is made of (GitHub's, Slack's and Discord's: letters, digits, _ + -). */
const NAME = /^[\p{L}\p{N}_+\-]+$/u;
/** A shortcode stands apart: never right after or before a letter or digit ("12:30:45", "a:b:c"). */
const WORD = /[\p{L}\p{N}]/u;

/**
 * The known shortcode at the start of `src` (which starts with ":"), or null: {length, char}.
 * `before` is the character in front of it ('' at the start); `lookup(name)` gives the emoji of a
 * shortcode (without colons), or undefined when there is none.
 */
export function shortcodeAt(src, lookup, before = '') {
  if (src[0] !== ':' || (before && WORD.test(before))) return null;
  const close = src.indexOf(':', 1);
  if (close < 2 || close > MAX_NAME + 1) return null;
  const name = src.slice(1, close);
  if (!NAME.test(name) || (close + 1 < src.length && WORD.test(src[close + 1]))) return null;
  const char = lookup(name) ?? lookup(name.toLowerCase());
  return char ? { length: close + 1, char } : null;
}

/** `text` with every known shortcode standing apart turned into its emoji (":tada: done" → "🎉 done"). */
export function replaceShortcodes(text, lookup) {
  let out = '';
  let at = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    if (i < at) continue;
    const hit = shortcodeAt(text.slice(i, i + MAX_NAME + 2), lookup, text[i - 1] ?? '');
    if (!hit) continue;
    out += text.slice(at, i) + hit.char;
    at = i + hit.length;
    i = at - 1;
  }
  return out + text.slice(at);
}

/**
 * The shortcode that `before` (the text up to the caret) has just completed by typing its closing
 * colon: {start, char} (replace from `start` to the caret), or null.
 */
export function completedShortcode(before, lookup) {
  if (!before.endsWith(':')) return null;
  const start = before.lastIndexOf(':', before.length - 2);
  if (start < 0 || before.length - start > MAX_NAME + 2) return null;
  const hit = shortcodeAt(before.slice(start), lookup, before[start - 1] ?? '');
  return hit && hit.length === before.length - start ? { start, char: hit.char } : null;
}
