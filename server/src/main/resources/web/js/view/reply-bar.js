// view/reply-bar.js — The quote above a composer while a message is being answered: who and what, with × (and Escape, in the composer) to cancel.

import { h } from '../dom.js';

export class ReplyBar {
  /** `form`: the composer's form (the bar goes first in it); `onCancel`: × was pressed. */
  constructor(form, onCancel) {
    this.bar = h('div', { class: 'reply-bar', 'data-testid': 'reply-bar', hidden: true, role: 'status' });
    this.onCancel = onCancel;
    form.prepend(this.bar);
  }

  /** Shows the quote of `reply` ({from, excerpt}); null hides it. */
  show(reply) {
    this.bar.hidden = !reply;
    if (!reply) { this.bar.replaceChildren(); return; }
    this.bar.replaceChildren(
      h('div', { class: 'reply-bar-text' },
        h('span', { class: 'reply-bar-label' }, 'Replying to ', h('strong', null, reply.from?.nick ?? 'someone')),
        h('span', { class: 'reply-bar-excerpt', dir: 'auto' }, reply.excerpt || '(an image)')),
      h('button', {
        type: 'button', class: 'icon-btn small reply-bar-cancel', 'data-testid': 'reply-cancel',
        'aria-label': 'Cancel the reply', title: 'Cancel the reply (Escape)', onclick: () => this.onCancel(),
      }, '×'));
  }
}
