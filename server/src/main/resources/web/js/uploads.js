// uploads.js — Sends one image or file (through http.js), says what went wrong in words, and holds the uploads' own credential that lets <img> fetch them.

import { postUpload, openUploadCredential, closeUploadCredential } from './http.js';
import { t } from './i18n.js';

/** The image types the server shows as pictures; any other file is sent as a file. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** Whether `file` is sent as an image (shown as a picture) rather than as a file to download. */
export function isImage(file) {
  return IMAGE_TYPES.includes(file.type);
}

/** A failed or cancelled upload: `code` is the server's error code, or 'network' / 'cancelled' / a local check. */
export class UploadError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

function megabytes(bytes) {
  const mb = bytes / (1024 * 1024);
  return t('size.mb', { n: mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10 });
}

/** Why `file` cannot be sent, before uploading it, or null. `limit` is the server's upload limit in bytes. */
export function precheck(file, limit) {
  if (!file.size) return new UploadError('empty', t('upload.empty', { name: file.name }));
  if (limit && file.size > limit) {
    return new UploadError('too_large', t('upload.too-large-size', { name: file.name, size: megabytes(file.size), limit: megabytes(limit) }));
  }
  return null;
}

/** The sentence shown for an error answer. The server's own sentence says the limits (its quota, its idle time) where they matter. */
function describe(status, body, file, limit) {
  switch (body?.error) {
    case 'too_large': return t('upload.too-large-limit', { name: file.name, limit: limit ? megabytes(limit) : t('upload.server-limit') });
    case 'unsupported_type': return t('upload.unsupported', { name: file.name });
    case 'bad_image': return t('upload.bad-image', { name: file.name });
    case 'too_many_pixels': return t('upload.pixels', { name: file.name });
    case 'unauthorized': return t('upload.unauthorized');
    // The server's sentence names its limits (a quota, an idle time) that no field carries yet: kept.
    case 'quota': return body.message ? t('upload.not-sent', { name: file.name, reason: body.message }) : t('upload.quota', { name: file.name });
    case 'too_many_uploads': return body.message ? t('upload.not-sent', { name: file.name, reason: body.message }) : t('upload.too-many', { name: file.name });
    case 'timeout': return body.message ? t('upload.stalled-because', { name: file.name, reason: body.message }) : t('upload.stalled', { name: file.name });
    case 'busy': return t('upload.busy', { name: file.name });
    default:
      if (status === 413) return t('upload.too-large', { name: file.name });
      if (status === 415) return t('upload.not-image', { name: file.name });
      if (status === 429) return t('upload.rate', { name: file.name });
      return body?.message || t('upload.failed', { status: String(status) });
  }
}

/**
 * Uploads `file` as the raw request body. Returns {promise, abort}: the promise resolves to
 * the server's {url, type, size, width, height} or rejects with an UploadError; `onProgress`
 * gets the fraction sent (0..1).
 */
export function uploadImage(file, { limit, onProgress }) {
  const { promise, abort } = postUpload(file, onProgress);
  const stored = promise.then(({ status, body }) => {
    if (status === 201 && body && typeof body.url === 'string') return body;
    throw new UploadError(body?.error || `http_${status}`, describe(status, body, file, limit));
  }, (err) => {
    if (err.code === 'cancelled') throw new UploadError('cancelled', t('upload.cancelled'));
    throw new UploadError('network', t('upload.no-answer', { name: file.name }));
  });
  return { promise: stored, abort };
}

/*
 * The uploads' own credential. An <img> sends no Authorization header, and a direct
 * conversation's images are for its members, so the server gives the page a credential of its
 * own for /uploads/: an HttpOnly cookie (no script, here or on another port of this host, can
 * read it), asked for with the session token once per page and session, given up on sign-out.
 */
let access = null;
let accessToken = null;

/** Asks for the credential with `token`, unless this page has it already; images wait for the answer. */
export function openImageAccess(token) {
  if (access && accessToken === token) return access;
  accessToken = token;
  // what an older version of this page left: the token itself, in a cookie scripts could read
  document.cookie = 'parley_token=; Path=/uploads/; Max-Age=0; SameSite=Strict';
  access = openUploadCredential(token);
  return access;
}

/** Gives the credential up (signing out): the server forgets it and clears the cookie. */
export function closeImageAccess() {
  access = null;
  accessToken = null;
  return closeUploadCredential();
}

/** Settles once the credential asked for last has been answered (at once when none was asked for). */
export function imageAccess() {
  return access ?? Promise.resolve(false);
}
