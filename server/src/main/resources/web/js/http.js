// http.js — Every HTTP request the client makes of its server, in one place: search, image uploads, room exports, the uploads' credential, the emoji data, the registration mode, whether single sign-on is on (and linking an account to it). Requests that act for the user carry the session token in an Authorization header (never in a URL); each answer is handed back as the server gave it, and the callers put it into words. (The socket is connection.js; sw.js, the offline shell, fetches the client's own files.)

import { storage } from './storage.js';

const token = () => storage.session()?.token ?? null;
const bearer = (t) => ({ Authorization: `Bearer ${t}` });

/** Whether there is a session to make requests with. */
export function signedIn() {
  return !!token();
}

/** GET /api/registration → 'open', 'invite' or 'closed': what a new name needs, before hello. Rejects when unreachable. */
export async function fetchRegistration() {
  const res = await fetch('/api/registration', { cache: 'no-store' });
  const body = res.ok ? await res.json().catch(() => ({})) : {};
  return body.registration || 'open';
}

/** GET /api/search with `params` (URLSearchParams) → {ok, status, body} (body {} when not JSON). Rejects when the server cannot be reached. */
export async function searchMessages(params) {
  const res = await fetch(`/api/search?${params}`, { headers: bearer(token()) });
  return { ok: res.ok, status: res.status, body: await res.json().catch(() => ({})) };
}

/**
 * POST /api/uploads with `file` as the raw body, through XMLHttpRequest (fetch cannot report
 * upload progress). Returns {promise, abort}: the promise resolves to {status, body} whatever the
 * status (body null when not JSON: a proxy's page) and rejects with an Error whose `code` is
 * 'network' or 'cancelled'; `onProgress` gets the fraction sent (0..1).
 */
export function postUpload(file, onProgress) {
  const xhr = new XMLHttpRequest();
  const promise = new Promise((resolve, reject) => {
    xhr.open('POST', '/api/uploads');
    // the name it is saved under, for a file that is not an image (percent-encoded: headers are ASCII)
    if (file.name) xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.setRequestHeader('Authorization', `Bearer ${token()}`);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON: a proxy's page */ }
      resolve({ status: xhr.status, body });
    });
    xhr.addEventListener('error', () => reject(Object.assign(new Error('network'), { code: 'network' })));
    xhr.addEventListener('abort', () => reject(Object.assign(new Error('cancelled'), { code: 'cancelled' })));
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}

/** GET /api/rooms/{room}/export as `format` ('json' or 'txt') with dates in time zone `zone`: the Response, to be read as it streams. */
export function fetchExport(room, format, zone, signal) {
  const url = `/api/rooms/${encodeURIComponent(room)}/export?format=${format}&tz=${encodeURIComponent(zone)}`;
  return fetch(url, { headers: bearer(token()), signal });
}

/** POST /uploads/credential with `sessionToken`: the server sets the uploads' HttpOnly cookie. Resolves true when it did. */
export function openUploadCredential(sessionToken) {
  return fetch('/uploads/credential', { method: 'POST', headers: bearer(sessionToken), credentials: 'same-origin' })
    .then((res) => res.ok, () => false);
}

/** DELETE /uploads/credential (signing out): the server forgets it and clears the cookie. Never rejects. */
export function closeUploadCredential() {
  return fetch('/uploads/credential', { method: 'DELETE', credentials: 'same-origin', keepalive: true }).then(() => {}, () => {});
}

/** GET `url` (the emoji data set) → its JSON. Rejects on a refusal or when the server cannot be reached. */
export async function fetchJson(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

/** GET /auth/oidc: whether the server signs people in through an OpenID provider → {enabled, name?}; {enabled: false} when it cannot be asked. Never rejects. */
export async function fetchSingleSignOn() {
  try {
    const res = await fetch('/auth/oidc', { cache: 'no-store' });
    return res.ok ? await res.json() : { enabled: false };
  } catch {
    return { enabled: false };
  }
}

/**
 * Starts linking this account to the single sign-on provider: POST /auth/oidc/link as the
 * signed-in user → the provider's address to go to, or null (with the status) when refused.
 */
export async function startSingleSignOnLink() {
  const res = await fetch('/auth/oidc/link', { method: 'POST', headers: bearer(token()) });
  const body = res.ok ? await res.json().catch(() => ({})) : {};
  return { location: body.location ?? null, status: res.status };
}

/**
 * A call to /api/passkeys`path` (JSON in, JSON out) → {ok, status, body}; with `auth`, as the
 * signed-in user. Rejects when the server cannot be reached.
 */
export async function passkeyRequest(path, { method = 'POST', body, auth = false } = {}) {
  const headers = { ...(auth ? bearer(token()) : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) };
  const res = await fetch(`/api/passkeys${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
  return { ok: res.ok, status: res.status, body: await res.json().catch(() => ({})) };
}
