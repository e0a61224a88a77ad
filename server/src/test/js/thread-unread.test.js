// My threads' unread counts in the client (js/thread-unread.js): the server's list sets them, a new
// reply in one of my threads adds one (once, even when it comes again edited), reading clears it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ThreadUnread } from '../../main/resources/web/js/thread-unread.js';

const item = (room, seq, unread) => ({ room, unread, root: { type: 'message', room, seq } });
const reply = (room, seq, thread, extra = {}) => ({ type: 'message', room, seq, thread, from: { id: 'bob' }, ...extra });

test('the first page sets the counts and the total counts threads beyond it', () => {
  const u = new ThreadUnread();
  u.loaded({ items: [item('ops', 4, 2), item('dev', 9, 0)], unread: 3 });
  assert.equal(u.unread('ops', 4), 2);
  assert.equal(u.total(), 3, 'one listed with unread replies, two more the server counted');
  u.more({ items: [item('ops', 1, 5)] });
  assert.equal(u.total(), 3, 'a later page names one of the two, the total stays');
});

test('a live reply in my thread adds one, once; reading clears it and older replies do not come back', () => {
  const u = new ThreadUnread();
  u.loaded({ items: [item('ops', 4, 0)], unread: 0 });
  assert.equal(u.reply(reply('ops', 10, 4), true), true);
  assert.equal(u.reply(reply('ops', 10, 4, { edited: 1 }), true), false, 'an edit is not a new reply');
  assert.equal(u.reply(reply('ops', 11, 4), false), false, 'not my thread');
  assert.equal(u.reply(reply('ops', 12, 4, { deleted: true }), true), false);
  assert.equal(u.unread('ops', 4), 1);
  assert.equal(u.total(), 1);
  u.read('ops', 4, 10);
  assert.equal(u.total(), 0);
  assert.equal(u.readSeq('ops', 4), 10);
  assert.equal(u.reply(reply('ops', 9, 4), true), false, 'read already');
  assert.equal(u.reply(reply('ops', 13, 7), true), true, 'a thread not listed yet counts too');
  assert.equal(u.total(), 1);
});
