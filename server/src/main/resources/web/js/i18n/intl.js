// i18n/intl.js — Dates, times, relative times, numbers and file sizes through Intl, in the interface language (js/i18n.js). js/format.js routes its functions here.

import { language, t } from '../i18n.js';

const cache = new Map();
/** One formatter per language and options (they are costly to make). */
function cached(kind, options) {
  const lang = language();
  const key = `${kind}|${lang}|${JSON.stringify(options)}`;
  if (!cache.has(key)) cache.set(key, new Intl[kind](lang, options));
  return cache.get(key);
}

/** "14:05" / "下午2:05". */
export const formatTime = (ts) => cached('DateTimeFormat', { hour: 'numeric', minute: '2-digit' }).format(new Date(ts));
/** The full date and time, for a tooltip. */
export const formatFull = (ts) => cached('DateTimeFormat', { dateStyle: 'full', timeStyle: 'short' }).format(new Date(ts));
/** A date and a time, both short: "5 Dec 2026, 14:05" / "2026年12月5日 14:05". */
export const formatDateTime = (ts) => cached('DateTimeFormat', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ts));
/** A calendar date: "5 Dec 2026" / "2026年12月5日". */
export const formatDate = (ts) => cached('DateTimeFormat', { dateStyle: 'medium' }).format(new Date(ts));

/** A key that is equal for two timestamps on the same local calendar day. */
export function dayKey(ts) {
  const d = new Date(ts);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

/** A day divider: Today, Yesterday, else the weekday and date (with the year when it is another year). */
export function dayLabel(ts, now = Date.now()) {
  if (dayKey(ts) === dayKey(now)) return t('time.today');
  if (dayKey(ts) === dayKey(now - 86_400_000)) return t('time.yesterday');
  const sameYear = new Date(ts).getFullYear() === new Date(now).getFullYear();
  const options = { weekday: 'long', month: 'long', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) };
  return cached('DateTimeFormat', options).format(new Date(ts));
}

/** "14:05" when it is less than 20 hours away, else the full date and time. */
export function untilText(until, now = Date.now()) {
  return until - now < 20 * 3600_000 ? formatTime(until) : formatFull(until);
}

const UNITS = [['year', 365 * 86_400_000], ['month', 30 * 86_400_000], ['week', 7 * 86_400_000], ['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000]];

/** "5 minutes ago", "in 2 hours", "3分钟前": the largest whole unit; under a minute, "now". */
export function relativeTime(ts, now = Date.now()) {
  const diff = ts - now;
  const fmt = cached('RelativeTimeFormat', { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return fmt.format(Math.round(diff / ms), unit);
  }
  return fmt.format(0, 'second');
}

/** "3 hours ago" / "3小时前": a whole number of a unit, through Intl.RelativeTimeFormat. */
export const formatRelative = (value, unit) => cached('RelativeTimeFormat', { numeric: 'auto' }).format(value, unit);

/** 1,234 / 1,234 in the interface language's digits and grouping. */
export const formatNumber = (n, options) => cached('NumberFormat', options ?? {}).format(n);

/** A file size: "742 bytes", "18 KB", "1.2 MB" (a tenth under 10 MB); '' for no number. */
export function formatSize(bytes) {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) return '';
  if (bytes < 1024) return t('size.bytes', { count: bytes });
  if (bytes < 1024 * 1024) return t('size.kb', { n: Math.round(bytes / 1024) });
  const mb = bytes / (1024 * 1024);
  return t('size.mb', { n: mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10 });
}
