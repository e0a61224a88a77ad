// replies.js — Answering one message among many: "Reply" in a message's actions quotes it above the composer (view/composer.js, view/reply-bar.js); a reply's quote opens the original in context (jump.js: loaded around it, highlighted, or in its thread when it is a thread's reply).

import { jumpToMessage } from './jump.js';
import { t } from './i18n.js';

export function initReplies({ state, sync, actions, toast, composer }) {
  const list = document.getElementById('message-list');
  list.addEventListener('message-answer', (e) => {
    if (e.detail.action === 'reply') composer.replyTo(e.detail.msg);
  });
  list.addEventListener('click', (e) => {
    const quote = e.target.closest?.('.msg-quote');
    if (quote && list.contains(quote)) jumpTo(Number(quote.dataset.replySeq));
  });

  /** Brings message `seq` of the open room into view, marked for a moment. */
  function jumpTo(seq) {
    const room = state.currentRoom();
    if (!room || !(seq > 0)) return;
    if (seq < room.firstSeq) { toast(t('quote.retention')); return; }
    jumpToMessage({ state, sync, actions, toast }, room.name, seq, {
      failed: t('quote.failed'),
      offline: t('quote.offline'),
      gone: t('quote.no-longer'),
    });
  }
  return { jumpTo };
}
