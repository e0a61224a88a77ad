// Room moderation's words and rules without a browser (js/moderation-text.js): who may act on
// whom, the notices of the log as sentences, and the note to the person a moderator acted on.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canModerate, canSetRoles, durationText, moderatedSentence, myRole, noticeSentence,
} from '../../main/resources/web/js/moderation-text.js';
import { formatTime } from '../../main/resources/web/js/format.js';

const ANN = { id: 'u-ann', nick: 'Ann' };
const BOB = { id: 'u-bob', nick: 'Bob' };
const TS = Date.UTC(2026, 0, 1, 12, 0);

test('a moderator acts only on a lower role, the owner names moderators, an admin is above all', () => {
  assert.equal(canModerate('moderator', 'member'), true);
  assert.equal(canModerate('moderator', 'moderator'), false);
  assert.equal(canModerate('moderator', 'owner'), false);
  assert.equal(canModerate('member', 'member'), false);
  assert.equal(canModerate('owner', 'moderator'), true);
  assert.equal(canSetRoles('owner', 'member'), true);
  assert.equal(canSetRoles('moderator', 'member'), false);
  assert.equal(canSetRoles('admin', 'owner'), false);
  assert.equal(myRole({ role: 'member' }, { role: 'admin' }), 'admin');
  assert.equal(myRole({ role: 'moderator' }, { id: 'x' }), 'moderator');
});

test('durations read as people say them', () => {
  assert.equal(durationText(10), '10 minutes');
  assert.equal(durationText(1), 'a minute');
  assert.equal(durationText(60), 'an hour');
  assert.equal(durationText(1440), 'a day');
  assert.equal(durationText(4320), '3 days');
  assert.equal(durationText(90), '90 minutes');
});

test('moderation notices read as sentences, with names as known now', () => {
  const nickOf = (id) => (id === BOB.id ? 'Bobby' : null);
  assert.equal(noticeSentence({ event: 'kick', ts: TS, user: BOB, by: ANN, reason: 'off topic' }), 'Ann removed Bob: off topic');
  assert.equal(noticeSentence({ event: 'mute', ts: TS, until: TS + 600_000, user: BOB, by: ANN }), 'Ann muted Bob for 10 minutes');
  assert.equal(noticeSentence({ event: 'ban', ts: TS, user: BOB, by: ANN }), 'Ann banned Bob');
  assert.equal(noticeSentence({ event: 'ban', ts: TS, until: TS + 86_400_000, user: BOB, by: ANN, reason: 'spam' }), 'Ann banned Bob for a day: spam');
  assert.equal(noticeSentence({ event: 'unban', ts: TS, user: BOB, by: ANN }), 'Ann lifted the ban on Bob');
  assert.equal(noticeSentence({ event: 'role', ts: TS, user: BOB, by: ANN, role: 'moderator' }), 'Ann made Bob a moderator');
  assert.equal(noticeSentence({ event: 'role', ts: TS, user: BOB, by: ANN, role: 'member' }, nickOf), 'Ann made Bobby a member');
  assert.equal(noticeSentence({ event: 'settings', ts: TS, user: ANN, by: ANN, readOnly: true }), 'Ann changed the room settings: read-only');
  assert.equal(noticeSentence({ event: 'settings', ts: TS, user: ANN, by: ANN, topic: 'News', readOnly: false }),
    'Ann changed the room settings: topic “News”, everyone may write');
  assert.equal(noticeSentence({ event: 'join', ts: TS, user: BOB }), null);
});

test('the person acted on is told what, where, by whom and why', () => {
  assert.equal(moderatedSentence({ room: 'ops', action: 'kick', by: ANN, reason: 'off topic' }), 'You were removed from #ops by Ann: off topic');
  assert.equal(moderatedSentence({ room: 'ops', action: 'mute', by: ANN, until: TS + 600_000 }, TS),
    `You are muted in #ops until ${formatTime(TS + 600_000)} by Ann`);
  assert.equal(moderatedSentence({ room: 'ops', action: 'ban', by: ANN, reason: 'spam' }), 'You were banned from #ops by Ann: spam');
});

test("a server's sentence with an end in UTC reads in the reader's own time", async () => {
  const { localUntil } = await import('../../main/resources/web/js/format.js');
  const now = Date.UTC(2026, 0, 1, 0, 0);
  const until = now + 10 * 60_000;
  const said = 'You are banned from ops until 2026-01-01T00:10:00.123Z: spam';
  assert.equal(localUntil(said, until, now), `You are banned from ops until ${formatTime(until)}: spam`);
  assert.equal(localUntil('You are muted in ops until 2026-01-01T00:10:00Z.', until, now), `You are muted in ops until ${formatTime(until)}.`);
  assert.equal(localUntil('You are banned from ops: spam', undefined, now), 'You are banned from ops: spam', 'no end, nothing to change');
});
