// The client's model (js/state.js and js/room.js) without a browser: what a room holds as events
// arrive in any order and version, what counts as unread, and which topics a change announces.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { State, Room, TOPIC } from '../../main/resources/web/js/state.js';

const ME = { id: 'u-me', nick: 'me' };
const ANN = { id: 'u-ann', nick: 'ann' };

const msg = (seq, from = ANN, extra = {}) => ({ type: 'message', room: 'general', seq, ts: 1000 + seq, from, text: `m${seq}`, ...extra });
const notice = (seq) => ({ type: 'notice', room: 'general', seq, ts: 1000 + seq, event: 'join', user: ANN });
const seqs = (room) => room.events.map((ev) => ev.seq);
/** Lets the microtask that runs listeners happen. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A State with me logged in and the topics each flush announced. */
async function model({ visible = () => true } = {}) {
  const state = new State({ visible });
  state.restoreSession(ME);
  await settle();
  const heard = [];
  for (const topic of Object.values(TOPIC)) state.on(topic, () => heard.push(topic));
  return { state, heard };
}

test('events are held once each, in seq order, however pages arrive', () => {
  const room = new Room('general');
  assert.deepEqual(room.insert([msg(5), msg(6)]).fresh.map((e) => e.seq), [5, 6]);
  const { fresh, changed } = room.insert([msg(2), msg(6), notice(3), msg(4)]);
  assert.deepEqual(fresh.map((e) => e.seq), [2, 3, 4]);
  assert.equal(changed, true);
  assert.deepEqual(seqs(room), [2, 3, 4, 5, 6]);
  assert.equal(room.insert([msg(4), { seq: 0 }, { seq: 'x' }, null]).changed, false);
  assert.equal(room.lastSeq, 6);
  assert.equal(room.bySeq.get(3).type, 'notice');
});

test('a later version of a message (higher rev) replaces the held one; an older page cannot undo it', () => {
  const room = new Room('general');
  room.insert([msg(1), msg(2)]);
  room.insert([msg(2, ANN, { text: 'edited', rev: 7 })]);
  assert.equal(room.bySeq.get(2).text, 'edited');
  assert.equal(room.events[1].text, 'edited');
  const stale = room.insert([msg(2, ANN, { text: 'm2', rev: 3 }), msg(2, ANN, { text: 'again', rev: 7 })]);
  assert.equal(stale.changed, false);
  assert.equal(room.events[1].text, 'edited');
});

test('synced is the end of the gapless run from the oldest held; hasOlder ends at the first seq the server keeps', () => {
  const room = new Room('general');
  room.insert([msg(10), msg(11), msg(13)]);
  assert.equal(room.synced, 11);
  room.insert([msg(12)]);
  assert.equal(room.synced, 13);
  assert.equal(room.hasOlder, true);
  room.applyRetention({ firstSeq: 11 });
  assert.deepEqual(seqs(room), [11, 12, 13]);
  assert.equal(room.bySeq.has(10), false);
  assert.equal(room.hasOlder, false);
  const fresh = new Room('x');
  fresh.insert([msg(1)]);
  assert.equal(fresh.hasOlder, false);
});

test('messages from others after the read marker are unread; mine, older and deleted ones are not', async () => {
  const { state, heard } = await model();
  const room = state.ensureRoom('general');
  state.markRead(room, 2);
  state.setTyping('general', ANN);
  await settle();
  heard.length = 0;
  const fresh = state.receive(room, [msg(1), msg(2), msg(3), msg(4, ME), msg(5, ANN, { deleted: true }), notice(6), msg(7)]);
  assert.equal(fresh.length, 7);
  assert.deepEqual([...room.unread].sort(), [3, 7]);
  assert.equal(room.unreadCount, 2);
  assert.equal(room.typing.has(ANN.id), false, 'a message ends its author\'s typing');
  await settle();
  assert.deepEqual(heard.sort(), [TOPIC.LOG, TOPIC.ROOMS, TOPIC.TYPING].sort());
  heard.length = 0;
  state.receive(room, [msg(7)]);
  await settle();
  assert.deepEqual(heard, [], 'nothing new, nothing announced');
});

