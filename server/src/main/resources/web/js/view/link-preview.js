// view/link-preview.js — The card under a message whose first link the server previewed (title,
// description, image): every field is a stranger's page text, so it only ever becomes text nodes,
// and the image only ever comes from this server's /uploads/previews/. The author's × removes it.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { imageAccess } from '../uploads.js';

const IMAGE_PATH = /^\/uploads\/previews\/[A-Za-z0-9_-]{32}\.(png|jpg|gif|webp)$/;

/** The same-origin path of a preview image, or null: never an address elsewhere. */
export function previewImagePath(url) {
  if (typeof url !== 'string') return null;
  let parsed;
  try { parsed = new URL(url, location.href); } catch { return null; }
  if (parsed.origin !== location.origin || parsed.search || parsed.hash) return null;
  return IMAGE_PATH.test(parsed.pathname) ? parsed.pathname : null;
}

/** The link itself if it is http or https, else null (no javascript:, data: ...). */
export function safeLink(url) {
  if (typeof url !== 'string') return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch { return null; }
}

/** The preview card of `msg`, or null; `mine`: the reader wrote it, so may remove it. */
export function renderLinkPreview(msg, mine) {
  const p = msg?.preview;
  if (!p || msg.deleted || typeof p.title !== 'string' || !p.title) return null;
  const link = safeLink(p.url);
  if (!link) return null;
  const src = previewImagePath(p.image);
  let img = null;
  if (src) {
    img = h('img', { class: 'link-preview-image', alt: '', loading: 'lazy', decoding: 'async', 'data-testid': 'link-preview-image' });
    img.addEventListener('error', () => img.remove());
    imageAccess().then(() => { img.src = src; });
  }
  const description = typeof p.description === 'string' && p.description ? p.description : null;
  return h('div', { class: 'link-preview', 'data-testid': 'link-preview' },
    h('a', { class: 'link-preview-body', href: link.href, target: '_blank', rel: 'noopener noreferrer nofollow' },
      img,
      h('span', { class: 'link-preview-text' },
        h('span', { class: 'link-preview-host', 'data-testid': 'link-preview-host' }, link.host),
        h('span', { class: 'link-preview-title', 'data-testid': 'link-preview-title', dir: 'auto' }, p.title),
        description ? h('span', { class: 'link-preview-description', 'data-testid': 'link-preview-description', dir: 'auto' }, description) : null)),
    mine ? h('button', {
      type: 'button', class: 'link-preview-remove', 'data-testid': 'link-preview-remove',
      'data-unpreview': String(msg.seq), 'aria-label': t('preview.remove'), title: t('preview.remove'),
    }, '×') : null);
}
