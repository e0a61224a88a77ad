// Times and message excerpts in words (js/format.js): "5 minutes ago" for sessions, passkeys and
// threads; one line of a message for pins, saved messages, threads and notifications.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ago, excerpt, countLabel } from '../../main/resources/web/js/format.js';

test('ago says how long ago, in whole units', () => {
  const now = 1_767_225_600_000;
  assert.equal(ago(now - 5_000, now), 'just now');
  assert.equal(ago(now + 5_000, now), 'just now', 'a clock a little ahead');
  assert.equal(ago(now - 60_000, now), '1 minute ago');
  assert.equal(ago(now - 59 * 60_000, now), '59 minutes ago');
  assert.equal(ago(now - 3_600_000, now), '1 hour ago');
  assert.equal(ago(now - 2 * 86_400_000, now), '2 days ago');
});

test('an excerpt is one line of text, at most max characters, never half of one', () => {
  assert.equal(excerpt({ text: 'deploy\n\n  at   five' }), 'deploy at five');
  assert.equal(excerpt({ text: '```js\nlet x = 1;\n```' }), 'let x = 1;');
  assert.equal(excerpt({ text: 'abcdef' }, 4), 'abc…');
  assert.equal(excerpt({ text: '😀😀😀😀😀' }, 3), '😀😀…');
  assert.equal(excerpt({ text: 'gone', deleted: true }), '(deleted)');
  assert.equal(excerpt({ image: { url: '/uploads/x' } }), '(image)');
  assert.equal(excerpt({ file: { url: '/uploads/y', duration: 3 } }), '(voice message)');
  assert.equal(excerpt({ file: { url: '/uploads/z' } }), '(file)');
  assert.equal(excerpt({}), '');
  assert.equal(excerpt(null), '');
});

test('a badge counts up to 99', () => {
  assert.equal(countLabel(7), '7');
  assert.equal(countLabel(100), '99+');
});
