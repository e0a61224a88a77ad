// Thread replies and me, in the client (js/thread-rules.js) without a browser: the room's flow leaves
// out replies only in their thread; I take part in a thread whose root or another reply is mine.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Room } from '../../main/resources/web/js/room.js';
import { threadOnly, takesPart } from '../../main/resources/web/js/thread-rules.js';

const msg = (seq, from, extra = {}) => ({ type: 'message', room: 'ops', seq, id: `c${seq}`, from: { id: from, nick: from }, ts: seq, text: `m${seq}`, ...extra });

test('a thread reply is out of the flow unless also sent to the room', () => {
  assert.equal(threadOnly(msg(2, 'bob', { thread: 1 })), true);
  assert.equal(threadOnly(msg(2, 'bob', { thread: 1, alsoInRoom: true })), false);
  assert.equal(threadOnly(msg(2, 'bob')), false);
});

test('I take part in a thread whose root or another reply is mine, and then its replies are unread', () => {
  const room = new Room('ops');
  room.receive([msg(1, 'ann'), msg(2, 'cy'), msg(3, 'bob', { thread: 2 })], 'ann');
  assert.equal(room.unreadCount, 1, 'cy\'s message in the flow; bob\'s reply in a thread of cy\'s is not mine');
  assert.equal(takesPart(room, msg(4, 'bob', { thread: 1 }), 'ann'), true, 'my root');
  assert.equal(takesPart(room, msg(4, 'bob', { thread: 2 }), 'ann'), false);
  room.receive([msg(4, 'ann', { thread: 2 })], 'ann');
  assert.equal(takesPart(room, msg(5, 'bob', { thread: 2 }), 'ann'), true, 'I replied in it');
  room.receive([msg(5, 'bob', { thread: 2 }), msg(6, 'bob', { thread: 1 })], 'ann');
  assert.equal(room.unreadCount, 3);
  assert.equal(takesPart(room, msg(7, 'ann', { thread: 2 }), 'ann'), false, 'my own reply is never unread for me');
});

test('one of my thread replies still in the outbox is out of the flow too; a notice never is', () => {
  assert.equal(threadOnly({ id: 'c9', room: 'ops', text: 'pending', thread: 1, state: 'pending' }), true);
  assert.equal(threadOnly({ id: 'c9', room: 'ops', text: 'pending', thread: 1, alsoInRoom: true }), false);
  assert.equal(threadOnly({ type: 'notice', thread: 1 }), false);
});
