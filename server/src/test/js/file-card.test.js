// The words of a file card (js/view/file-card.js) without a browser: sizes, a voice message's
// length, and the kind of file each type is drawn as.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSize, formatDuration, kindOf } from '../../main/resources/web/js/view/file-card.js';

test('sizes read as people say them', () => {
  assert.equal(formatSize(742), '742 bytes');
  assert.equal(formatSize(3 * 1024 + 100), '3 KB');
  assert.equal(formatSize(1.25 * 1024 * 1024), '1.3 MB');
  assert.equal(formatSize(12 * 1024 * 1024), '12 MB');
  assert.equal(formatSize(undefined), '');
});

test('a voice message shows minutes and seconds', () => {
  assert.equal(formatDuration(3), '0:03');
  assert.equal(formatDuration(72), '1:12');
  assert.equal(formatDuration(300), '5:00');
  assert.equal(formatDuration(-4), '0:00');
});

test('each type is drawn as its kind; anything else is a plain file', () => {
  assert.equal(kindOf('audio/webm'), 'audio');
  assert.equal(kindOf('video/mp4'), 'video');
  assert.equal(kindOf('application/pdf'), 'pdf');
  assert.equal(kindOf('text/plain'), 'text');
  assert.equal(kindOf('application/octet-stream'), 'file');
  assert.equal(kindOf(undefined), 'file');
});
