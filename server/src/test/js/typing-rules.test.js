// Where "is typing" is shared (js/typing-rules.js): always in a conversation, in a room up to the
// limit of members, never past it; and the client's State drops a typing frame of a large room.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Actions } from '../../main/resources/web/js/actions.js';
import { State } from '../../main/resources/web/js/state.js';
import { TYPING_ROOM_LIMIT, typingShared } from '../../main/resources/web/js/typing-rules.js';

test('a room of up to the limit shares typing, one more member does not', () => {
  assert.equal(typingShared({ name: 'general', members: 2 }), true);
  assert.equal(typingShared({ name: 'general', members: TYPING_ROOM_LIMIT }), true);
  assert.equal(typingShared({ name: 'general', members: TYPING_ROOM_LIMIT + 1 }), false);
  assert.equal(typingShared({ name: 'lobby', members: 5000 }), false);
});

test('a direct or group conversation always shares typing', () => {
  assert.equal(typingShared({ name: 'dm:u1:u2', members: 2 }), true);
  assert.equal(typingShared({ name: 'dm:u1:u2:u3', members: TYPING_ROOM_LIMIT + 1 }), true);
});

test('a room whose size is not known yet shares typing; no room shares nothing', () => {
  assert.equal(typingShared({ name: 'new-room' }), true);
  assert.equal(typingShared(null), false);
});

test("a typing frame of a large room is not shown; of a small room it is", () => {
  const state = new State();
  state.applyRoomInfo({ name: 'lobby', topic: '', members: TYPING_ROOM_LIMIT + 1, lastSeq: 0, readSeq: 0 });
  state.applyRoomInfo({ name: 'team', topic: '', members: 7, lastSeq: 0, readSeq: 0 });
  state.setTyping('lobby', { id: 'u2', nick: 'Bob' });
  state.setTyping('team', { id: 'u2', nick: 'Bob' });
  assert.equal(state.room('lobby').typing.size, 0);
  assert.equal(state.room('team').typing.size, 1);
});

test('the client sends typing in a small room and not in a large one', () => {
  const state = new State();
  state.applyRoomInfo({ name: 'lobby', topic: '', members: TYPING_ROOM_LIMIT + 1, lastSeq: 0, readSeq: 0 });
  state.applyRoomInfo({ name: 'team', topic: '', members: 7, lastSeq: 0, readSeq: 0 });
  const sent = [];
  const actions = new Actions({ ready: true, send: (f) => sent.push(f) }, state, null, null);
  state.open('lobby');
  actions.typing();
  assert.deepEqual(sent, []);
  state.open('team');
  actions.typing();
  assert.deepEqual(sent, [{ type: 'typing', room: 'team' }]);
});
