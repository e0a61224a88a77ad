// view/typing.js — "X is typing…" for the open room, hidden a few seconds after the last typing frame.

import { t } from '../i18n.js';

import { $ } from '../dom.js';

export class TypingView {
  constructor({ state }) {
    this.state = state;
    this.el = $('#typing-indicator');
    this.timer = 0;
  }

  render() {
    clearTimeout(this.timer);
    const room = this.state.currentRoom();
    const now = Date.now();
    const names = [];
    let nextExpiry = Infinity;
    this.state.dropExpiredTyping(now);
    for (const [, t] of room?.typing ?? []) { names.push(t.nick); nextExpiry = Math.min(nextExpiry, t.until); }
    this.el.textContent = sentence(names);
    this.el.classList.toggle('active', names.length > 0);
    if (nextExpiry !== Infinity) this.timer = setTimeout(() => this.render(), nextExpiry - now + 20);
  }
}

function sentence(names) {
  if (names.length === 0) return '';
  if (names.length === 1) return t('typing.one', { a: names[0] });
  if (names.length === 2) return t('typing.two', { a: names[0], b: names[1] });
  if (names.length === 3) return t('typing.three', { a: names[0], b: names[1], c: names[2] });
  return t('typing.several');
}
