// Passkeys in the client (js/passkeys.js) without a browser: base64url both ways, the server's
// options turned into the binary shapes navigator.credentials takes, and a credential back to JSON.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toBase64url, fromBase64url, creationOptions, requestOptions, credentialJSON } from '../../main/resources/web/js/passkeys.js';

test('base64url round-trips every byte, without padding', () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  const text = toBase64url(all);
  assert.doesNotMatch(text, /[+/=]/);
  assert.deepEqual(fromBase64url(text), all);
  assert.equal(toBase64url(new Uint8Array([0xfb, 0xff])), '-_8');
  assert.deepEqual(fromBase64url('-_8='), new Uint8Array([0xfb, 0xff]));
});

test('creation options become bytes where WebAuthn wants bytes', () => {
  const o = creationOptions({
    challenge: 'AQID', rp: { id: 'localhost', name: 'Parley' }, user: { id: 'dTE', name: 'ann', displayName: 'ann' },
    excludeCredentials: [{ type: 'public-key', id: 'BAU' }], attestation: 'none',
  });
  assert.deepEqual(o.challenge, new Uint8Array([1, 2, 3]));
  assert.deepEqual(o.user.id, new TextEncoder().encode('u1'));
  assert.deepEqual(o.excludeCredentials[0].id, new Uint8Array([4, 5]));
  assert.equal(o.rp.id, 'localhost');
  assert.equal(o.attestation, 'none');
});

test('request options allow any passkey when the server lists none', () => {
  const o = requestOptions({ challenge: 'AQID', rpId: 'localhost', allowCredentials: [] });
  assert.deepEqual(o.allowCredentials, []);
  assert.equal(o.rpId, 'localhost');
});

test('an assertion becomes the JSON the server reads', () => {
  const buf = (...b) => new Uint8Array(b).buffer;
  const json = credentialJSON({
    id: 'AQ', rawId: buf(1), type: 'public-key',
    response: { clientDataJSON: buf(2), authenticatorData: buf(3), signature: buf(4), userHandle: buf(5) },
  });
  assert.deepEqual(json, { id: 'AQ', rawId: 'AQ', type: 'public-key', response: { clientDataJSON: 'Ag', authenticatorData: 'Aw', signature: 'BA', userHandle: 'BQ' } });
});

test('a passkey needs a host name: an IP address is never a relying party id', async () => {
  const { isHostName } = await import('../../main/resources/web/js/passkeys.js');
  assert.equal(isHostName('localhost'), true);
  assert.equal(isHostName('chat.example.com'), true);
  assert.equal(isHostName('127.0.0.1'), false);
  assert.equal(isHostName('[::1]'), false);
  assert.equal(isHostName('::1'), false);
  assert.equal(isHostName('cafe.example'), true);
});
