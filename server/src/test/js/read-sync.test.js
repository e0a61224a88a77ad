// A room's read marker after a reconnect (js/read-sync.js): what this device read while away goes to
// the server; a marker moved back on another device meanwhile ("mark as unread") is taken back here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readAfterWelcome } from '../../main/resources/web/js/read-sync.js';

test('read here while disconnected: the marker goes to the server', () => {
  assert.deepEqual(readAfterWelcome(12, 8, 8), { seq: 12, back: false, push: true });
});

test('marked unread on another device while disconnected: the marker comes back here', () => {
  assert.deepEqual(readAfterWelcome(12, 12, 9), { seq: 9, back: true, push: false });
});

test('read further on another device: taken forward', () => {
  assert.deepEqual(readAfterWelcome(12, 12, 20), { seq: 20, back: false, push: false });
});

test('nothing held yet: the server\'s marker', () => {
  assert.deepEqual(readAfterWelcome(undefined, undefined, 5), { seq: 5, back: false, push: false });
  assert.deepEqual(readAfterWelcome(0, 0, 0), { seq: 0, back: false, push: false });
});
