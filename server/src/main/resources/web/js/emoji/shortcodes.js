// emoji/shortcodes.js — Shortcodes in the message box: the ":shortcode" provider for the autocomplete popup (":jo" offers 😂 :joy: and its kin), and a shortcode typed in full turned into its emoji as its closing colon is typed.

import { loadEmoji, searchEmoji, withTone } from './data.js';
import { preferredTone, rememberEmoji } from './prefs.js';
import { completedShortcode } from './shortcode-text.js';
import { caretInCodeBlock } from '../view/format-toolbar.js';

const SHORTCODE_QUERY = /^[\p{L}\p{N}_+\-]+$/u;

/** The provider shape the autocomplete popup takes: a trigger, a minimum query, and items for a query. */
export const emojiSuggestions = {
  trigger: ':',
  minChars: 2,
  async items(query) {
    if (!SHORTCODE_QUERY.test(query)) return [];
    const data = await loadEmoji();
    const q = query.toLowerCase();
    const tone = preferredTone();
    return searchEmoji(data, q, 8).map((entry) => {
      const code = entry.shortcodes.find((c) => c.startsWith(q)) ?? entry.shortcodes[0] ?? entry.name.replace(/[^\p{L}\p{N}]+/gu, '_');
      const char = withTone(entry, tone);
      return { key: entry.char, label: `:${code}:`, insert: char, icon: char, detail: entry.name, onPick: () => rememberEmoji(entry.char) };
    });
  },
};

/**
 * Typing the closing colon of a known shortcode (":smile:") puts its emoji (in the preferred skin
 * tone) in its place, as picking it from the popup would; an unknown one (":foo:"), a time
 * ("12:30:45") and code (inside backticks or a fenced block) stay as typed.
 */
export function convertTypedShortcodes(input) {
  let data = null;
  loadEmoji().then((loaded) => { data = loaded; }, () => { /* without the data set, shortcodes stay as typed */ });
  input.addEventListener('input', (e) => {
    if (!data || e.inputType !== 'insertText' || e.data !== ':' || input.selectionStart !== input.selectionEnd) return;
    const caret = input.selectionStart;
    const line = input.value.slice(input.value.lastIndexOf('\n', caret - 1) + 1, caret);
    if ((line.match(/`/g) ?? []).length % 2 === 1 || caretInCodeBlock(input)) return;
    const tone = preferredTone();
    let entry = null;
    const hit = completedShortcode(line, (name) => {
      entry = data.byShortcode.get(name) ?? null;
      return entry ? withTone(entry, tone) : undefined;
    });
    if (!hit) return;
    input.setRangeText(hit.char, caret - line.length + hit.start, caret, 'end');
    rememberEmoji(entry.char);
    input.dispatchEvent(new Event('input'));
  });
}
