// The search panel's time filters (js/time-range.js) without a browser, in a time zone with a
// daylight-saving change, where a day is not always 24 hours long.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeRange } from '../../main/resources/web/js/time-range.js';

// Before any Date is made: Paris moved its clocks forward on Sunday 31 March 2024, at 02:00.
process.env.TZ = 'Europe/Paris';

const iso = (ms) => new Date(ms).toISOString();

test('this week starts on Monday at midnight, whatever the day now, Sunday and Monday included', () => {
  assert.deepEqual(timeRange('week', '', '', new Date('2024-05-15T13:30:00+02:00')), { from: Date.parse('2024-05-13T00:00:00+02:00') });
  assert.equal(iso(timeRange('week', '', '', new Date('2024-05-19T23:59:00+02:00')).from), '2024-05-12T22:00:00.000Z');
  assert.equal(iso(timeRange('week', '', '', new Date('2024-05-13T00:00:00+02:00')).from), '2024-05-12T22:00:00.000Z');
  // across a year's end: Wednesday 1 January 2025 belongs to the week of Monday 30 December
  assert.equal(iso(timeRange('week', '', '', new Date('2025-01-01T10:00:00+01:00')).from), '2024-12-29T23:00:00.000Z');
  // the Sunday the clocks change: the week began on Monday 25 March, still in winter time
  assert.equal(iso(timeRange('week', '', '', new Date('2024-03-31T12:00:00+02:00')).from), '2024-03-24T23:00:00.000Z');
});

test('this month starts on its first day at midnight', () => {
  assert.deepEqual(timeRange('month', '', '', new Date('2024-05-31T23:00:00+02:00')), { from: Date.parse('2024-05-01T00:00:00+02:00') });
  assert.equal(iso(timeRange('month', '', '', new Date('2024-04-02T09:00:00+02:00')).from), '2024-03-31T22:00:00.000Z');
});

test('a custom range runs from the first day\'s midnight to the end of the last day, a short day included', () => {
  assert.deepEqual(timeRange('custom', '2024-05-02', '2024-05-03'), {
    from: Date.parse('2024-05-02T00:00:00+02:00'),
    to: Date.parse('2024-05-04T00:00:00+02:00'),
  });
  // 31 March 2024 has 23 hours in Paris: its end is the next midnight, not 24 hours after its start
  assert.deepEqual(timeRange('custom', '2024-03-31', '2024-03-31'), {
    from: Date.parse('2024-03-31T00:00:00+01:00'),
    to: Date.parse('2024-04-01T00:00:00+02:00'),
  });
  assert.deepEqual(timeRange('custom', '2024-05-02', ''), { from: Date.parse('2024-05-02T00:00:00+02:00') });
  assert.deepEqual(timeRange('custom', '', '2024-05-02'), { to: Date.parse('2024-05-03T00:00:00+02:00') });
  assert.deepEqual(timeRange('custom', '', ''), {});
});

test('all time, or an unknown filter, is no range at all', () => {
  assert.deepEqual(timeRange('all', '2024-05-02', '2024-05-03'), {});
  assert.deepEqual(timeRange(undefined), {});
});
