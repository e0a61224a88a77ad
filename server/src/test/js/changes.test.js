// Edits, deletions and reactions in the client (js/changes.js) without a browser: a reaction folded
// into the held message, and the `changes` catch-up after a reconnect, complete or cut short.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { State } from '../../main/resources/web/js/state.js';
import { Changes, withReaction } from '../../main/resources/web/js/changes.js';

const ME = { id: 'u-me', nick: 'me' };
const ANN = { id: 'u-ann', nick: 'ann' };
const BOB = { id: 'u-bob', nick: 'bob' };
const msg = (seq, extra = {}) => ({ type: 'message', room: 'general', seq, ts: seq, from: ANN, text: `m${seq}`, rev: 0, ...extra });

/**
 * A connection whose `changes` requests are answered from `pages` in turn (an Error rejects, as a
 * dropped connection does); `asked` records each request.
 */
function connection(pages) {
  const asked = [];
  return {
    asked,
    request(frame) {
      asked.push(frame);
      const next = pages.shift();
      if (!next) return Promise.reject(new Error(`unexpected ${JSON.stringify(frame)}`));
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    },
  };
}

/** The model with one room holding messages 1..n, and Changes over `conn`; events go in as Sync.ingest puts them. */
function setup(conn, n = 3) {
  const state = new State();
  state.restoreSession(ME);
  const room = state.applyRoomInfo({ name: 'general', lastSeq: n });
  state.receive(room, Array.from({ length: n }, (_, i) => msg(i + 1)));
  const sync = { ingest: (r, events) => state.receive(r, events) };
  return { state, room, changes: new Changes(conn, state, sync) };
}

test('a reaction turns on and off per person, and emoji keep the order they were first used in', () => {
  let m = msg(1);
  m = withReaction(m, { emoji: '👍', user: ANN, on: true, rev: 2 });
  m = withReaction(m, { emoji: '🎉', user: BOB, on: true, rev: 3 });
  m = withReaction(m, { emoji: '👍', user: BOB, on: true, rev: 4 });
  m = withReaction(m, { emoji: '👍', user: BOB, on: true, rev: 5 });
  assert.deepEqual(m.reactions, { '👍': [ANN.id, BOB.id], '🎉': [BOB.id] });
  assert.deepEqual(Object.keys(m.reactions), ['👍', '🎉']);
  assert.equal(m.rev, 5);
  const before = m;
  m = withReaction(m, { emoji: '👍', user: ANN, on: false, rev: 6 });
  m = withReaction(m, { emoji: '🎉', user: BOB, on: false, rev: 7 });
  assert.deepEqual(m.reactions, { '👍': [BOB.id] });
  assert.deepEqual(before.reactions['👍'], [ANN.id, BOB.id], 'a change is a new message, the old one stays as it was');
  assert.deepEqual(withReaction(msg(2), { emoji: '😮', user: ANN, on: false, rev: 1 }).reactions, {});
});

test('a live reaction changes the held message and the room\'s rev; one for a message not held is only noted', () => {
  const { state, room, changes } = setup(connection([]));
  changes.applyReaction({ type: 'reaction', room: 'general', seq: 2, emoji: '🎉', user: BOB, on: true, rev: 9 });
  assert.deepEqual(room.bySeq.get(2).reactions, { '🎉': [BOB.id] });
  assert.equal(room.bySeq.get(2).rev, 9);
  assert.equal(room.rev, 9);
  assert.equal(changes.nickOf(BOB.id, room), 'bob', 'someone who reacted is known by name');
  changes.applyReaction({ type: 'reaction', room: 'general', seq: 99, emoji: '🎉', user: BOB, on: true, rev: 10 });
  assert.equal(room.bySeq.has(99), false);
  assert.equal(room.rev, 10);
  state.receive(room, [msg(3, { deleted: true, rev: 11 })]);
  changes.applyReaction({ type: 'reaction', room: 'general', seq: 3, emoji: '👍', user: BOB, on: true, rev: 12 });
  assert.equal(room.bySeq.get(3).reactions, undefined, 'a deleted message takes no reaction');
});

test('a catch-up pages through `changes`, applies what it holds, and ends complete at the newest rev', async () => {
  const conn = connection([
    { type: 'changes', events: [msg(1, { text: 'one, edited', rev: 6 }), msg(50, { rev: 7 })], more: true },
    { type: 'changes', events: [msg(2, { deleted: true, rev: 9 })], more: false, rev: 11 },
  ]);
  const { room, changes } = setup(conn);
  room.rev = 5;
  await changes.catchUp(room, changes.sinceFor(room), 11);
  assert.deepEqual(conn.asked.map((f) => [f.type, f.room, f.since]), [['changes', 'general', 5], ['changes', 'general', 7]]);
  assert.equal(room.bySeq.get(1).text, 'one, edited');
  assert.equal(room.bySeq.get(2).deleted, true);
  assert.equal(room.bySeq.has(50), false, 'a change to a message not held is not brought in');
  assert.equal(room.unreadCount, 2, 'the deleted message is no longer unread');
  assert.equal(room.rev, 11);
  assert.equal(room.revCatchUp, null);
});

test('live changes during a catch-up are kept, and the rev ends at the highest seen', async () => {
  let answer;
  const conn = { asked: [], request: (f) => { conn.asked.push(f); return new Promise((resolve) => { answer = resolve; }); } };
  const { state, room, changes } = setup(conn);
  room.rev = 5;
  const running = changes.catchUp(room, 5, 8);
  changes.applyReaction({ type: 'reaction', room: 'general', seq: 1, emoji: '👍', user: BOB, on: true, rev: 14 });
  assert.equal(room.rev, 5, 'not complete while the catch-up runs');
  state.noteRev(room, 13);
  answer({ type: 'changes', events: [msg(3, { text: 'three, edited', rev: 8 })], more: false, rev: 8 });
  await running;
  assert.equal(room.rev, 14);
  assert.deepEqual(room.bySeq.get(1).reactions, { '👍': [BOB.id] });
});

test('a catch-up cut short by a dropped connection leaves the rev where it was, so the next starts there again', async () => {
  const dropped = Object.assign(new Error('disconnected'), { code: 'disconnected' });
  const conn = connection([{ type: 'changes', events: [msg(1, { text: 'edited', rev: 7 })], more: true }, dropped]);
  const { room, changes } = setup(conn);
  room.rev = 5;
  await changes.catchUp(room, 5, 20);
  assert.equal(room.rev, 5);
  assert.equal(room.revCatchUp, null);
  assert.equal(changes.sinceFor(room), 5);
  assert.equal(room.bySeq.get(1).text, 'edited', 'what did arrive is applied');
});

test('no catch-up when nothing is held or nothing changed', async () => {
  const conn = connection([]);
  const { room, changes } = setup(conn);
  room.rev = 5;
  await changes.catchUp(room, 5, 5);
  await changes.catchUp(room, null, 9);
  assert.deepEqual(conn.asked, []);
  assert.equal(changes.sinceFor(null), null);
  const state = new State();
  assert.equal(changes.sinceFor(state.ensureRoom('empty')), null);
});

test('a nick for an id: online now, seen reacting, or an author in the room', () => {
  const { state, room, changes } = setup(connection([]));
  state.applyPresence({ id: 'u-cy', nick: 'cy' }, 'online');
  assert.equal(changes.nickOf('u-cy', room), 'cy');
  assert.equal(changes.nickOf(ANN.id, room), 'ann');
  assert.equal(changes.nickOf('u-nobody', room), null);
  assert.equal(changes.nickOf('u-nobody', null), null);
});
