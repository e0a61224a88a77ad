// The ":shortcode:" conversion the Markdown worker and the composer share.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shortcodeAt, replaceShortcodes, completedShortcode } from '../../main/resources/web/js/emoji/shortcode-text.js';

const TABLE = new Map([['tada', '🎉'], ['smile', '😄'], ['+1', '👍'], ['100', '💯'], ['white_check_mark', '✅']]);
const lookup = (name) => TABLE.get(name);

test('known shortcodes become their emoji', () => {
  assert.equal(replaceShortcodes(':tada:', lookup), '🎉');
  assert.equal(replaceShortcodes('done :white_check_mark: ok', lookup), 'done ✅ ok');
  assert.equal(replaceShortcodes(':+1: and :100:', lookup), '👍 and 💯');
  assert.equal(replaceShortcodes(':smile::tada:', lookup), '😄🎉');
  assert.equal(replaceShortcodes('(:tada:)', lookup), '(🎉)');
  assert.equal(replaceShortcodes(':TADA:', lookup), '🎉');
});

test('unknown shortcodes, times and words with colons stay as typed', () => {
  for (const text of [':foo:', '12:30:45', 'at 10:100:00', 'a:tada:b', 'x:tada:', ':tada:x', ': tada :', '::', ':tada', 'tada:',
    'http://example.com/:tada', ':ta da:']) {
    assert.equal(replaceShortcodes(text, lookup), text, text);
  }
});

test('shortcodeAt reads one shortcode at the start, given the character before it', () => {
  assert.deepEqual(shortcodeAt(':tada: yes', lookup), { length: 6, char: '🎉' });
  assert.equal(shortcodeAt(':tada:', lookup, '2'), null);
  assert.deepEqual(shortcodeAt(':tada:', lookup, ' '), { length: 6, char: '🎉' });
  assert.equal(shortcodeAt('tada:', lookup), null);
});

test('completedShortcode finds the shortcode a closing colon just finished', () => {
  assert.deepEqual(completedShortcode('hi :smile:', lookup), { start: 3, char: '😄' });
  assert.deepEqual(completedShortcode(':tada:', lookup), { start: 0, char: '🎉' });
  assert.deepEqual(completedShortcode('😄:tada:', lookup), { start: 2, char: '🎉' });
  assert.equal(completedShortcode('hi :nope:', lookup), null);
  assert.equal(completedShortcode('12:30:', lookup), null);
  assert.equal(completedShortcode('at 12:100:', lookup), null);
  assert.equal(completedShortcode('hi :smile', lookup), null);
  assert.equal(completedShortcode('hi :smile: there:', lookup), null);
});
