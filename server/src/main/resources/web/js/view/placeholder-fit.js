// view/placeholder-fit.js — A text box's placeholder that is never clipped: the whole sentence when it fits the box's width, else its end shortened with "…", else a short fallback.

let canvas = null;

/** How wide `text` is drawn in `el`'s font, in CSS pixels. */
export function textWidth(el, text) {
  canvas ??= document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  const cs = getComputedStyle(el);
  ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
  return ctx.measureText(text).width;
}

function contentWidth(el) {
  const cs = getComputedStyle(el);
  return el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
}

const wanted = new WeakMap();
const observer = typeof ResizeObserver === 'function' ? new ResizeObserver((entries) => {
  for (const entry of entries) apply(entry.target);
}) : null;

function apply(el) {
  const want = wanted.get(el);
  if (!want) return;
  const room = contentWidth(el);
  const { text, short } = want;
  if (room <= 0 || textWidth(el, text) <= room) { el.placeholder = text; return; }
  // The longest start of `text` that fits with "…" after it (binary search over code points).
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(el, `${chars.slice(0, mid).join('')}…`) <= room) lo = mid;
    else hi = mid - 1;
  }
  const cut = `${chars.slice(0, lo).join('')}…`;
  el.placeholder = lo > short.length ? cut : short;
}

/** Sets `el`'s placeholder to `text`, shortened to fit its width now and whenever it is resized; `short` when even a cut would say too little. */
export function fitPlaceholder(el, text, short) {
  const known = wanted.has(el);
  wanted.set(el, { text, short });
  if (!known) observer?.observe(el);
  apply(el);
}
