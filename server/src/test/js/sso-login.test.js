// Single sign-on in the client (js/view/sso-login.js) without a browser: reading the reason the
// server's callback gives in `#sso-error=WHY`, and the sentence each reason becomes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ssoErrorFromHash, ssoErrorMessage, ssoLinkedFromHash } from '../../main/resources/web/js/view/sso-login.js';

test('a callback error in the address is read, anything else is not', () => {
  assert.equal(ssoErrorFromHash('#sso-error=denied'), 'denied');
  assert.equal(ssoErrorFromHash('#sso-error=expired'), 'expired');
  assert.equal(ssoErrorFromHash('#signin=K7QX2MPD'), null);
  assert.equal(ssoErrorFromHash('#sso-error=<img src=x>'), null);
  assert.equal(ssoErrorFromHash(''), null);
  assert.equal(ssoErrorFromHash(undefined), null);
});

test('each reason is a plain sentence, and an unknown one reads as a failure', () => {
  assert.match(ssoErrorMessage('denied'), /cancelled at the provider/);
  assert.match(ssoErrorMessage('busy'), /busy/);
  assert.equal(ssoErrorMessage('nonsense'), ssoErrorMessage('failed'));
  for (const why of ['expired', 'denied', 'failed', 'taken', 'busy'])
    assert.ok(ssoErrorMessage(why).endsWith('.'), why);
});

test('back from linking an account: the address says linked, or why not', () => {
  assert.equal(ssoLinkedFromHash('#sso-linked'), true);
  assert.equal(ssoLinkedFromHash('#sso-linked=x'), false);
  assert.equal(ssoErrorFromHash('#sso-error=linked-elsewhere'), 'linked-elsewhere');
  assert.match(ssoErrorMessage('linked-elsewhere'), /already signs in as someone else/);
});
