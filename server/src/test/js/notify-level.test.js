// What a room's notification level says of a live message (js/notify-level.js): never my own or a
// deleted one; "all" everything, "none" nothing, "mentions" only mentions, unchosen the default.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noticeRule, levelLabel, LEVELS } from '../../main/resources/web/js/notify-level.js';

const msg = (from, extra = {}) => ({ type: 'message', room: 'ops', seq: 3, from: { id: from }, text: 'hi', ...extra });

test('each level decides, or leaves the mention to the caller', () => {
  assert.equal(noticeRule('all', msg('bob'), 'ann'), true);
  assert.equal(noticeRule('none', msg('bob', { mentions: [{ id: 'ann' }] }), 'ann'), false);
  assert.equal(noticeRule('mentions', msg('bob'), 'ann'), 'mentions');
  assert.equal(noticeRule(undefined, msg('bob'), 'ann'), 'default');
});

test('my own message, a deleted one or a notice never notifies', () => {
  for (const level of [...LEVELS, undefined]) {
    assert.equal(noticeRule(level, msg('ann'), 'ann'), false, `${level}: mine`);
    assert.equal(noticeRule(level, msg('bob', { deleted: true }), 'ann'), false, `${level}: deleted`);
    assert.equal(noticeRule(level, { type: 'notice', event: 'join', from: { id: 'bob' } }, 'ann'), false);
  }
});

test('the menu names each level, and the default by the kind of room', () => {
  assert.equal(levelLabel('all'), 'Every message');
  assert.equal(levelLabel('mentions'), 'Only mentions of me');
  assert.equal(levelLabel('none'), 'Nothing');
  assert.equal(levelLabel(undefined, true), 'Default (every message)');
  assert.equal(levelLabel(undefined, false), 'Default (mentions of me)');
});
