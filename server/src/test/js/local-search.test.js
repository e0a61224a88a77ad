// Searching the device's history when the server cannot be reached (js/local-search.js): the
// server's rules as far as practical, without a browser.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchLocal, findTerm, fold } from '../../main/resources/web/js/local-search.js';

const msg = (seq, text, extra = {}) => ({ type: 'message', seq, ts: seq * 1000, text, from: { id: `u${seq}` }, ...extra });
const ROOMS = [
  { name: 'general', events: [msg(1, 'Going on a Hike tomorrow'), msg(2, 'weather forecast: café open'), msg(3, 'hike gone', { deleted: true })] },
  { name: 'plans', events: [msg(4, 'A hike and a forecast'), { type: 'notice', seq: 5, ts: 5000, event: 'join' }] },
];
const found = (q, filter) => searchLocal(ROOMS, q, filter).map((r) => `${r.room}:${r.seq}`);

test('a word in any case, newest first, deleted messages left out', () => {
  assert.deepEqual(found('HIKE'), ['plans:4', 'general:1']);
});

test('two neighbours swapped from 4 letters, one letter missing from 6', () => {
  assert.deepEqual(found('hkie'), ['plans:4', 'general:1']);
  assert.deepEqual(found('forcast'), ['plans:4', 'general:2']);
  assert.deepEqual(found('hke'), [], 'a short word must be exact');
});

test('accents are ignored and every word must be there', () => {
  assert.deepEqual(found('cafe'), ['general:2']);
  assert.deepEqual(found('hike forcast'), ['plans:4']);
  assert.deepEqual(found('hike', { room: 'general' }), ['general:1']);
});

test('the highlight marks the original text', () => {
  const [hit] = searchLocal(ROOMS, 'hkie', { room: 'general' });
  assert.equal(hit.text.slice(...hit.highlight[0]), 'Hike');
  assert.equal(fold('Café').length, 4);
  assert.deepEqual(findTerm('abc', 'abcd'), null);
});

test('a file is found on the device by its name, as the server finds it', () => {
  const rooms = [{ name: 'general', events: [
    { type: 'message', room: 'general', seq: 1, ts: 1, from: { id: 'u-a' }, file: { url: '/uploads/x.pdf', name: 'Kilimanjaro budget.pdf' } },
    { type: 'message', room: 'general', seq: 2, ts: 2, from: { id: 'u-a' }, text: 'nothing here' },
  ] }];
  const found = searchLocal(rooms, 'kilimanjaro');
  assert.equal(found.length, 1);
  assert.equal(found[0].seq, 1);
  assert.equal(found[0].text, 'Kilimanjaro budget.pdf');
});
