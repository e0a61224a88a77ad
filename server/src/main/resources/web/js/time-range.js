// time-range.js — The time filters of search ("this week", "this month", a custom range of days) as [from, to) in milliseconds, in the browser's time zone.

/** The [from, to) time range in ms for a time filter, or {} for all time. `customFrom`/`customTo` are dates as `YYYY-MM-DD`. */
export function timeRange(kind, customFrom, customTo, now = new Date()) {
  if (kind === 'week') {
    const d = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    d.setDate(d.getDate() - ((d.getDay() + 6) % 7)); // weeks start on Monday
    return { from: d.getTime() };
  }
  if (kind === 'month') return { from: new Date(now.getFullYear(), now.getMonth(), 1).getTime() };
  if (kind === 'custom') {
    const range = {};
    if (customFrom) range.from = new Date(`${customFrom}T00:00`).getTime();
    if (customTo) {
      const end = new Date(`${customTo}T00:00`);
      end.setDate(end.getDate() + 1); // the whole last day
      range.to = end.getTime();
    }
    return range;
  }
  return {};
}
