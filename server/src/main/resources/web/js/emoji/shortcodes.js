// emoji/shortcodes.js — The ":shortcode" provider for the input's autocomplete popup: ":jo" offers 😂 :joy: and its kin.

import { loadEmoji, searchEmoji, withTone } from './data.js';
import { preferredTone, rememberEmoji } from './prefs.js';

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
