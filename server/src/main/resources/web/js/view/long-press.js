// view/long-press.js — A finger held on a message (not a tap, not a swipe) opens its actions; the click that ends the press and the browser's own long-press menu are kept off what it opened.

const LONG_PRESS_MS = 500;
/** A finger that moves further than this is scrolling, not pressing. */
const LONG_PRESS_SLOP_PX = 10;

/**
 * Watches touch presses in `list`: a press of LONG_PRESS_MS on a row that `rowOf(node)` accepts
 * (not on one of its controls) calls `onPress(row)`.
 */
export function watchLongPress(list, { rowOf, onPress }) {
  let press = null;
  /** Set when a long press fired: the click that ends the press must not land on what it opened. */
  let swallowClick = false;
  const cancel = () => { clearTimeout(press?.timer); press = null; };
  list.addEventListener('pointerdown', (e) => {
    if (e.pointerType !== 'touch') return;
    const row = rowOf(e.target);
    if (!row || e.target.closest('button, a, textarea, input')) return;
    cancel();
    press = {
      x: e.clientX, y: e.clientY,
      timer: setTimeout(() => {
        press = null;
        swallowClick = true;
        navigator.vibrate?.(10);
        onPress(row);
      }, LONG_PRESS_MS),
    };
  });
  list.addEventListener('pointermove', (e) => {
    if (press && Math.hypot(e.clientX - press.x, e.clientY - press.y) > LONG_PRESS_SLOP_PX) cancel();
  });
  for (const type of ['pointerup', 'pointercancel', 'scroll']) list.addEventListener(type, cancel, { passive: true });
  document.addEventListener('pointerup', () => {
    if (swallowClick) setTimeout(() => { swallowClick = false; }, 50);
  }, true);
  document.addEventListener('click', (e) => {
    if (!swallowClick) return;
    swallowClick = false;
    e.preventDefault();
    e.stopPropagation();
  }, true);
  // The browser's own long-press menu would cover ours.
  list.addEventListener('contextmenu', (e) => {
    if (swallowClick || (press && rowOf(e.target))) e.preventDefault();
  });
}