test('a deleted version of an unread message is no longer unread, nor a mention', async () => {
  const { state } = await model();
  const room = state.ensureRoom('general');
  state.receive(room, [msg(1)]);
  state.mentioned(room, 1);
  assert.equal(room.mentionCount, 1);
  state.receive(room, [msg(1, ANN, { deleted: true, rev: 2 })]);
  assert.equal(room.unreadCount, 0);
  assert.equal(room.mentionCount, 0);
});

test('the read marker only moves forward, takes unread and mentions with it, and is announced only when it moved', async () => {
  const { state, heard } = await model();
  const room = state.ensureRoom('general');
  state.receive(room, [msg(1), msg(2), msg(3)]);
  state.mentioned(room, 3);
  state.markRead(room, 2);
  assert.equal(room.readSeq, 2);
  assert.deepEqual([...room.unread], [3]);
  assert.equal(room.mentionCount, 1);
  state.markRead(room, 1);
  assert.equal(room.readSeq, 2);
  await settle();
  heard.length = 0;
  state.markRead(room, 2);
  await settle();
  assert.deepEqual(heard, []);
  state.markRead(room, 3);
  assert.equal(room.unreadCount, 0);
  assert.equal(room.mentionCount, 0);
  await settle();
  assert.deepEqual(heard, [TOPIC.ROOMS]);
});

test('a mention counts only while its message is unread and after the marker', async () => {
  const { state } = await model();
  const room = state.ensureRoom('general');
  state.receive(room, [msg(1), msg(2, ME)]);
  state.mentioned(room, 2);
  assert.equal(room.mentionCount, 0, 'my own message is never unread');
  state.mentioned(room, 1);
  state.mentioned(room, 1);
  assert.equal(room.mentionCount, 1);
  state.markRead(room, 1);
  state.mentioned(room, 1);
  assert.equal(room.mentionCount, 0);
});

test('an unread count from a page: others\' messages after the marker, plus an estimate past the page', async () => {
  const { state } = await model();
  const room = state.applyRoomInfo({ name: 'general', lastSeq: 500, readSeq: 10 });
  const counted = state.unreadCounted(room, [msg(9), msg(11), msg(12, ME), msg(13, ANN, { deleted: true }), notice(14), msg(15)], 300);
  assert.deepEqual(counted.map((e) => e.seq), [11, 15]);
  assert.equal(room.unreadCount, 302);
  state.markRead(room, 500);
  assert.equal(room.unreadCount, 0, 'caught up: the estimate goes too');
});

test('pages: the newest says whether older ones exist, an older one ends them, an empty room has neither', async () => {
  const { state } = await model();
  const room = state.ensureRoom('general');
  state.latestPageLoaded(room, [msg(60)], true);
  assert.equal(room.loadedLatest, true);
  assert.equal(room.hasOlder, true);
  state.olderPageLoaded(room, [msg(50)], true);
  assert.equal(room.hasOlder, true);
  state.olderPageLoaded(room, [], true);
  assert.equal(room.hasOlder, false);
  const other = state.ensureRoom('other');
  state.latestPageLoaded(other, [], true);
  assert.equal(other.hasOlder, false, 'an empty newest page has nothing older');
  const empty = state.ensureRoom('empty');
  state.roomIsEmpty(empty);
  assert.deepEqual([empty.hasOlder, empty.loadedLatest], [false, true]);
  state.setLoading(room, 'older', true);
  assert.equal(room.loadingOlder, true);
  assert.throws(() => state.setLoading(room, 'sideways', true));
});

test('a welcome drops the rooms it no longer lists, but not a direct conversation still pending', async () => {
  const { state } = await model();
  state.applyRoomInfo({ name: 'general' });
  state.applyRoomInfo({ name: 'left' });
  state.openPendingDirect('dm:u-ann:u-me', ANN);
  state.open('left');
  state.welcome({ user: ME, server: { limits: { text: 4000, upload: 10 } }, users: [ANN], directory: [{ name: 'general' }] },
    new Set(['general']));
  assert.deepEqual([...state.rooms.keys()].sort(), ['dm:u-ann:u-me', 'general']);
  assert.equal(state.current, null, 'the open room went with it');
  assert.equal(state.welcomed, true);
  assert.deepEqual(state.limits, { text: 4000, upload: 10 });
  assert.equal(state.users.get(ANN.id).nick, 'ann');
});

