// What a link preview card may point at (js/view/link-preview.js): the link only when it is http
// or https; the image only from this server's /uploads/previews/, never from elsewhere.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeLink, previewImagePath } from '../../main/resources/web/js/view/link-preview.js';

test('only an http or https link is a link', () => {
  assert.equal(safeLink('https://example.org/a?b=1')?.href, 'https://example.org/a?b=1');
  assert.equal(safeLink('http://example.org/')?.protocol, 'http:');
  assert.equal(safeLink('javascript:alert(1)'), null);
  assert.equal(safeLink('data:text/html,<b>x</b>'), null);
  assert.equal(safeLink('not a url'), null);
  assert.equal(safeLink(42), null);
});

test('a preview image is a path of this server\'s previews, or nothing', () => {
  globalThis.location = new URL('https://chat.example/rooms');
  const name = 'A'.repeat(32);
  assert.equal(previewImagePath(`/uploads/previews/${name}.png`), `/uploads/previews/${name}.png`);
  assert.equal(previewImagePath(`https://chat.example/uploads/previews/${name}.webp`), `/uploads/previews/${name}.webp`);
  assert.equal(previewImagePath(`https://elsewhere.example/uploads/previews/${name}.png`), null);
  assert.equal(previewImagePath(`/uploads/previews/${name}.png?x=1`), null);
  assert.equal(previewImagePath(`/uploads/previews/${name}.svg`), null);
  assert.equal(previewImagePath('/uploads/previews/short.png'), null);
  assert.equal(previewImagePath(null), null);
});
