// view/typing.js — "X is typing…" for the open room, hidden a few seconds after the last typing frame.
// The line is a polite status that a screen reader reads at each change: its sentence changes at
// most once every THROTTLE_MS (people starting and stopping meanwhile make one change, to the
// sentence true at the end of the wait), and it is emptied at once when nobody types any more.

import { t } from '../i18n.js';

import { $ } from '../dom.js';

/** The least time between two sentences of the typing line. */
export const THROTTLE_MS = 3000;

export class TypingView {
  constructor({ state }) {
    this.state = state;
    this.el = $('#typing-indicator');
    this.timer = 0;
    /** Date.now() of the last sentence shown, and the timer of the change waiting for its turn. */
    this.changedAt = -Infinity;
    this.waiting = 0;
  }

  render() {
    clearTimeout(this.timer);
    const room = this.state.currentRoom();
    const now = Date.now();
    const names = [];
    let nextExpiry = Infinity;
    this.state.dropExpiredTyping(now);
    for (const [, t] of room?.typing ?? []) { names.push(t.nick); nextExpiry = Math.min(nextExpiry, t.until); }
    this.show(sentence(names), now);
    if (nextExpiry !== Infinity) this.timer = setTimeout(() => this.render(), nextExpiry - now + 20);
  }

  show(text, now) {
    if (text === this.el.textContent) { this.cancelWaiting(); return; }
    if (text && now - this.changedAt < THROTTLE_MS) {
      // the sentence is worked out again when its turn comes, so it is the one true then
      this.waiting ||= setTimeout(() => { this.waiting = 0; this.render(); }, this.changedAt + THROTTLE_MS - now);
      return;
    }
    this.cancelWaiting();
    this.el.textContent = text;
    this.el.classList.toggle('active', !!text);
    if (text) this.changedAt = now;
  }

  cancelWaiting() {
    clearTimeout(this.waiting);
    this.waiting = 0;
  }
}

function sentence(names) {
  if (names.length === 0) return '';
  if (names.length === 1) return t('typing.one', { a: names[0] });
  if (names.length === 2) return t('typing.two', { a: names[0], b: names[1] });
  if (names.length === 3) return t('typing.three', { a: names[0], b: names[1], c: names[2] });
  return t('typing.several');
}
