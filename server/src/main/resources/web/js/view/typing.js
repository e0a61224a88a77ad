// view/typing.js — "X is typing…" for the open room, hidden a few seconds after the last typing frame.

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
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
  return 'Several people are typing…';
}
