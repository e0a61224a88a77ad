// replies.js — Answering one message among many: "Reply" in a message's actions quotes it above the composer (view/composer.js, view/reply-bar.js); a reply's quote jumps to the original in context, loading around it as search does (Sync.loadAround, State.highlightMessage).

import { inThreadOnly } from './view/timeline.js';

const HIGHLIGHT_MS = 2600;

/**
 * `openThread(root, seq)`: shows a thread's reply in its thread (threads.js), for a quote of a reply
 * the main flow does not show.
 */
export function initReplies({ state, sync, toast, composer, openThread = null }) {
  const list = document.getElementById('message-list');
  list.addEventListener('message-answer', (e) => {
    if (e.detail.action === 'reply') composer.replyTo(e.detail.msg);
  });
  list.addEventListener('click', (e) => {
    const quote = e.target.closest?.('.msg-quote');
    if (quote && list.contains(quote)) jumpTo(Number(quote.dataset.replySeq));
  });

  /** Brings message `seq` of the open room into view, marked for a moment. */
  async function jumpTo(seq) {
    const room = state.currentRoom();
    if (!room || !(seq > 0)) return;
    if (seq < room.firstSeq) { toast('The original message is gone: the room\'s retention policy removed it.'); return; }
    try {
      await sync.loadAround(room, seq);
    } catch (err) {
      if (!room.bySeq.has(seq)) {
        toast(err?.code === 'disconnected' ? 'No connection: the original message cannot be loaded now.' : 'The original message could not be loaded.');
        return;
      }
    }
    const held = room.bySeq.get(seq);
    if (!held) { toast('The original message is no longer there.'); return; }
    if (inThreadOnly(held) && openThread) { openThread(held.thread, seq); return; }
    state.highlightMessage(room.name, seq, HIGHLIGHT_MS);
  }
  return { jumpTo };
}
