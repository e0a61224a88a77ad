// view/image-viewer.js — An image message as a thumbnail sized before it loads (so the log does not jump), and the full-size viewer it opens.

import { h } from '../dom.js';
import { imageAccess } from '../uploads.js';

/** Thumbnails fit in this box, never enlarged. */
const BOX_WIDTH = 360;
const BOX_HEIGHT = 280;
const UPLOAD_PATH = /^\/uploads\/[A-Za-z0-9_-]{43}\.(png|jpg|gif|webp)$/;

/**
 * The same-origin /uploads/ path of an image URL, or null: an image from anywhere else (a
 * tracking pixel, a script URL) is never put in the page.
 */
export function uploadPath(url) {
  if (typeof url !== 'string') return null;
  let parsed;
  try { parsed = new URL(url, location.href); } catch { return null; }
  if (parsed.origin !== location.origin || parsed.search || parsed.hash) return null;
  return UPLOAD_PATH.test(parsed.pathname) ? parsed.pathname : null;
}

/** Width and height that fit the box with the image's proportions, or null when unknown. */
export function fitted(width, height, maxWidth = BOX_WIDTH, maxHeight = BOX_HEIGHT) {
  if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)) return null;
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function label(image) {
  return typeof image.name === 'string' && image.name ? image.name : 'Image';
}

/** The thumbnail of a message's image: a button that opens the viewer, or a placeholder for a foreign URL. */
export function renderThumbnail(image) {
  const src = uploadPath(image?.url);
  if (!src) {
    return h('div', { class: 'msg-image-blocked', 'data-testid': 'message-image-blocked' },
      'Image not shown: it is not stored on this server.');
  }
  const size = fitted(image.width, image.height);
  const img = h('img', {
    alt: label(image),
    width: size?.width,
    height: size?.height,
    loading: 'lazy',
    decoding: 'async',
    'data-testid': 'message-image',
  });
  // A direct conversation's image needs the uploads' credential (a cookie): asked once per page.
  imageAccess().then(() => { img.src = src; });
  return h('button', {
    type: 'button',
    class: 'msg-image',
    'aria-label': `Open image ${label(image)}`,
    onclick: (e) => openViewer({ ...image, url: src }, e.currentTarget),
  }, img);
}

let viewer = null;

/** The one viewer dialog, made on first use. */
function viewerDialog() {
  if (viewer) return viewer;
  const img = h('img', { class: 'viewer-image', alt: '', 'data-testid': 'image-viewer-image' });
  const caption = h('p', { class: 'viewer-caption', 'data-testid': 'image-viewer-caption' });
  const original = h('a', { class: 'btn btn-ghost btn-small', target: '_blank', rel: 'noopener noreferrer' }, 'Open original');
  const close = h('button', { type: 'button', class: 'icon-btn viewer-close', 'aria-label': 'Close', 'data-testid': 'image-viewer-close' },
    h('span', { 'aria-hidden': 'true' }, '×'));
  const dialog = h('dialog', { class: 'image-viewer', 'data-testid': 'image-viewer', 'aria-label': 'Image' },
    h('div', { class: 'viewer-bar' }, caption, original, close),
    h('div', { class: 'viewer-stage' }, img));
  close.addEventListener('click', () => dialog.close());
  // A click on the backdrop or the empty stage, not on the picture, closes it.
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog || e.target.classList.contains('viewer-stage')) dialog.close();
  });
  dialog.addEventListener('close', () => {
    img.removeAttribute('src');
    const back = viewer.returnFocus;
    viewer.returnFocus = null;
    if (back?.isConnected) back.focus();
  });
  document.body.append(dialog);
  viewer = { dialog, img, caption, original, close, returnFocus: null };
  return viewer;
}

/** Shows `image` full size (within the window); Escape, the close button or a click outside closes it. */
export function openViewer(image, opener) {
  const v = viewerDialog();
  v.returnFocus = opener || document.activeElement;
  v.img.src = image.url;
  v.img.alt = label(image);
  if (Number.isInteger(image.width)) v.img.width = image.width; else v.img.removeAttribute('width');
  if (Number.isInteger(image.height)) v.img.height = image.height; else v.img.removeAttribute('height');
  v.caption.textContent = label(image);
  v.original.href = image.url;
  v.dialog.setAttribute('aria-label', label(image));
  if (!v.dialog.open) v.dialog.showModal();
  v.close.focus();
}
