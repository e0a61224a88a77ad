// view/file-card.js — A file in a message: a card with an icon for its type, its name, its size and a download link; audio and video play inline, and a voice message shows its length.

import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { formatSize } from '../i18n/intl.js';

const ICONS = {
  audio: ['M9 18V5l12-2v13', 'M9 18a3 3 0 1 1-6 0 3 3 0 0 1 6 0z', 'M21 16a3 3 0 1 1-6 0 3 3 0 0 1 6 0z'],
  video: ['M3 6h13v12H3z', 'M16 10l5-3v10l-5-3'],
  pdf: ['M6 2h9l5 5v15H6z', 'M14 2v6h6', 'M9 14h6', 'M9 17h4'],
  text: ['M6 2h9l5 5v15H6z', 'M14 2v6h6', 'M9 12h7', 'M9 15h7', 'M9 18h5'],
  file: ['M6 2h9l5 5v15H6z', 'M14 2v6h6'],
};
const DOWNLOAD = ['M12 4v11', 'M7 10l5 5 5-5', 'M5 20h14'];

/** "742 bytes", "18 KB", "1.2 MB": js/i18n/intl.js, in the interface language. */
export { formatSize };

/** "0:42", "4:05". */
export function formatDuration(seconds) {
  const s = Math.max(0, Math.round(seconds || 0));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** What kind of file `type` is, for its icon and player. */
export function kindOf(type) {
  const t = String(type || '');
  if (t.startsWith('audio/')) return 'audio';
  if (t.startsWith('video/')) return 'video';
  if (t === 'application/pdf') return 'pdf';
  if (t.startsWith('text/')) return 'text';
  return 'file';
}

/** Only this server's uploads are ever loaded or linked (the server vouched for the URL; this is the second lock). */
function safeUrl(url) {
  return typeof url === 'string' && /^\/uploads\/[A-Za-z0-9_-]+\.[a-z0-9]+$/.test(url) ? url : null;
}

/** The card of `file` ({url, name, size, type, duration?}); `pending`: ours, not yet confirmed. */
export function renderFile(file, { pending = false } = {}) {
  const url = safeUrl(file.url);
  const kind = kindOf(file.type);
  const voice = file.duration != null && kind === 'audio';
  const name = voice ? t('file.voice') : (file.name || t('file.file'));
  const meta = [voice ? formatDuration(file.duration) : null, formatSize(file.size)].filter(Boolean).join(' · ');
  const player = url && !pending && (kind === 'audio' || kind === 'video')
    ? h(kind, { class: `file-player file-${kind}`, 'data-testid': `file-${kind}`, controls: true, preload: 'metadata', src: url, 'aria-label': name })
    : null;
  return h('div', { class: `file-card file-kind-${kind}${voice ? ' voice' : ''}`, 'data-testid': voice ? 'voice-message' : 'file-card' },
    h('div', { class: 'file-row' },
      h('span', { class: 'file-icon', 'aria-hidden': 'true' }, icon(ICONS[voice ? 'audio' : kind])),
      h('div', { class: 'file-text' },
        h('span', { class: 'file-name', 'data-testid': 'file-name', dir: 'auto', title: file.name || null }, name),
        h('span', { class: 'file-meta', 'data-testid': 'file-meta' }, meta)),
      url && !pending
        ? h('a', {
          class: 'icon-btn small file-download', 'data-testid': 'file-download', href: url, download: file.name || '',
          'aria-label': file.name ? t('file.download-name', { name: file.name }) : t('file.download-it'), title: t('file.download'),
        }, icon(DOWNLOAD))
        : null),
    player);
}
