// uploads.js — Sends one image to POST /api/uploads with XMLHttpRequest (fetch cannot report upload progress), and says what went wrong in words.

/** The types the server takes; anything else is refused here before a byte is sent. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** A failed or cancelled upload: `code` is the server's error code, or 'network' / 'cancelled' / a local check. */
export class UploadError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

function megabytes(bytes) {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

/** Why `file` cannot be sent, before uploading it, or null. `limit` is the server's upload limit in bytes. */
export function precheck(file, limit) {
  if (file.type && !IMAGE_TYPES.includes(file.type)) {
    return new UploadError('unsupported_type', `“${file.name}” is not a PNG, JPEG, GIF or WebP image.`);
  }
  if (limit && file.size > limit) {
    return new UploadError('too_large', `“${file.name}” is ${megabytes(file.size)}; images can be at most ${megabytes(limit)}.`);
  }
  return null;
}

/** The sentence shown for an error answer. */
function describe(status, body, file, limit) {
  switch (body?.error) {
    case 'too_large': return `“${file.name}” is too large; images can be at most ${limit ? megabytes(limit) : 'the server’s limit'}.`;
    case 'unsupported_type': return `“${file.name}” is not a PNG, JPEG, GIF or WebP image.`;
    case 'too_many_pixels': return `“${file.name}” has too many pixels to be shown safely. ${body.message || ''}`.trim();
    case 'unauthorized': return 'Your session is no longer valid: reload the page and sign in again.';
    case 'busy': return 'The server is busy; try again in a moment.';
    default:
      if (status === 413) return `“${file.name}” is too large.`;
      if (status === 415) return `“${file.name}” is not an image the server takes.`;
      return body?.message || `The upload failed (HTTP ${status}).`;
  }
}

/**
 * Uploads `file` as the raw request body. Returns {promise, abort}: the promise resolves to
 * the server's {url, type, size, width, height} or rejects with an UploadError; `onProgress`
 * gets the fraction sent (0..1).
 */
export function uploadImage(file, { token, limit, onProgress }) {
  const xhr = new XMLHttpRequest();
  const promise = new Promise((resolve, reject) => {
    xhr.open('POST', '/api/uploads');
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON: a proxy's page */ }
      if (xhr.status === 201 && body && typeof body.url === 'string') resolve(body);
      else reject(new UploadError(body?.error || `http_${xhr.status}`, describe(xhr.status, body, file, limit)));
    });
    xhr.addEventListener('error', () => reject(new UploadError('network', `“${file.name}” could not be sent: the server did not answer.`)));
    xhr.addEventListener('abort', () => reject(new UploadError('cancelled', 'Upload cancelled.')));
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}
