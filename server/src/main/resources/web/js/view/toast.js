// view/toast.js — Brief notes for what has no form to show it in. A note that reports an error is an
// alert (read out at once); any other is a polite status. Both regions are in the page before their
// first note, since a live region added with its text is not always read. A note never hides what
// has the keyboard's focus (WCAG 2.2 "focus not obscured"): when the focused control is under the
// notes, they move to the top of the screen until the focus moves away from there.

import { h } from '../dom.js';

const SHOWN_MS = 5000;
let box = null;
let notices = null;
let alerts = null;

function regions() {
  if (box) return;
  notices = h('div', { class: 'toast-list', role: 'status', 'aria-live': 'polite' });
  alerts = h('div', { class: 'toast-list', role: 'alert' });
  box = h('div', { class: 'toasts', 'data-testid': 'toasts' }, alerts, notices);
  document.body.append(box);
  // after the focus handler that moved it, so that what scrolled into view is measured where it ends
  document.addEventListener('focusin', () => queueMicrotask(keepClearOfFocus));
}

if (typeof document !== 'undefined' && document.body) regions();

/** Shows `text` (a string or a node) for a few seconds; `{error: true}` when it says something failed. */
export function toast(text, { error = false } = {}) {
  regions();
  const note = h('div', { class: `toast${error ? ' toast-error' : ''}`, 'data-testid': error ? 'toast-error' : 'toast' }, text);
  (error ? alerts : notices).append(note);
  keepClearOfFocus();
  setTimeout(() => note.remove(), SHOWN_MS);
}

function keepClearOfFocus() {
  const focused = document.activeElement;
  if (!box.querySelector('.toast') || !focused || focused === document.body || box.contains(focused)) return;
  box.classList.remove('toasts-top');
  if (overlap(box.getBoundingClientRect(), focused.getBoundingClientRect())) box.classList.add('toasts-top');
}

function overlap(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
