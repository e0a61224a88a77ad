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

/** Badge text: exact up to 99, then "99+". */
export const countLabel = (n) => (n > 99 ? '99+' : String(n));
