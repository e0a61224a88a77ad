// Who may change a room's settings, read its moderation history and post in a read-only room, in the
// client (js/room-rules.js) without a browser; the `settings` frame the dialog sends; audit pages merged.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { State } from '../../main/resources/web/js/state.js';
import { roleOf, canEditSettings, canSeeAudit, mayPost, settingsFrame, describeEntry, mergeEntries } from '../../main/resources/web/js/room-rules.js';

const room = (props) => ({ name: 'ops', topic: 'On call', isPrivate: false, readOnly: false, role: 'member', ...props });
const me = { id: 'u1', nick: 'Ann' };
const admin = { id: 'u0', nick: 'Chief', role: 'admin' };

test('the owner and administrators change settings; moderators and members do not', () => {
  assert.equal(canEditSettings(room({ role: 'owner' }), me), true);
  assert.equal(canEditSettings(room({ role: 'moderator' }), me), false);
  assert.equal(canEditSettings(room({ role: 'member' }), me), false);
  assert.equal(canEditSettings(room({ role: 'member' }), admin), true);
  assert.equal(canEditSettings(room({ name: 'dm:a:b', role: 'owner' }), admin), false, 'a direct conversation has no settings');
  assert.equal(canEditSettings(null, admin), false);
});

test('owners, moderators and administrators read the history; members do not', () => {
  assert.equal(canSeeAudit(room({ role: 'owner' }), me), true);
  assert.equal(canSeeAudit(room({ role: 'moderator' }), me), true);
  assert.equal(canSeeAudit(room({ role: 'member' }), me), false);
  assert.equal(canSeeAudit(room({ role: 'member' }), admin), true);
});

test('a read-only room takes posts from moderators up; any other room from everyone', () => {
  assert.equal(mayPost(room({ readOnly: true, role: 'member' }), me), false);
  assert.equal(mayPost(room({ readOnly: true, role: 'moderator' }), me), true);
  assert.equal(mayPost(room({ readOnly: true, role: 'owner' }), me), true);
  assert.equal(mayPost(room({ readOnly: true, role: 'member' }), admin), true);
  assert.equal(mayPost(room({ readOnly: false }), me), true);
  assert.equal(mayPost(room({ readOnly: true, role: null }), me), false, 'a role not known yet is a member\'s');
  assert.equal(mayPost(null, me), true);
});

test('an unknown role reads as member', () => {
  assert.equal(roleOf(room({ role: 'emperor' })), 'member');
  assert.equal(roleOf(room({ role: undefined })), 'member');
});

test('the settings frame carries only what changed, or nothing at all', () => {
  const r = room({});
  assert.equal(settingsFrame(r, { topic: ' On call ', private: false, readOnly: false }), null);
  assert.deepEqual(settingsFrame(r, { topic: 'On call', private: false, readOnly: true }), { type: 'settings', room: 'ops', readOnly: true });
  assert.deepEqual(settingsFrame(r, { topic: 'News', private: true, readOnly: false }), { type: 'settings', room: 'ops', topic: 'News', private: true });
  assert.deepEqual(settingsFrame(room({ readOnly: true }), { topic: 'On call', private: false, readOnly: false }), { type: 'settings', room: 'ops', readOnly: false });
  assert.deepEqual(settingsFrame(r, { topic: '', private: false, readOnly: false }), { type: 'settings', room: 'ops', topic: '' }, 'clearing the topic is a change');
});

test('an audit entry reads as who did what to whom and why', () => {
  const d = describeEntry({ ts: 1, actor: { id: 'u1', nick: 'Ann' }, action: 'kick', room: 'ops', user: { id: 'u9', nick: 'Bob' }, reason: 'off topic' });
  assert.deepEqual(d, { who: 'Ann', what: 'removed', whom: 'Bob', room: 'ops', why: 'off topic', detail: '' });
  const s = describeEntry({ ts: 2, actor: { id: 'u1', nick: 'Ann' }, action: 'settings', room: 'ops', detail: 'readOnly: true' });
  assert.equal(s.what, 'changed the settings');
  assert.equal(s.whom, '');
  assert.equal(s.detail, 'readOnly: true');
  assert.equal(describeEntry({ ts: 3, action: 'future_thing' }).what, 'future_thing', 'an action this client does not know shows as named');
});

test('pages of the history merge newest first, each entry once', () => {
  const a = { ts: 30, actor: { id: 'u1' }, action: 'kick', room: 'ops', user: { id: 'u9' } };
  const b = { ts: 20, actor: { id: 'u1' }, action: 'mute', room: 'ops', user: { id: 'u9' }, detail: '10 min' };
  const c = { ts: 10, actor: { id: 'u1' }, action: 'settings', room: 'ops', detail: 'topic' };
  assert.deepEqual(mergeEntries([a, b], [b, c]), [a, b, c]);
  assert.deepEqual(mergeEntries([], [c, a]), [a, c]);
});

test('my role comes with the frames meant for me; a broadcast sets read-only and keeps it; the composer follows', () => {
  const state = new State({ visible: () => true });
  state.restoreSession(me);
  const room = state.applyRoomInfo({ name: 'news', topic: '', members: 3, role: 'member', readOnly: false, private: false });
  assert.equal(mayPost(room, me), true);
  state.applyRoomFrame({ type: 'room', name: 'news', topic: 'Announcements', members: 3, readOnly: true, private: false });
  assert.deepEqual([room.role, room.readOnly, room.topic], ['member', true, 'Announcements']);
  assert.equal(mayPost(room, me), false, 'made read-only: no composer for a member');
  state.applyRoomFrame({ type: 'room', name: 'news', topic: 'Announcements', members: 3, readOnly: true, private: false, role: 'moderator' });
  assert.equal(mayPost(room, me), true, 'made moderator: the composer returns');
  state.applyRoomFrame({ type: 'room', name: 'news', topic: 'Announcements', members: 3, readOnly: true, private: true });
  assert.equal(room.role, 'moderator', 'a broadcast (here: made private) has no role; the known one stays');
  assert.equal(state.directory.has('news'), false, 'a private room is in nobody\'s directory');
  state.applyRoomFrame({ type: 'room', name: 'news', topic: 'Announcements', members: 3, readOnly: false, private: true, role: 'member' });
  assert.equal(mayPost(room, me), true, 'the flag lifted');
});