test('a room of a welcome with no messages is empty; nobody types on a new connection', async () => {
  const { state } = await model();
  state.applyRoomInfo({ name: 'quiet' });
  state.setTyping('quiet', ANN);
  const room = state.roomFromWelcome({ name: 'quiet', lastSeq: 0 });
  assert.equal(room.typing.size, 0);
  assert.deepEqual([room.hasOlder, room.loadedLatest], [false, true]);
  const busy = state.roomFromWelcome({ name: 'busy', lastSeq: 40 });
  assert.deepEqual([busy.hasOlder, busy.loadedLatest], [true, false]);
});

test('room info: public rooms are listed in the directory, direct ones never; the read marker and rev follow', async () => {
  const { state } = await model();
  const room = state.applyRoomInfo({ name: 'general', topic: 'hi', members: 3, lastSeq: 9, readSeq: 4, rev: 12 });
  assert.deepEqual(state.directory.get('general'), { name: 'general', topic: 'hi', members: 3 });
  assert.deepEqual([room.lastSeq, room.readSeq, room.rev], [9, 4, 12]);
  state.receive(room, [msg(9)]);
  state.applyRoomInfo({ name: 'general', lastSeq: 2, rev: 30 });
  assert.equal(room.lastSeq, 9, 'lastSeq never goes back');
  assert.equal(room.rev, 12, 'with messages held, a reported rev is not taken as complete');
  const pending = state.openPendingDirect('dm:u-ann:u-me', ANN);
  assert.equal(pending.pending, true);
  assert.deepEqual(pending.users.map((u) => u.id), [ME.id, ANN.id]);
  state.applyRoomInfo({ name: 'dm:u-ann:u-me', users: [ME, ANN] });
  assert.equal(pending.pending, false);
  assert.equal(state.directory.has('dm:u-ann:u-me'), false);
  assert.deepEqual(state.roomList().map((r) => r.name), ['general']);
});

test('room frames: a new direct room is ours and empty; a public one updates the directory and the room if ours', async () => {
  const { state } = await model();
  state.applyRoomFrame({ type: 'room', name: 'dm:u-ann:u-me', users: [ME, ANN], lastSeq: 0 });
  const direct = state.room('dm:u-ann:u-me');
  assert.deepEqual([direct.hasOlder, direct.loadedLatest], [false, true]);
  state.applyRoomFrame({ type: 'room', name: 'elsewhere', topic: 't', members: 8 });
  assert.equal(state.room('elsewhere'), null, 'not ours: only the directory hears of it');
  assert.equal(state.directory.get('elsewhere').members, 8);
  const room = state.applyRoomInfo({ name: 'general' });
  state.receive(room, [msg(3), msg(4), msg(5)]);
  state.applyRoomFrame({ type: 'room', name: 'general', topic: 'new topic', members: 2, firstSeq: 5, retention: { days: 7 } });
  assert.equal(room.topic, 'new topic');
  assert.deepEqual(seqs(room), [5]);
  assert.deepEqual(room.retention, { days: 7 });
});

test('a rev seen live moves the room\'s rev, except during a catch-up, which ends at the highest of both', async () => {
  const { state } = await model();
  const room = state.ensureRoom('general');
  state.noteRev(room, 5);
  state.noteRev(room, 3);
  assert.equal(room.rev, 5);
  const run = state.startRevCatchUp(room, 5);
  state.noteRev(room, 20);
  assert.equal(room.rev, 5, 'a catch-up is running: 6..19 may be missing');
  state.endRevCatchUp(room, run, 12);
  assert.equal(room.rev, 20);
  assert.equal(room.revCatchUp, null);
  const cut = state.startRevCatchUp(room, 20);
  state.noteRev(room, 25);
  state.endRevCatchUp(room, cut);
  assert.equal(room.rev, 20, 'cut short: the next catch-up starts from the same place');
  assert.equal(room.revCatchUp, null);
});

test('total unread leaves out the open room only while its newest message is in view of a visible page', async () => {
  let visible = true;
  const { state } = await model({ visible: () => visible });
  const a = state.applyRoomInfo({ name: 'a' });
  const b = state.applyRoomInfo({ name: 'b' });
  state.receive(a, [msg(1), msg(2)]);
  state.receive(b, [msg(1)]);
  state.open('a');
  assert.equal(state.totalUnread(), 1);
  state.setAtBottom(false);
  assert.equal(state.totalUnread(), 3);
  state.setAtBottom(true);
  visible = false;
  assert.equal(state.totalUnread(), 3);
});

