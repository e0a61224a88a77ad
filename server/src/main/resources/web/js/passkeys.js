// passkeys.js — Passkeys (WebAuthn) in the client, with no library: base64url to bytes and back, the server's options turned into what navigator.credentials.create/get take, the browser's credential turned into JSON for the server, and the calls that register, list, remove and sign in. The codec half is pure (unit-tested without a browser).

import { passkeyRequest } from './http.js';
import { t } from './i18n.js';
import { errorSentence } from './i18n/errors.js';

/** Bytes (ArrayBuffer or view) → base64url without padding. */
export function toBase64url(bytes) {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes.buffer ?? bytes, bytes.byteOffset ?? 0, bytes.byteLength);
  let s = '';
  for (const b of u8) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url (padded or not) → Uint8Array. */
export function fromBase64url(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

const descriptors = (list) => (list ?? []).map((d) => ({ ...d, id: fromBase64url(d.id) }));

/** The server's creation options (binary fields as base64url) → `publicKey` for credentials.create. */
export function creationOptions(o) {
  return { ...o, challenge: fromBase64url(o.challenge), user: { ...o.user, id: fromBase64url(o.user.id) }, excludeCredentials: descriptors(o.excludeCredentials) };
}

/** The server's request options → `publicKey` for credentials.get. */
export function requestOptions(o) {
  return { ...o, challenge: fromBase64url(o.challenge), allowCredentials: descriptors(o.allowCredentials) };
}

/** A PublicKeyCredential (or a look-alike) → the JSON the server reads. */
export function credentialJSON(c) {
  const r = c.response;
  const response = { clientDataJSON: toBase64url(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = toBase64url(r.attestationObject);
    response.transports = typeof r.getTransports === 'function' ? r.getTransports() : [];
  } else {
    response.authenticatorData = toBase64url(r.authenticatorData);
    response.signature = toBase64url(r.signature);
    if (r.userHandle && r.userHandle.byteLength) response.userHandle = toBase64url(r.userHandle);
  }
  return { id: c.id, rawId: toBase64url(c.rawId), type: c.type, response };
}

/** Whether `hostname` can be a relying party id: a name, not an IPv4 or IPv6 address. */
export function isHostName(hostname) {
  return !!hostname && !/^\[?[0-9a-f:.]*:[0-9a-f:.]*\]?$/i.test(hostname) && !/^\d+(\.\d+){3}$/.test(hostname);
}

/** Whether this browser offers passkeys here (a secure context with WebAuthn, on a host name). */
export function passkeysSupported() {
  return typeof window !== 'undefined' && !!window.PublicKeyCredential && !!navigator.credentials
    && window.isSecureContext && isHostName(location.hostname);
}

/** An Error for a refused call: `code` and `retryAfter` from the server's answer. */
function refused(res, fallback) {
  const b = res.body || {};
  const code = b.error || 'failed';
  // A passkey the server does not know is not a wrong password: its own sentence.
  const text = code === 'bad_credentials' ? t('passkeys.unknown') : errorSentence({ code, retryAfter: b.retryAfter, message: b.message || t(fallback) }, null);
  return Object.assign(new Error(text), { code, retryAfter: b.retryAfter });
}

/** The browser's own refusal (cancelled, timed out, no passkey) in words. */
function browserRefusal(err) {
  if (err?.name === 'NotAllowedError') return Object.assign(new Error(t('passkeys.cancelled')), { code: 'cancelled' });
  if (err?.name === 'InvalidStateError') return Object.assign(new Error(t('passkeys.exists')), { code: 'exists' });
  return Object.assign(new Error(err?.message || t('passkeys.browser')), { code: 'browser' });
}

/** Makes a passkey on this device for the signed-in user, named `name`; its {id, name, created}. */
export async function registerPasskey(name) {
  const opts = await passkeyRequest('/register/options', { auth: true, body: {} });
  if (!opts.ok) throw refused(opts, 'passkeys.add-start-failed');
  let credential;
  try {
    credential = await navigator.credentials.create({ publicKey: creationOptions(opts.body) });
  } catch (err) { throw browserRefusal(err); }
  const done = await passkeyRequest('/register', { auth: true, body: { name, credential: credentialJSON(credential) } });
  if (!done.ok) throw refused(done, 'passkeys.not-accepted');
  return done.body.passkey;
}

/** The signed-in user's passkeys: [{id, name, created, lastUsed?}]. */
export async function listPasskeys() {
  const res = await passkeyRequest('', { method: 'GET', auth: true });
  if (!res.ok) throw refused(res, 'passkeys.list-failed');
  return res.body.passkeys ?? [];
}

export async function removePasskey(id) {
  const res = await passkeyRequest(`/${encodeURIComponent(id)}`, { method: 'DELETE', auth: true });
  if (!res.ok) throw refused(res, 'passkeys.remove-failed');
}

/** Signs in with a passkey (of `nick`'s, or any this device holds for the site); the new token. */
export async function signInWithPasskey(nick) {
  const opts = await passkeyRequest('/signin/options', { body: nick ? { nick } : {} });
  if (!opts.ok) throw refused(opts, 'passkeys.sign-in-start-failed');
  let credential;
  try {
    credential = await navigator.credentials.get({ publicKey: requestOptions(opts.body) });
  } catch (err) { throw browserRefusal(err); }
  const done = await passkeyRequest('/signin', { body: { credential: credentialJSON(credential) } });
  if (!done.ok) throw refused(done, 'passkeys.not-accepted');
  return done.body.token;
}
