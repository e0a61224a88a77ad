// view/message-quote.js — What a reply shows of the message it answers (a quote that jumps to it), and what a thread's root shows of its replies ("3 replies, last 5 minutes ago" with faces). Text goes into text nodes only.

import { h } from '../dom.js';
import { avatarNode } from '../avatar.js';
import { formatFull, ago } from '../format.js';
import { t } from '../i18n.js';

/** What a quote says of a parent without text, by the reply's `kind` (the server's word for it). */
const WITHOUT_TEXT = { image: 'quote.photo', voice: 'quote.voice' };

/**
 * The quote's text and whether the parent is missing: `kind` says what `excerpt` is (absent: the
 * parent's text; image, voice; file: excerpt is its name; deleted; gone); `gone` is the client's
 * own knowledge that retention removed it (its seq is below the room's firstSeq).
 */
export function quoteText(reply, gone = false) {
  const kind = reply.kind;
  if (gone || kind === 'gone') return { text: t('quote.gone'), missing: true };
  if (kind === 'deleted') return { text: t('quote.deleted'), missing: true };
  if (kind === 'file') return { text: t('quote.file', { name: reply.excerpt || '' }).trim(), missing: false };
  if (WITHOUT_TEXT[kind]) return { text: t(WITHOUT_TEXT[kind]), missing: false };
  if (reply.excerpt) return { text: reply.excerpt, missing: false };
  // A reply stored before the server said what its parent was: an empty excerpt was a deletion.
  return { text: t('quote.deleted'), missing: true };
}

/**
 * The quote above a reply: the parent's author and the start of its text, or what it is (a photo,
 * a voice message, a file by its name), or that it is deleted or gone. A button: clicking it jumps
 * to the parent (replies.js).
 */
export function renderQuote(reply, { gone = false, nickOf = () => null } = {}) {
  const nick = nickOf(reply.from?.id) ?? reply.from?.nick ?? t('quote.someone');
  const { text, missing } = quoteText(reply, gone);
  const unreachable = gone || reply.kind === 'gone';
  return h('button', {
    type: 'button',
    class: `msg-quote${missing ? ' quote-missing' : ''}`,
    'data-testid': 'message-quote',
    dataset: { replySeq: reply.seq },
    title: unreachable ? null : t('quote.show'),
    'aria-label': t('quote.label', { who: nick, text }),
  },
  h('span', { class: 'quote-nick' }, nick),
  h('span', { class: 'quote-text', dir: 'auto' }, text));
}

/** The line under a thread's root; `person(id)` is {id, nick, avatar} as known now. */
export function renderThreadSummary(root, person) {
  const r = root.replies;
  const faces = h('span', { class: 'thread-faces', 'aria-hidden': 'true' },
    ...(r.users || []).slice(-5).map((id) => avatarNode(person(id), { size: 'sm' })));
  return h('button', {
    type: 'button', class: 'thread-summary', 'data-testid': 'thread-summary', dataset: { thread: root.seq },
    title: t('quote.last-reply', { time: formatFull(r.lastTs) }),
  },
  faces,
  h('span', { class: 'thread-count' }, t('threads.replies', { count: r.count })),
  h('span', { class: 'thread-last' }, t('threads.last', { ago: ago(r.lastTs) })));
}
