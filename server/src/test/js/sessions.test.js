// Sessions in the client (js/sessions.js) without a browser: what a device is called from its
// User-Agent, how long ago it was seen, the time a sign-in code has left, and the `#signin=` link.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeAgent, timeLeft, codeFromHash, signInLink } from '../../main/resources/web/js/sessions.js';
import { ago } from '../../main/resources/web/js/format.js';

test('a device is named by its browser and system', () => {
  assert.equal(describeAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'), 'Chrome on Linux');
  assert.equal(describeAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'), 'Safari on iOS');
  assert.equal(describeAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'), 'Firefox on Windows');
  assert.equal(describeAgent('Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131 Safari/537.36 Edg/131'), 'Edge on Windows');
  assert.equal(describeAgent(undefined), 'Unknown browser');
  assert.equal(describeAgent('Java-http-client/17'), 'Unknown browser');
});

test('last seen reads as a plain sentence', () => {
  const now = 1_000_000_000_000;
  assert.equal(ago(now - 5_000, now), 'just now');
  assert.equal(ago(now - 60_000, now), '1 minute ago');
  assert.equal(ago(now - 3 * 3_600_000, now), '3 hours ago');
  assert.equal(ago(now - 2 * 86_400_000, now), '2 days ago');
});

test('a code counts down to its expiry, then has none left', () => {
  const now = 1_000_000_000_000;
  assert.equal(timeLeft(now + 600_000, now), '10:00');
  assert.equal(timeLeft(now + 61_500, now), '1:02');
  assert.equal(timeLeft(now, now), null);
});

test('a sign-in link carries its code in the fragment', () => {
  assert.equal(signInLink('https://chat.example', 'ABCD2345'), 'https://chat.example/#signin=ABCD2345');
  assert.equal(codeFromHash('#signin=abcd2345'), 'ABCD2345');
  assert.equal(codeFromHash('#signin=<script>'), null);
  assert.equal(codeFromHash('#room=general'), null);
  assert.equal(codeFromHash(''), null);
});
