// view/message-quote.js — What a reply shows of the message it answers (a quote that jumps to it), and what a thread's root shows of its replies ("3 replies, last 5 minutes ago" with faces). Text goes into text nodes only.

import { h } from '../dom.js';
import { avatarNode } from '../avatar.js';
import { formatFull } from '../format.js';

/** What a quote says of a parent without text, by the reply's `kind` (the server's word for it). */
const WITHOUT_TEXT = { image: 'Photo', voice: 'Voice message' };
const GONE = 'The original message is gone (removed by the room\'s retention policy).';
const DELETED = 'Original message deleted.';

/**
 * The quote's text and whether the parent is missing: `kind` says what `excerpt` is (absent: the
 * parent's text; image, voice; file: excerpt is its name; deleted; gone); `gone` is the client's
 * own knowledge that retention removed it (its seq is below the room's firstSeq).
 */
export function quoteText(reply, gone = false) {
  const kind = reply.kind;
  if (gone || kind === 'gone') return { text: GONE, missing: true };
  if (kind === 'deleted') return { text: DELETED, missing: true };
  if (kind === 'file') return { text: `File ${reply.excerpt || ''}`.trim(), missing: false };
  if (WITHOUT_TEXT[kind]) return { text: WITHOUT_TEXT[kind], missing: false };
  if (reply.excerpt) return { text: reply.excerpt, missing: false };
  // A reply stored before the server said what its parent was: an empty excerpt was a deletion.
  return { text: DELETED, missing: true };
}

/**
 * The quote above a reply: the parent's author and the start of its text, or what it is (a photo,
 * a voice message, a file by its name), or that it is deleted or gone. A button: clicking it jumps
 * to the parent (replies.js).
 */
export function renderQuote(reply, { gone = false, nickOf = () => null } = {}) {
  const nick = nickOf(reply.from?.id) ?? reply.from?.nick ?? 'someone';
  const { text, missing } = quoteText(reply, gone);
  const unreachable = gone || reply.kind === 'gone';
  return h('button', {
    type: 'button',
    class: `msg-quote${missing ? ' quote-missing' : ''}`,
    'data-testid': 'message-quote',
    dataset: { replySeq: reply.seq },
    title: unreachable ? null : 'Show the original message',
    'aria-label': `Replying to ${nick}: ${text}`,
  },
  h('span', { class: 'quote-nick' }, nick),
  h('span', { class: 'quote-text', dir: 'auto' }, text));
}

/** "5 minutes ago", "yesterday"... for a thread's last reply. */
export function ago(ts, now = Date.now()) {
  const s = Math.max(0, Math.round((now - ts) / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} minute${m === 1 ? '' : 's'} ago`;
  const hours = Math.round(m / 60);
  if (hours < 24) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const d = Math.round(hours / 24);
  return d === 1 ? 'yesterday' : `${d} days ago`;
}

/** The line under a thread's root; `person(id)` is {id, nick, avatar} as known now. */
export function renderThreadSummary(root, person) {
  const r = root.replies;
  const faces = h('span', { class: 'thread-faces', 'aria-hidden': 'true' },
    ...(r.users || []).slice(-5).map((id) => avatarNode(person(id), { size: 'sm' })));
  return h('button', {
    type: 'button', class: 'thread-summary', 'data-testid': 'thread-summary', dataset: { thread: root.seq },
    title: `Last reply ${formatFull(r.lastTs)}`,
  },
  faces,
  h('span', { class: 'thread-count' }, `${r.count} ${r.count === 1 ? 'reply' : 'replies'}`),
  h('span', { class: 'thread-last' }, `last ${ago(r.lastTs)}`));
}
