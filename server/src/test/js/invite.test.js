// Who may join, in the client (js/invite.js) without a browser: the `#invite=` link and a pasted
// code or whole link, read as the code the hello carries.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inviteFromHash, cleanInvite } from '../../main/resources/web/js/invite.js';

test('an invite link gives its code, anything else none', () => {
  assert.equal(inviteFromHash('#invite=k7qx2mpdw4rt9hna'), 'K7QX2MPDW4RT9HNA');
  assert.equal(inviteFromHash('#signin=K7QX2MPD'), null);
  assert.equal(inviteFromHash('#invite=<script>'), null);
  assert.equal(inviteFromHash(''), null);
});

test('a pasted code or whole link becomes the code', () => {
  assert.equal(cleanInvite('  k7qx2mpdw4rt9hna '), 'K7QX2MPDW4RT9HNA');
  assert.equal(cleanInvite('https://chat.example.com/#invite=K7QX2MPDW4RT9HNA'), 'K7QX2MPDW4RT9HNA');
  assert.equal(cleanInvite(''), '');
  assert.equal(cleanInvite(undefined), '');
});
