// Web Push in the client (js/push.js) without a browser: the server's VAPID key turned into the
// bytes pushManager.subscribe takes, and the room a notification's new window opens.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyBytes, roomFromSearch } from '../../main/resources/web/js/push.js';

test('a base64url VAPID key becomes its bytes, padding or not', () => {
  const bytes = new Uint8Array(65).map((_, i) => (i * 37 + 4) % 256);
  const b64url = Buffer.from(bytes).toString('base64url');
  assert.deepEqual([...keyBytes(b64url)], [...bytes]);
  assert.equal(keyBytes(b64url)[0], 4);
  assert.deepEqual([...keyBytes('-_8')], [0xfb, 0xff]);
});

test('a notification opens its room from ?room=, and nothing else does', () => {
  assert.equal(roomFromSearch('?room=dm%3Au-a%3Au-b'), 'dm:u-a:u-b');
  assert.equal(roomFromSearch('?room=general&x=1'), 'general');
  assert.equal(roomFromSearch(''), null);
  assert.equal(roomFromSearch('?rooms=general'), null);
});
