// format.js — Human-friendly times, day labels and counts, in the user's locale.

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const fullFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const dayFmt = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' });
const dayYearFmt = new Intl.DateTimeFormat(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });

export const formatTime = (ts) => timeFmt.format(new Date(ts));
export const formatFull = (ts) => fullFmt.format(new Date(ts));

/** A key that is equal for two timestamps on the same local calendar day. */
export function dayKey(ts) {
  const d = new Date(ts);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

export function dayLabel(ts, now = Date.now()) {
  if (dayKey(ts) === dayKey(now)) return 'Today';
  if (dayKey(ts) === dayKey(now - 86_400_000)) return 'Yesterday';
  const sameYear = new Date(ts).getFullYear() === new Date(now).getFullYear();
  return (sameYear ? dayFmt : dayYearFmt).format(new Date(ts));
}

/** "14:05" today, the full date when it is further away than that. */
export function untilText(until, now = Date.now()) {
  return until - now < 20 * 3600_000 ? formatTime(until) : formatFull(until);
}

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

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
export function ago(ms, now = Date.now()) {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return 'just now';
  const unit = (n, word) => `${n} ${word}${n === 1 ? '' : 's'} ago`;
  if (s < 3600) return unit(Math.floor(s / 60), 'minute');
  if (s < 86400) return unit(Math.floor(s / 3600), 'hour');
  return unit(Math.floor(s / 86400), 'day');
}

/**
 * A message in a line: its text with whitespace folded and code fences left out, at most `max`
 * characters (never half of one); without text what it carries ("(image)", "(voice message)",
 * "(file)"); "(deleted)" once deleted.
 */
export function excerpt(msg, max = 140) {
  if (msg?.deleted) return '(deleted)';
  const text = typeof msg?.text === 'string' ? msg.text.replace(/```[^\n]*\n?/g, '').replace(/\s+/g, ' ').trim() : '';
  if (!text) return msg?.image ? '(image)' : msg?.file?.duration != null ? '(voice message)' : msg?.file ? '(file)' : '';
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
