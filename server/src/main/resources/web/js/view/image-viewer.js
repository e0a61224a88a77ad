// view/image-viewer.js — An image message as a thumbnail sized before it loads (so the log does not jump), and the full-size viewer it opens.

import { h } from '../dom.js';
import { t } from '../i18n.js';
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
  return typeof image.name === 'string' && image.name ? image.name : t('image.image');
}

/** The thumbnail of a message's image: a button that opens the viewer, or a placeholder for a foreign URL. */
export function renderThumbnail(image) {
  const src = uploadPath(image?.url);
  if (!src) {
    return h('div', { class: 'msg-image-blocked', 'data-testid': 'message-image-blocked' },
      t('image.blocked'));
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
    'aria-label': t('image.open', { name: label(image) }),
    onclick: (e) => openViewer({ ...image, url: src }, e.currentTarget),
  }, img);
}

let viewer = null;

/** A press that moves farther than this (px) pans the zoomed image rather than clicking it. */
const DRAG_PX = 4;
const FIT_LABEL = t('image.fit');
const FULL_LABEL = t('image.full');

/** The one viewer dialog, made on first use. */
function viewerDialog() {
  if (viewer) return viewer;
  const img = h('img', { class: 'viewer-image', alt: '', 'data-testid': 'image-viewer-image' });
  const caption = h('p', { class: 'viewer-caption', 'data-testid': 'image-viewer-caption' });
  const zoom = h('button', {
    type: 'button', class: 'btn btn-ghost btn-small viewer-zoom', 'data-testid': 'image-viewer-zoom',
    title: t('image.key', { label: FULL_LABEL }), hidden: true,
  }, FULL_LABEL);
  const original = h('a', { class: 'btn btn-ghost btn-small', target: '_blank', rel: 'noopener noreferrer' }, t('image.original'));
  const close = h('button', { type: 'button', class: 'icon-btn viewer-close', 'aria-label': t('page.close'), 'data-testid': 'image-viewer-close' },
    h('span', { 'aria-hidden': 'true' }, '×'));
  // A Tab stop, so that a zoomed picture scrolls with the arrow keys too.
  const stage = h('div', { class: 'viewer-stage', 'data-testid': 'image-viewer-stage', tabindex: '0' }, img);
  const dialog = h('dialog', { class: 'image-viewer', 'data-testid': 'image-viewer', 'aria-label': t('image.image') },
    h('div', { class: 'viewer-bar' }, caption, zoom, original, close),
    stage);
  /** `dragged`: the press that ends now panned the picture, so its click neither zooms nor closes. */
  viewer = { dialog, img, caption, zoom, original, close, stage, returnFocus: null, zoomed: false, dragged: false };
  close.addEventListener('click', () => dialog.close());
  zoom.addEventListener('click', () => setZoom(!viewer.zoomed));
  // A click on the backdrop or the empty stage, not on the picture, closes it.
  dialog.addEventListener('click', (e) => {
    if (viewer.dragged) { viewer.dragged = false; return; }
    if (e.target === dialog || e.target === stage) dialog.close();
  });
  dialog.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const want = e.key === 'z' || e.key === 'Z' ? !viewer.zoomed : e.key === '+' || e.key === '=' ? true : e.key === '-' ? false : null;
    if (want === null || zoom.hidden) return;
    e.preventDefault();
    setZoom(want);
  });
  img.addEventListener('load', fitChanged);
  window.addEventListener('resize', () => { if (dialog.open) fitChanged(); });
  panWithPointer();
  dialog.addEventListener('close', () => {
    setZoom(false);
    img.removeAttribute('src');
    const back = viewer.returnFocus;
    viewer.returnFocus = null;
    if (back?.isConnected) back.focus();
  });
  document.body.append(dialog);
  return viewer;
}

/** The zoom button is offered only when the fitted picture is smaller than the image itself. */
function fitChanged() {
  const { img, zoom } = viewer;
  if (viewer.zoomed) return;
  zoom.hidden = !(img.naturalWidth > img.clientWidth + 1 || img.naturalHeight > img.clientHeight + 1);
}

/**
 * Shows the image at its own size (the stage scrolls; `at` = {x, y}, a point of the picture in
 * client coordinates, stays where it was) or fitted to the window again.
 */
function setZoom(on, at = null) {
  const { img, stage, zoom } = viewer;
  const before = img.getBoundingClientRect();
  viewer.zoomed = on;
  stage.classList.toggle('zoomed', on);
  zoom.textContent = on ? FIT_LABEL : FULL_LABEL;
  zoom.title = t('image.key', { label: zoom.textContent });
  if (!on) { fitChanged(); return; }
  const box = stage.getBoundingClientRect();
  const x = at ? at.x : before.left + before.width / 2;
  const y = at ? at.y : before.top + before.height / 2;
  const fx = before.width ? (x - before.left) / before.width : 0.5;
  const fy = before.height ? (y - before.top) / before.height : 0.5;
  stage.scrollLeft = fx * img.naturalWidth - (x - box.left);
  stage.scrollTop = fy * img.naturalHeight - (y - box.top);
  // The stage scrolls with the arrow keys once it has the focus.
  stage.focus({ preventScroll: true });
}

/** A click on the picture toggles the zoom; zoomed, dragging it pans (touch scrolls natively). */
function panWithPointer() {
  const { img, stage } = viewer;
  let press = null;
  stage.addEventListener('pointerdown', (e) => {
    if (e.pointerType === 'touch' || e.button !== 0) return;
    press = { x: e.clientX, y: e.clientY, left: stage.scrollLeft, top: stage.scrollTop, moved: false };
    viewer.dragged = false;
  });
  stage.addEventListener('pointermove', (e) => {
    if (!press || !viewer.zoomed) return;
    const dx = e.clientX - press.x;
    const dy = e.clientY - press.y;
    if (!press.moved && Math.hypot(dx, dy) < DRAG_PX) return;
    if (!press.moved) stage.setPointerCapture(e.pointerId);
    press.moved = true;
    stage.classList.add('panning');
    stage.scrollLeft = press.left - dx;
    stage.scrollTop = press.top - dy;
  });
  const release = () => {
    viewer.dragged = !!press?.moved;
    press = null;
    stage.classList.remove('panning');
  };
  stage.addEventListener('pointerup', release);
  stage.addEventListener('pointercancel', release);
  stage.addEventListener('click', (e) => {
    if (e.target !== img || viewer.dragged || viewer.zoom.hidden) return;
    e.stopPropagation();
    setZoom(!viewer.zoomed, { x: e.clientX, y: e.clientY });
  });
}

/**
 * Shows `image` fitted to the window; the zoom button, a click on it or Z (+ and -) show it at
 * its own size, scrolled and dragged about. Escape, the close button or a click outside closes it.
 */
export function openViewer(image, opener) {
  const v = viewerDialog();
  v.returnFocus = opener || document.activeElement;
  setZoom(false);
  v.zoom.hidden = true;
  v.img.src = image.url;
  v.img.alt = label(image);
  if (Number.isInteger(image.width)) v.img.width = image.width; else v.img.removeAttribute('width');
  if (Number.isInteger(image.height)) v.img.height = image.height; else v.img.removeAttribute('height');
  v.caption.textContent = label(image);
  v.original.href = image.url;
  v.dialog.setAttribute('aria-label', label(image));
  if (!v.dialog.open) v.dialog.showModal();
  if (v.img.complete) fitChanged();
  v.close.focus();
}
