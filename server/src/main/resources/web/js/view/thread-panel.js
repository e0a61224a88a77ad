// view/thread-panel.js — A thread beside the room (full screen on a phone): its root, its replies and a composer of its own with "Also send to #room". It draws what threads.js hands it; the root's text when it was deleted says so, and its replies stay readable.

import { h } from '../dom.js';
import { renderMessage, renderPending } from './message.js';
import { roomLabel } from '../direct.js';
import { t } from '../i18n.js';

export class ThreadPanel {
  /** `onSend(text, alsoInRoom)` returns an error sentence or null; `onClose()`; `onRetry`/`onDiscard` as the timeline's. */
  constructor({ onSend, onClose, onRetry, onDiscard }) {
    Object.assign(this, { onSend, onClose, onRetry, onDiscard });
    this.list = h('div', { class: 'thread-list', 'data-testid': 'thread-list', role: 'log', 'aria-label': t('thread.title') });
    this.title = h('p', { class: 'thread-where' });
    this.input = h('textarea', {
      class: 'thread-input', 'data-testid': 'thread-composer', rows: 2, 'aria-label': t('thread.reply-label'), placeholder: t('thread.reply-placeholder'),
    });
    this.also = h('input', { type: 'checkbox', 'data-testid': 'thread-also' });
    this.alsoLabel = h('span', null, t('thread.also-room'));
    this.error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'thread-error' });
    const form = h('form', { class: 'thread-composer', novalidate: true },
      this.input,
      h('div', { class: 'thread-composer-row' },
        h('label', { class: 'thread-also' }, this.also, this.alsoLabel),
        h('button', { type: 'submit', class: 'btn btn-primary btn-small', 'data-testid': 'thread-send' }, t('thread.send'))),
      this.error);
    form.addEventListener('submit', (e) => { e.preventDefault(); this.submit(); });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); this.submit(); }
      if (e.key === 'Escape') { e.preventDefault(); this.onClose(); }
    });
    this.el = h('aside', { class: 'thread-panel', 'data-testid': 'thread-panel', hidden: true, 'aria-label': t('thread.title') },
      h('header', { class: 'thread-head' },
        h('div', null, h('h2', { class: 'thread-title' }, t('thread.title')), this.title),
        h('button', {
          type: 'button', class: 'icon-btn thread-close', 'data-testid': 'thread-close', 'aria-label': t('thread.close'), title: t('thread.close-key'),
          onclick: () => this.onClose(),
        }, '×')),
      this.list,
      form);
    document.body.append(this.el);
  }

  get isOpen() { return !this.el.hidden; }

  show() {
    this.el.hidden = false;
    this.input.value = '';
    this.also.checked = false;
    this.error.textContent = '';
    this.input.focus();
  }

  hide() { this.el.hidden = true; }

  submit() {
    const text = this.input.value;
    if (!text.trim()) return;
    const problem = this.onSend(text, this.also.checked);
    if (problem) { this.error.textContent = problem; return; }
    this.input.value = '';
    this.error.textContent = '';
    this.input.focus();
  }

  /**
   * Draws the thread: `root` (null while loading), `replies` ascending, `pending` our replies not
   * yet confirmed; `ctx` = {state, room, mentions, person, highlight (a seq to bring into view)}.
   */
  render(root, replies, pending, { state, room, mentions, person, highlight, loading }) {
    const label = roomLabel(state, room);
    this.title.textContent = label;
    this.alsoLabel.textContent = t('thread.also', { room: label });
    const me = state.me;
    const rows = [];
    if (!root) {
      rows.push(h('p', { class: 'thread-note', role: 'status' }, loading ? t('thread.loading') : t('thread.load-failed')));
    } else if (root.deleted) {
      rows.push(h('p', { class: 'thread-note thread-root-deleted', 'data-testid': 'thread-root-deleted' }, t('threads.root-deleted')));
    } else {
      rows.push(renderMessage(root, { cont: false, mine: root.from?.id === me?.id, mentioned: false, mentions, person, inThread: true }));
    }
    const count = root?.replies?.count ?? replies.length;
    rows.push(h('div', { class: 'thread-count-line', 'data-testid': 'thread-count' }, t('threads.replies', { count })));
    for (const ev of replies) {
      const row = renderMessage(ev, { cont: false, mine: ev.from?.id === me?.id, mentioned: false, mentions, person, inThread: true });
      if (ev.seq === highlight) row.classList.add('search-flash');
      rows.push(row);
    }
    for (const item of pending) rows.push(renderPending(item, me, { cont: false, online: true, mentions, onRetry: this.onRetry, onDiscard: this.onDiscard }));
    const atEnd = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 40;
    this.list.replaceChildren(...rows);
    this.list.dispatchEvent(new Event('timeline-rendered')); // the rows' actions follow them (message-actions.js)
    const target = highlight ? this.list.querySelector('.search-flash') : null;
    if (target) target.scrollIntoView({ block: 'center' });
    else if (atEnd || pending.length) this.list.scrollTop = this.list.scrollHeight;
  }
}
