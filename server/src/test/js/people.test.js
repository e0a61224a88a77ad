// Names by user id (js/people.js through js/state.js) without a browser: a renamed author's old
// messages show the name they have now, an old page cannot undo a rename, and a view can tell by
// identity whether a row must be drawn again.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { State, TOPIC } from '../../main/resources/web/js/state.js';
import { People } from '../../main/resources/web/js/people.js';

const ME = { id: 'u-me', nick: 'me' };
const BOB = { id: 'u-bob', nick: 'bob' };
const msg = (seq, from, ts = 1000 + seq) => ({ type: 'message', room: 'general', seq, ts, from, text: `m${seq}` });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function model() {
  const state = new State();
  state.restoreSession(ME);
  await settle();
  const heard = [];
  for (const topic of Object.values(TOPIC)) state.on(topic, () => heard.push(topic));
  return { state, heard, room: state.ensureRoom('general') };
}

test("a rename announced by presence shows on the author's older messages, and the log is drawn again", async () => {
  const { state, heard, room } = await model();
  state.receive(room, [msg(1, BOB)]);
  await settle();
  const before = state.people.shown(room.events[0]);
  assert.equal(before.from.nick, 'bob');
  assert.equal(before, room.events[0], 'nothing newer known: the event itself');
  heard.length = 0;

  state.applyPresence({ id: 'u-bob', nick: 'rob' }, 'online');
  await settle();
  assert.ok(heard.includes(TOPIC.LOG), 'the timeline re-renders names');
  const after = state.people.shown(room.events[0]);
  assert.equal(after.from.nick, 'rob');
  assert.equal(after.from.id, 'u-bob');
  assert.equal(after.sentAs, 'bob');
  assert.equal(room.events[0].from.nick, 'bob', 'the stored event keeps the name it was sent with');
  assert.equal(state.people.shown(room.events[0]), after, 'same object while the name stays: rows are not rebuilt');
});

test('the name stays after the renamed user goes offline', async () => {
  const { state, room } = await model();
  state.receive(room, [msg(1, BOB)]);
  state.applyPresence({ id: 'u-bob', nick: 'rob' }, 'online');
  state.applyPresence({ id: 'u-bob', nick: 'rob' }, 'offline');
  assert.equal(state.users.has('u-bob'), false);
  assert.equal(state.people.shown(room.events[0]).from.nick, 'rob');
});

test('a page that still says the old name never undoes a rename, whatever its timestamps say', async () => {
  const { state, room } = await model();
  state.applyPresence({ id: 'u-bob', nick: 'rob' }, 'online');
  // this device's clock may be behind the server's: an event "from the future" is still old news
  state.receive(room, [msg(1, BOB, Date.now() + 3_600_000)]);
  assert.equal(state.people.shown(room.events[0]).from.nick, 'rob');
});

test('among events alone, the newest name wins: someone nobody named live', async () => {
  const { state, room } = await model();
  state.receive(room, [msg(2, { id: 'u-bob', nick: 'robert' }, 2000)]);
  state.receive(room, [msg(1, BOB, 1000)]);
  assert.equal(state.people.shown(room.bySeq.get(1)).from.nick, 'robert');
  assert.equal(state.people.shown(room.bySeq.get(1)).sentAs, 'bob');
  assert.equal(state.people.shown(room.bySeq.get(2)).sentAs, undefined);
});

test('another user who takes the old nick is a different id: the old messages stay with the renamed one', async () => {
  const { state, room } = await model();
  state.receive(room, [msg(1, BOB)]);
  state.applyPresence({ id: 'u-bob', nick: 'rob' }, 'online');
  state.applyPresence({ id: 'u-new', nick: 'bob' }, 'online');
  assert.equal(state.people.shown(room.events[0]).from.nick, 'rob');
  assert.equal(state.people.nick('u-new'), 'bob');
});

test("a notice's person follows the rename too; the welcome and answers of the server teach names", async () => {
  const { state, room } = await model();
  state.receive(room, [{ type: 'notice', room: 'general', seq: 1, ts: 1, event: 'join', user: BOB }]);
  state.peopleSeen([{ id: 'u-bob', nick: 'rob', avatar: '🦊' }]);
  const shown = state.people.shown(room.events[0]);
  assert.equal(shown.user.nick, 'rob');
  assert.equal(shown.user.avatar, '🦊');
  state.welcome({ user: ME, users: [{ id: 'u-bob', nick: 'bobby', status: 'online' }] }, new Set(['general']));
  assert.equal(state.people.shown(room.events[0]).user.nick, 'bobby');
});

test('People.current leaves a user alone when nothing is known, and keeps the id whatever the name', () => {
  const people = new People();
  const ann = { id: 'u-ann', nick: 'ann' };
  assert.equal(people.current(ann), ann);
  assert.equal(people.current(null), null);
  assert.equal(people.now({ id: 'u-ann', nick: 'annie' }), true);
  assert.equal(people.now({ id: 'u-ann', nick: 'annie' }), false, 'the same name again is no change');
  assert.deepEqual(people.current(ann), { id: 'u-ann', nick: 'annie', avatar: undefined });
  assert.equal(people.now({ id: 'u-ann' }), false, 'a user without a nick teaches nothing');
  assert.equal(people.seen({ id: 'u-ann', nick: 'ann' }, 10), false, 'an old event does not undo a live name');
});
