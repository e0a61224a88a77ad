// view/toast.js — Brief, polite notes for errors that have no form to show them in. A note never
// hides what has the keyboard's focus (WCAG 2.2 "focus not obscured"): when the focused control is
// under the notes, they move to the top of the screen until the focus moves away from there.

import { h } from '../dom.js';

const SHOWN_MS = 5000;
let region = null;

export function toast(text) {
  if (!region) {
    region = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite', 'data-testid': 'toasts' });
    document.body.append(region);
    // after the focus handler that moved it, so that what scrolled into view is measured where it ends
    document.addEventListener('focusin', () => queueMicrotask(keepClearOfFocus));
  }
  const note = h('div', { class: 'toast' }, text);
  region.append(note);
  keepClearOfFocus();
  setTimeout(() => note.remove(), SHOWN_MS);
}

function keepClearOfFocus() {
  const focused = document.activeElement;
  if (!region.firstChild || !focused || focused === document.body || region.contains(focused)) return;
  region.classList.remove('toasts-top');
  if (overlap(region.getBoundingClientRect(), focused.getBoundingClientRect())) region.classList.add('toasts-top');
}

function overlap(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
