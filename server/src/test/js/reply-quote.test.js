// What a reply shows of the message it answers (js/room.js, js/view/message-quote.js) without a
// browser: the held quote follows its parent's edit and deletion, as the server's stored quote does.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { State } from '../../main/resources/web/js/state.js';
import { quoteText } from '../../main/resources/web/js/view/message-quote.js';

const ME = { id: 'u-me', nick: 'me' };
const ANN = { id: 'u-ann', nick: 'ann' };
const msg = (seq, extra = {}) => ({ type: 'message', room: 'general', seq, ts: seq, from: ANN, text: `m${seq}`, rev: 0, ...extra });
const reply = (seq, parent, excerpt) => msg(seq, { reply: { seq: parent, from: ANN, excerpt } });

function roomWith(events) {
  const state = new State();
  state.restoreSession(ME);
  const room = state.applyRoomInfo({ name: 'general', lastSeq: events.length });
  state.receive(room, events);
  return { state, room };
}

test('a held reply quotes its parent as it is now: edited, then deleted', () => {
  const { state, room } = roomWith([msg(1, { text: 'meet at 5' }), reply(2, 1, 'meet at 5')]);
  state.receive(room, [msg(1, { text: 'meet at 6', edited: 9, rev: 1 })]);
  assert.equal(room.bySeq.get(2).reply.excerpt, 'meet at 6');
  state.receive(room, [msg(1, { text: 'x'.repeat(250), edited: 10, rev: 2 })]);
  assert.equal(room.bySeq.get(2).reply.excerpt, 'x'.repeat(200));
  state.receive(room, [msg(1, { deleted: true, text: null, rev: 3 })]);
  assert.equal(room.bySeq.get(2).reply.excerpt, '');
  assert.deepEqual(quoteText(room.bySeq.get(2).reply), { text: 'Original message deleted.', missing: true });
});

test('a quote of a parent without text says what it was, never that it was deleted', () => {
  const r = (excerpt, kind) => ({ seq: 1, from: ANN, excerpt, kind });
  assert.deepEqual(quoteText(r('', 'image')), { text: 'Photo', missing: false });
  assert.deepEqual(quoteText(r('', 'voice')), { text: 'Voice message', missing: false });
  assert.deepEqual(quoteText(r('name.pdf', 'file')), { text: 'File name.pdf', missing: false });
  assert.deepEqual(quoteText(r('hello')), { text: 'hello', missing: false });
  assert.deepEqual(quoteText(r('', 'deleted')), { text: 'Original message deleted.', missing: true });
  assert.match(quoteText(r('', 'gone')).text, /gone/);
  assert.match(quoteText(r('hello'), true).text, /gone/, 'the room\'s firstSeq says so too');
  assert.deepEqual(quoteText(r('')), { text: 'Original message deleted.', missing: true }, 'a reply stored before kinds');
});