test('a hidden direct conversation stays out of the list until a newer message, unless it is open', async () => {
  const stored = new Map();
  globalThis.localStorage = {
    getItem: (k) => (stored.has(k) ? stored.get(k) : null),
    setItem: (k, v) => stored.set(k, String(v)),
    removeItem: (k) => stored.delete(k),
  };
  try {
    const { state } = await model();
    const dm = state.applyRoomInfo({ name: 'dm:u-ann:u-me', lastSeq: 4 });
    state.hideDirect('dm:u-ann:u-me');
    assert.deepEqual(state.directList(), []);
    state.open('dm:u-ann:u-me');
    assert.equal(state.directList().length, 1);
    state.open(null);
    state.receive(dm, [msg(5)]);
    assert.equal(state.directList().length, 1);
  } finally {
    delete globalThis.localStorage;
  }
});

test('a highlighted message lasts its time, then goes by itself; a newer one is not cut short by it', async () => {
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const state = new State();
  const before = Date.now();
  state.highlightMessage('general', '42', 40);
  // Node runs timers of one duration in the order they were set, and settles promises between
  // them: this one runs after the first highlight's end and before the second's, however late.
  const between = wait(40);
  assert.equal(state.highlight.room, 'general');
  assert.equal(state.highlight.seq, 42);
  assert.ok(state.highlight.until >= before + 40 && state.highlight.until <= Date.now() + 40);
  assert.equal(state.atBottom, false);
  await wait(20);
  assert.equal(state.highlight.seq, 42);
  state.highlightMessage('general', 43, 40);
  await between;
  assert.equal(state.highlight?.seq, 43, 'the first one\'s end does not end the second');
  await wait(60);
  assert.equal(state.highlight, null);
});

test('each listener runs once per task however often its topic changed; unknown topics are refused', async () => {
  const state = new State();
  await settle();
  let logs = 0;
  let rooms = 0;
  state.on(TOPIC.LOG, () => logs++);
  state.on(TOPIC.ROOMS, () => rooms++);
  for (let i = 0; i < 5; i++) state.touch(TOPIC.LOG);
  assert.equal(logs, 0, 'not before the end of the task');
  await settle();
  assert.deepEqual([logs, rooms], [1, 0]);
  assert.throws(() => state.touch('logs'), /no topic/);
  assert.throws(() => state.on('connection', () => {}), /no topic/);
});

test('typing: others only, and gone once its time is up; presence: offline people go, my own nick follows', async () => {
  const { state } = await model();
  state.applyRoomInfo({ name: 'general' });
  state.setTyping('general', ME);
  state.setTyping('general', ANN);
  const room = state.room('general');
  assert.deepEqual([...room.typing.keys()], [ANN.id]);
  state.dropExpiredTyping(Date.now() + 4000);
  assert.equal(room.typing.size, 1);
  state.dropExpiredTyping(Date.now() + 6000);
  assert.equal(room.typing.size, 0);
  state.applyPresence({ ...ANN, avatar: '🦊' }, 'online');
  assert.equal(state.users.get(ANN.id).status, 'online');
  state.applyPresence(ANN, 'offline');
  assert.equal(state.users.has(ANN.id), false);
  state.applyPresence({ id: ME.id, nick: 'me2' }, 'away');
  assert.equal(state.me.nick, 'me2');
  assert.equal(state.users.get(ME.id).status, 'away');
});

test('a room kept on the device comes back with its info, then its rev once its events are in', async () => {
  const { state } = await model();
  const room = state.restoreRoom({ name: 'general', topic: 'kept', members: 4, lastSeq: 8, readSeq: 6, users: null });
  state.receive(room, [msg(7), msg(8)]);
  state.restoreRev(room, 31);
  assert.deepEqual([room.topic, room.members, room.readSeq, room.rev, room.loadedLatest], ['kept', 4, 6, 31, true]);
  assert.deepEqual([...room.unread], [7, 8]);
  const bare = state.restoreRoom({ name: 'bare', lastSeq: 0 });
  state.restoreRev(bare, undefined);
  assert.deepEqual([bare.rev, bare.hasOlder, bare.loadedLatest], [0, false, false]);
});
