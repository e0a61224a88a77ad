// exporter.js — Downloads room exports (GET /api/rooms/{room}/export, through http.js), counting the events as they stream in for a progress bar.

import { fetchExport } from './http.js';
import { t } from './i18n.js';

/**
 * Fetches one room's export (`format` 'json' or 'txt') and saves it as a file. `onProgress(done, total)`
 * is told the events received so far (each event is one line of the stream) and the count the server
 * announced. Resolves with the number of bytes saved; rejects with a sentence for people.
 */
export async function exportRoom(room, format, onProgress = () => {}, signal) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  let res;
  try {
    res = await fetchExport(room, format, zone, signal);
  } catch (e) {
    throw new Error(t(signal?.aborted ? 'export.cancelled' : 'sso.unreachable'));
  }
  if (!res.ok) {
    let message = t('export.failed', { status: res.status });
    try { message = (await res.json()).message || message; } catch { /* not JSON */ }
    throw new Error(message);
  }
  const total = Number(res.headers.get('X-Parley-Events')) || 0;
  const reader = res.body.getReader();
  const parts = [];
  let lines = 0;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    bytes += value.length;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
    onProgress(Math.min(total, Math.max(0, lines - 2)), total);
  }
  onProgress(total, total);
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '')?.[1] || `parley-export.${format}`;
  save(new Blob(parts, { type: format === 'json' ? 'application/json' : 'text/plain' }), name);
  return bytes;
}

function save(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
