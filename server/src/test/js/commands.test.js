// The composer's slash commands (js/commands.js) without a browser: which texts are commands,
// the frame each becomes, who may use which, and the plain sentence for each mistake.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand, parseMinutes, commandsFor } from '../../main/resources/web/js/commands.js';

const people = [{ id: 'u1', nick: 'Ann' }, { id: 'u2', nick: 'Ann Lee' }, { id: 'u3', nick: 'bob' }];
const mod = { room: 'ops', role: 'moderator', people };

test('text that is not a command is sent as typed', () => {
  assert.equal(parseCommand('hello /kick', mod), null);
  assert.equal(parseCommand('/etc/hosts is the file', mod), null);
  assert.equal(parseCommand('//kick is a command', mod), null);
  assert.equal(parseCommand('', mod), null);
  assert.equal(parseCommand(' /kick @bob', mod), null, 'a space first sends it as text');
});

test('kick, with and without a reason, names the person by id', () => {
  assert.deepEqual(parseCommand('/kick @Ann off topic', mod).frame, { type: 'kick', room: 'ops', user: 'u1', reason: 'off topic' });
  assert.deepEqual(parseCommand('/kick @bob', mod).frame, { type: 'kick', room: 'ops', user: 'u3' });
  assert.deepEqual(parseCommand('/KICK @ann lee spam', mod).frame, { type: 'kick', room: 'ops', user: 'u2', reason: 'spam' }, 'the longest name wins');
});

test('mute takes a duration; ban an optional one before its reason', () => {
  assert.deepEqual(parseCommand('/mute @bob 10m', mod).frame, { type: 'mute', room: 'ops', user: 'u3', minutes: 10 });
  assert.equal(parseCommand('/mute @bob 1h', mod).frame.minutes, 60);
  assert.equal(parseCommand('/mute @bob 2h30m', mod).frame.minutes, 150);
  assert.match(parseCommand('/mute @bob', mod).error, /For how long/);
  assert.match(parseCommand('/mute @bob 0', mod).error, /a minute to a year/);
  assert.match(parseCommand('/mute @bob 100w', mod).error, /a minute to a year/);
  assert.deepEqual(parseCommand('/ban @bob 1d flooding', mod).frame, { type: 'ban', room: 'ops', user: 'u3', reason: 'flooding', minutes: 1440 });
  assert.deepEqual(parseCommand('/ban @bob flooding again', mod).frame, { type: 'ban', room: 'ops', user: 'u3', reason: 'flooding again' });
  assert.deepEqual(parseCommand('/unban @bob', mod).frame, { type: 'unban', room: 'ops', user: 'u3' });
  assert.deepEqual(parseCommand('/unmute @bob', mod).frame, { type: 'unmute', room: 'ops', user: 'u3' });
});

test('a direct conversation has no commands: they are refused, never sent as text', () => {
  const dm = { ...mod, room: '@u1+u3', direct: true, role: 'member' };
  assert.match(parseCommand('/ban @bob spam', dm).error, /direct conversation has no commands/);
  assert.match(parseCommand('/invite @bob', dm).error, /direct conversation has no commands/);
  assert.equal(parseCommand(' /ban @bob', dm), null, 'a space first still sends it as text');
});

test('topic and invite', () => {
  assert.deepEqual(parseCommand('/topic Release on Friday', { ...mod, role: 'owner' }).frame, { type: 'settings', room: 'ops', topic: 'Release on Friday' });
  assert.deepEqual(parseCommand('/invite @bob', { ...mod, role: 'member' }).frame, { type: 'invite', room: 'ops', user: 'u3' });
});

test('each mistake gets a sentence, and nothing is sent', () => {
  assert.match(parseCommand('/kick @nobody', mod).error, /No one called @nobody/);
  assert.match(parseCommand('/kick', mod).error, /Say who/);
  assert.match(parseCommand('/shrug', mod).error, /no \/shrug command/);
  assert.match(parseCommand('/kick @bob', { ...mod, role: 'member' }).error, /Only a room’s moderators/);
  assert.match(parseCommand('/topic x', mod).error, /Only a room’s owners/);
});

test('the popup lists only what my role may use', () => {
  assert.deepEqual(commandsFor('member').map((c) => c.name), ['invite']);
  assert.deepEqual(commandsFor('moderator', 'mu').map((c) => c.name), ['mute']);
  assert.equal(commandsFor('admin').length, 7);
  assert.deepEqual(commandsFor('moderator', 'un').map((c) => c.name), ['unmute', 'unban']);
  assert.equal(parseMinutes('1w'), 10080);
  assert.equal(parseMinutes('soon'), null);
});
