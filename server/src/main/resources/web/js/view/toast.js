// view/toast.js — Brief, polite notes for errors that have no form to show them in.

import { h } from '../dom.js';

const SHOWN_MS = 5000;
let region = null;

export function toast(text) {
  if (!region) {
    region = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite', 'data-testid': 'toasts' });
    document.body.append(region);
  }
  const note = h('div', { class: 'toast' }, text);
  region.append(note);
  setTimeout(() => note.remove(), SHOWN_MS);
}
