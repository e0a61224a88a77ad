// view/reply-bar.js — The quote above a composer while a message is being answered: who and what, with × (and Escape, in the composer) to cancel.

import { h } from '../dom.js';
import { t, tParts } from '../i18n.js';

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
        h('span', { class: 'reply-bar-label' }, ...tParts('reply.to', { who: h('strong', null, reply.from?.nick ?? t('people.someone')) })),
        h('span', { class: 'reply-bar-excerpt', dir: 'auto' }, reply.excerpt || t('reply.an-image'))),
      h('button', {
        type: 'button', class: 'icon-btn small reply-bar-cancel', 'data-testid': 'reply-cancel',
        'aria-label': t('reply.cancel'), title: t('reply.cancel-key'), onclick: () => this.onCancel(),
      }, '×'));
  }
}
