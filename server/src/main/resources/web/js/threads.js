// threads.js — Threads: "Reply in thread" and a root's "3 replies" open the thread beside the room (view/thread-panel.js); its page comes from `history` with `thread`, and live replies and the root's changes from the room's own log, where they arrive like every event. A search result or a quote that is a thread's reply opens its thread.

import { TOPIC } from './topics.js';
import { ThreadPanel } from './view/thread-panel.js';
import { mentionOptions } from './mentions.js';
import { onMarkdownChange } from './markdown.js';
import { MessageActions } from './view/message-actions.js';
import { t } from './i18n.js';
import { errorSentence } from './i18n/errors.js';

/** The most replies one page of a thread asks for (the server's bound). */
const PAGE = 200;

/** `changes`: Sync's (edits, deletions, reactions), for the actions on the panel's rows. */
export function initThreads({ state, conn, actions, toast, changes }) {
  const list = document.getElementById('message-list');
  /** The open thread: {room, root, fetched: Map seq → event, loading, highlight}. */
  let open = null;

  const panel = new ThreadPanel({
    onSend: (text, alsoInRoom) => {
      if (!open || state.current !== open.room) return t('thread.not-open');
      return actions.sendMessage(text, [], { thread: open.root, alsoInRoom });
    },
    onClose: () => close(),
    onRetry: (id) => actions.retry(id),
    onDiscard: (id) => actions.discard(id),
  });

  // The rows of the panel offer what the room's rows do (react, reply, edit, delete, pin, save...),
  // found among the thread's fetched pages as well as the room's log.
  const find = (roomName, seq) => {
    const held = state.room(roomName)?.bySeq.get(seq);
    const fetched = open && open.room === roomName ? open.fetched.get(seq) : null;
    return !fetched || (held && (held.rev ?? 0) >= (fetched.rev ?? 0)) ? held : fetched;
  };
  if (changes) new MessageActions({ state, list: panel.list, composer: panel.input, changes, toast, find });
  // "Reply" on a row of the thread quotes it in the room's composer (replies.js).
  panel.list.addEventListener('message-answer', (e) => {
    if (e.detail.action === 'reply') list.dispatchEvent(new CustomEvent('message-answer', { detail: e.detail }));
  });

  async function show(root, highlight = null) {
    const room = state.currentRoom();
    if (!room) return;
    open = { room: room.name, root, fetched: new Map(), loading: true, highlight };
    const mine = open;
    panel.show();
    draw();
    try {
      let after = null;
      for (let page = 0; page < 10; page++) {
        const reply = await conn.request({ type: 'history', room: room.name, thread: root, limit: PAGE, ...(after ? { after } : {}) });
        if (open !== mine) return;
        if (Array.isArray(reply?.authors)) state.peopleSeen(reply.authors);
        for (const ev of reply.events || []) keep(mine.fetched, ev);
        const events = reply.events || [];
        if (!reply.more || events.length < 2) break;
        after = events[events.length - 1].seq;
      }
    } catch (err) {
      if (open === mine) toast(err?.code === 'not_found' ? t('thread.gone') : errorSentence(err, 'thread.failed'), { error: true });
    }
    if (open === mine) { mine.loading = false; draw(); }
  }

  function close() {
    open = null;
    panel.hide();
  }

  /** The thread as known: fetched pages, then what the room's log holds (newer revs win). */
  function draw() {
    if (!open) return;
    const room = state.room(open.room);
    if (!room) { close(); return; }
    const all = new Map(open.fetched);
    for (const ev of room.events) if (ev.seq === open.root || ev.thread === open.root) keep(all, ev);
    const root = all.get(open.root) ?? null;
    const replies = [...all.values()].filter((ev) => ev.seq !== open.root).sort((a, b) => a.seq - b.seq);
    const pending = actions.outbox.forRoom(room.name).filter((item) => item.thread === open.root);
    const person = (id) => state.people.current({ id, nick: state.people.nick(id) ?? '' });
    panel.render(root, replies.map((ev) => state.people.shown(ev)), pending,
      { state, room, mentions: mentionOptions(state, room), person, highlight: open.highlight, loading: open.loading });
    // Read up to its newest reply: view/threads-view.js keeps the thread's marker.
    const last = replies[replies.length - 1];
    if (!open.loading && last && document.visibilityState === 'visible') {
      document.dispatchEvent(new CustomEvent('thread-seen', { detail: { room: room.name, root: open.root, seq: last.seq } }));
    }
  }

  list.addEventListener('message-answer', (e) => {
    if (e.detail.action === 'thread') show(e.detail.msg.seq);
  });
  list.addEventListener('click', (e) => {
    const summary = e.target.closest?.('.thread-summary, .msg-in-thread');
    if (summary && list.contains(summary)) show(Number(summary.dataset.thread));
  });
  // A search result or a quote that is a thread's reply: shown in its thread.
  document.addEventListener('open-thread', (e) => {
    if (e.detail.room === state.current) show(e.detail.root, e.detail.seq);
  });
  state.on(TOPIC.LOG, () => {
    if (open && state.current !== open.room) close();
    else draw();
  });
  onMarkdownChange(() => { if (open) draw(); });
  document.addEventListener('visibilitychange', () => { if (open && !panel.el.hidden) draw(); });

}

function keep(map, ev) {
  const held = map.get(ev.seq);
  if (!held || (ev.rev ?? 0) >= (held.rev ?? 0)) map.set(ev.seq, ev);
}
