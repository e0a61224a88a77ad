// format.js — Human-friendly times, day labels, counts and excerpts, in the interface language.

import { t } from './i18n.js';
import { formatTime, formatFull, dayKey, dayLabel, untilText, formatRelative } from './i18n/intl.js';

// times and day labels in the interface language (i18n/intl.js), under the names the views import
export { formatTime, formatFull, dayKey, dayLabel, untilText };

/**
 * A server's sentence with an end in it ("You are banned from ops until 2026-01-01T00:10:00Z:
 * spam"; the server writes the instant in UTC) with that end in the reader's own time.
 */
export function localUntil(message, until, now = Date.now()) {
  if (typeof message !== 'string' || typeof until !== 'number') return message;
  return message.replace(/ until \d{4}-\d\d-\d\dT[\d:.]+Z/, ` until ${untilText(until, now)}`);
}

/** Badge text: exact up to 99, then "99+". */
export const countLabel = (n) => (n > 99 ? '99+' : String(n));

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago" (in the interface language). */
export function ago(ms, now = Date.now()) {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return t('time.just-now');
  if (s < 3600) return formatRelative(-Math.floor(s / 60), 'minute');
  if (s < 86400) return formatRelative(-Math.floor(s / 3600), 'hour');
  return formatRelative(-Math.floor(s / 86400), 'day');
}

/**
 * A message in a line: its text with whitespace folded and code fences left out, at most `max`
 * characters (never half of one); without text what it carries ("(image)", "(voice message)",
 * "(file)"); "(deleted)" once deleted.
 */
export function excerpt(msg, max = 140) {
  if (msg?.deleted) return t('excerpt.deleted');
  const text = typeof msg?.text === 'string' ? msg.text.replace(/```[^\n]*\n?/g, '').replace(/\s+/g, ' ').trim() : '';
  if (!text) return msg?.image ? t('excerpt.image') : msg?.file?.duration != null ? t('excerpt.voice') : msg?.file ? t('excerpt.file') : '';
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
