// Direct conversations of two and of a group (js/direct.js, with js/state.js) without a browser: the
// name the server gives a set of people, and what a group is called on screen (the other members'
// current nicks, by id).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { State } from '../../main/resources/web/js/state.js';
import { directName, groupName, idsOf, isGroup, othersOf, roomLabel } from '../../main/resources/web/js/direct.js';

const ME = { id: 'u-me', nick: 'me' };
const BOB = { id: 'u-bob', nick: 'bob' };
const CAT = { id: 'u-cat', nick: 'cat', avatar: '🐱' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function model() {
  const state = new State();
  state.restoreSession(ME);
  await settle();
  return state;
}

test('the same people give the same name, whoever lists them and in whatever order', () => {
  assert.equal(groupName(['u-me', 'u-cat', 'u-bob']), 'dm:u-bob:u-cat:u-me');
  assert.equal(groupName(['u-bob', 'u-me', 'u-cat', 'u-bob']), 'dm:u-bob:u-cat:u-me');
  assert.equal(groupName(['u-me', 'u-bob']), directName('u-bob', 'u-me'), 'two people: the two-person name');
  assert.equal(groupName(['u-me']), 'dm:u-me:u-me', 'oneself alone: the note to oneself');
  assert.deepEqual(idsOf('dm:u-bob:u-cat:u-me'), ['u-bob', 'u-cat', 'u-me']);
  assert.equal(isGroup('dm:u-bob:u-cat:u-me'), true);
  assert.equal(isGroup('dm:u-bob:u-me'), false);
  assert.equal(isGroup('dm:u-me:u-me'), false);
  assert.equal(isGroup('general'), false);
});

test('a group is called by the other members, as they are named now, in nick order', async () => {
  const state = await model();
  const room = state.applyRoomInfo({ name: 'dm:u-bob:u-cat:u-me', members: 3, users: [ME, BOB, CAT] });
  assert.equal(roomLabel(state, room), 'bob and cat');
  assert.deepEqual(othersOf(state, room).map((p) => [p.id, p.avatar ?? null, p.status]),
    [['u-bob', null, 'offline'], ['u-cat', '🐱', 'offline']]);
  state.peopleSeen([{ id: 'u-bob', nick: 'Robert' }]);
  assert.equal(roomLabel(state, room), 'cat and Robert', 'a rename shows at once, in nick order');
  const four = state.applyRoomInfo({ name: 'dm:u-ann:u-bob:u-cat:u-me', members: 4 });
  state.peopleSeen([{ id: 'u-ann', nick: 'ann' }, CAT]);
  assert.equal(roomLabel(state, four), 'ann, cat and Robert', 'without users: by id, from what is known');
});

test('a pending group lists me and the people picked, and its first send names them all', async () => {
  const state = await model();
  const room = state.openPendingDirect(groupName(['u-me', 'u-bob', 'u-cat']), [BOB, CAT]);
  assert.equal(room.pending, true);
  assert.deepEqual(room.users.map((u) => u.id), ['u-me', 'u-bob', 'u-cat']);
  assert.equal(roomLabel(state, room), 'bob and cat');
  const two = state.openPendingDirect(directName('u-me', 'u-bob'), BOB);
  assert.deepEqual(two.users.map((u) => u.id), ['u-me', 'u-bob'], 'the two-person form is unchanged');
});
