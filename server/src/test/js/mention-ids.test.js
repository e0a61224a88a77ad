// Mentions by user id (js/mention-ids.js, js/mentions.js, js/outbox.js) without a browser: a
// picked person is meant even after a newcomer takes their name, a typed name means whoever holds
// it now, and only the person a message's mentions name by id is mentioned.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { State } from '../../main/resources/web/js/state.js';
import { mentionIds, mentionsById, mentionsMeById, mentionTargets, mentionNamesKey, nameHolders, MAX_MENTIONS } from '../../main/resources/web/js/mention-ids.js';

import { Outbox } from '../../main/resources/web/js/outbox.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

test('a typed @name means whoever holds it now; a picked person wins over the holder', () => {
  const holders = new Map([['bob', { id: 'u-new', nick: 'bob' }], ['ann lee', { id: 'u-ann', nick: 'Ann Lee' }]]);
  assert.deepEqual(mentionIds('hi @BOB and @Ann Lee!', [], holders), ['u-new', 'u-ann']);
  assert.deepEqual(mentionIds('hi @bob', [{ id: 'u-old', nick: 'bob' }], holders), ['u-old']);
  assert.deepEqual(mentionIds('mail bob@bob.org, @bobby, `x`', [], holders), [], 'an address and a longer word are no mention');
  assert.deepEqual(mentionIds('@bob @bob', [], holders), ['u-new'], 'each id once');
});

test('a picked person whose name was deleted from the text is not mentioned', () => {
  assert.deepEqual(mentionIds('never mind', [{ id: 'u-bob', nick: 'bob' }], new Map()), []);
});

test('at most fifty ids go out with one message', () => {
  const holders = new Map();
  let text = '';
  for (let i = 0; i < 60; i++) { holders.set(`p${i}x`, { id: `u${i}`, nick: `p${i}x` }); text += `@p${i}x `; }
  assert.equal(mentionIds(text, [], holders).length, MAX_MENTIONS);
});

test('the holders of names are the people online and those a live frame named, not names from old events', async () => {
  const state = new State();
  state.restoreSession({ id: 'u-me', nick: 'me' });
  await settle();
  state.people.seen({ id: 'u-gone', nick: 'carl' }, 5);
  state.people.now({ id: 'u-rob', nick: 'rob' });
  const holders = nameHolders(state);
  assert.equal(holders.get('rob')?.id, 'u-rob');
  assert.equal(holders.has('carl'), false);
});

test('with `mentions`, only the id named is mentioned; without it, the text decides', async () => {
  const state = new State();
  state.restoreSession({ id: 'u-newbob', nick: 'bob' });
  await settle();
  const room = state.ensureRoom('general');
  const meant = { type: 'message', room: 'general', seq: 1, ts: 1, from: { id: 'u-ann', nick: 'ann' }, text: 'hi @bob', mentions: [{ id: 'u-oldbob', nick: 'bob' }] };
  assert.equal(mentionsMeById(state, room, meant), false, 'the newcomer who took "bob" is not the one meant');
  assert.equal(mentionsById(meant, 'u-oldbob'), true);
  assert.equal(mentionsById({ ...meant, mentions: undefined }, 'u-oldbob'), null);
  const toMe = { ...meant, mentions: [{ id: 'u-newbob', nick: 'bob' }] };
  assert.equal(mentionsMeById(state, room, toMe), true);
  assert.equal(mentionsMeById(state, room, { ...toMe, deleted: true }), false);
});

test('a mention shows the name its user has now, and a rename changes the row version key', () => {
  const ev = { mentions: [{ id: 'u-bob', nick: 'bob' }] };
  const names = new Map([['u-bob', 'rob']]);
  const targets = mentionTargets(ev, (id) => names.get(id) ?? null, 'u-bob');
  assert.deepEqual(targets.get('bob'), { id: 'u-bob', written: 'bob', name: 'rob', me: true });
  const before = mentionNamesKey(ev, (id) => names.get(id) ?? null);
  names.set('u-bob', 'robert');
  assert.notEqual(mentionNamesKey(ev, (id) => names.get(id) ?? null), before);
  assert.equal(mentionTargets({ text: 'x' }, () => null, 'u-bob'), null);
});

test('a pending message keeps the ids it was written for', () => {
  const box = new Outbox();
  box.userId = null;
  const item = box.add('general', 'hi @bob', { mentions: ['u-bob'] });
  assert.deepEqual(box.get(item.id).mentions, ['u-bob']);
  assert.equal('mentions' in box.add('general', 'plain', { mentions: [] }), false);
});
