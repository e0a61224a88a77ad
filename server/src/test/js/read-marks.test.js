// "Jump to a date" (js/view/read-marks-view.js): the day typed becomes its local midnight, or null.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startOfDay } from '../../main/resources/web/js/view/read-marks-view.js';

test('a day is its midnight on this device', () => {
  assert.equal(startOfDay('2026-03-05'), new Date(2026, 2, 5).getTime());
  assert.equal(new Date(startOfDay('2026-12-31')).getHours(), 0);
});

test('anything but a yyyy-mm-dd day is null', () => {
  for (const bad of ['', null, undefined, '2026-3-5', '05/03/2026', '2026-03-05T10:00']) assert.equal(startOfDay(bad), null, String(bad));
});
