// view/message.js — Renders one event (message, notice, or our own pending message); message text goes through the Markdown render path.

import { h } from '../dom.js';
import { avatarNode } from '../avatar.js';
import { formatTime, formatFull } from '../format.js';
import { renderMarkdown } from '../markdown.js';
import { isEmojiOnly } from '../emoji/data.js';
import { renderReactions } from './reactions.js';
import { renderThumbnail } from './image-viewer.js';
import { renderLinkPreview } from './link-preview.js';
import { renderFile, formatDuration } from './file-card.js';
import { mentionTargets } from '../mention-ids.js';
import { noticeParts } from '../moderation-text.js';
import { renderQuote, renderThreadSummary } from './message-quote.js';
import { t, tParts } from '../i18n.js';

/** The notices of a room's life that have a sentence of their own: notice.<event>. */
const NOTICES = new Set(['join', 'leave', 'create', 'topic']);

/** The message body: its Markdown, sanitized (see markdown.js); `mentions` = {myNick, nicks}. */
export function renderBody(msg, mentions) {
  if (msg.deleted) {
    // A moderator's deletion says so (and who), so nobody takes it for the author's own.
    const by = msg.deletedBy && msg.deletedBy.id !== msg.from?.id ? msg.deletedBy : null;
    const text = by ? (by.nick ? t('message.deleted-by', { nick: by.nick }) : t('message.deleted-by-moderator')) : t('message.deleted');
    return h('div', { class: 'msg-text msg-deleted', 'data-testid': 'message-text' }, text);
  }
  const targets = mentions?.nickOf ? mentionTargets(msg, mentions.nickOf, mentions.myId) : null;
  const fragment = renderMarkdown(msg.text ?? '', targets ? { ...mentions, targets } : mentions);
  // ":tada:" alone is shown as 🎉 alone: large, like the emoji typed.
  const jumbo = isEmojiOnly(msg.text) || isEmojiOnly(fragment.textContent) ? ' jumbo' : '';
  return h('div', { class: `msg-text md${jumbo}`, 'data-testid': 'message-text', dir: 'auto' }, fragment);
}

/**
 * What a screen reader says for a message row, once: "Ann, 10:32: text" (the catalogue's pattern,
 * so that Chinese reads "Ann，10:32：…"), the time as shown. The text is the rendered one (Markdown
 * read as words), an attachment a short phrase; a follow-up without a visible name is still named.
 */
export function spokenName(nick, ts, body, msg) {
  const text = (body?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const thing = msg.deleted ? null : attachmentWords(msg);
  const said = text && thing ? t('message.spoken-with', { text, attachment: thing }) : text || thing || '';
  return t('message.spoken', { nick, time: formatTime(ts), text: said });
}

function attachmentWords(msg) {
  if (msg.image) return t('message.spoken-image', { name: msg.image.name || t('image.image') });
  if (msg.file?.duration != null) return t('message.spoken-voice', { duration: formatDuration(msg.file.duration) });
  if (msg.file) return t('message.spoken-file', { name: msg.file.name || t('file.file') });
  return null;
}

function timeNode(ts, className = 'msg-time') {
  return h('time', { class: className, datetime: new Date(ts).toISOString(), title: formatFull(ts) }, formatTime(ts));
}

/**
 * A message row. `cont` marks a follow-up from the same person within a few minutes: the
 * avatar and name are hidden from sight but kept for screen readers. `mentioned`: it names me.
 * The avatar and the name open the author's card (`data-user-card`). `quoteGone`: the message it
 * replies to was removed by retention; `person(id)`: who that is now, for a thread root's faces;
 * `inThread`: drawn in its thread's panel (a thread's reply in the room links to its thread instead).
 */
export function renderMessage(msg, { cont, mine, mentioned, mentions, quoteGone, person = (id) => ({ id }), inThread = false }) {
  const from = msg.from || {};
  const face = avatarNode(from);
  face.dataset.userCard = '';
  const nick = from.nick ?? t('message.unknown-author');
  const body = (msg.image || msg.file) && !msg.text && !msg.deleted ? null : renderBody(msg, mentions);
  const el = h('article', {
    class: `msg${cont ? ' cont' : ''}${mine ? ' mine' : ''}${mentioned ? ' mentioned' : ''}${msg.deleted ? ' deleted' : ''}`,
    'data-testid': 'message',
    'aria-label': spokenName(nick, msg.ts, body, msg),
    tabindex: '-1',
    dataset: { seq: msg.seq, id: msg.id ?? '', from: from.id ?? '' },
  },
  h('div', { class: 'msg-gutter' }, face, timeNode(msg.ts, 'msg-time-side')),
  h('div', { class: 'msg-main' },
    h('header', { class: 'msg-head' },
      h('button', {
        type: 'button', class: 'msg-nick', 'data-testid': 'message-nick', 'data-user-card': '', 'aria-haspopup': 'dialog',
        // The name is the author's now (people.js); the one the message was sent under stays findable.
        title: msg.sentAs ? t('message.sent-as', { nick: msg.sentAs }) : null,
      }, nick),
      timeNode(msg.ts)),
    msg.thread != null && !inThread && !msg.deleted
      ? h('button', { type: 'button', class: 'msg-in-thread', 'data-testid': 'message-in-thread', dataset: { thread: msg.thread } }, t('message.in-thread'))
      : null,
    msg.reply && !msg.deleted ? renderQuote(msg.reply, { gone: quoteGone, nickOf: (id) => person(id)?.nick }) : null,
    // The mark follows the text (on its line when there is room), so follow-ups without a header show it too.
    h('div', { class: 'msg-body' },
      body,
      msg.edited && !msg.deleted
        ? h('span', { class: 'msg-edited', 'data-testid': 'message-edited', title: t('message.edited-at', { time: formatFull(msg.edited) }) }, t('message.edited'))
        : null),
    msg.image && !msg.deleted ? renderThumbnail(msg.image) : null,
    renderLinkPreview(msg, mine),
    msg.file && !msg.deleted ? renderFile(msg.file) : null,
    renderReactions(msg),
    msg.replies?.count && !inThread ? renderThreadSummary(msg, person) : null));
  return el;
}

/** Our own message that the server has not confirmed yet (or refused). */
export function renderPending(item, me, { cont, online, mentions, onRetry, onDiscard }) {
  const failed = item.state === 'failed';
  const body = item.text || !(item.image || item.file) ? renderBody({ text: item.text }, mentions) : null;
  const status = failed
    ? h('div', { class: 'msg-status failed', 'data-testid': 'message-failed', role: 'alert' },
      h('span', null, t('message.not-sent', { error: item.error || t('message.unknown-error') })),
      h('button', { type: 'button', class: 'link-btn', 'data-testid': 'retry-button', onclick: () => onRetry(item.id) }, t('message.retry')),
      h('button', { type: 'button', class: 'link-btn', 'data-testid': 'discard-button', onclick: () => onDiscard(item.id) }, t('message.discard')))
    : h('div', { class: 'msg-status', 'data-testid': 'message-waiting' }, t(online ? 'message.sending' : 'message.waiting'));
  return h('article', {
    class: `msg mine pending${failed ? ' failed' : ''}${cont ? ' cont' : ''}`,
    'data-testid': 'message',
    'aria-label': spokenName(me?.nick ?? '', item.ts, body, item),
    'data-pending': 'true',
    dataset: { id: item.id },
  },
  h('div', { class: 'msg-gutter' }, avatarNode(me || {}), timeNode(item.ts, 'msg-time-side')),
  h('div', { class: 'msg-main' },
    h('header', { class: 'msg-head' },
      h('span', { class: 'msg-nick' }, me?.nick ?? ''),
      timeNode(item.ts)),
    item.reply ? renderQuote(item.reply) : null,
    body,
    item.image ? renderThumbnail(item.image) : null,
    item.file ? renderFile(item.file, { pending: true }) : null,
    status));
}

/** "Ann pinned a message": the words "a message" open it (view/pins-view.js handles the click). */
function pinText(ev, who) {
  const target = h('button', { type: 'button', class: 'link-button pin-target', 'data-testid': 'pin-target', dataset: { target: ev.target } }, t('notice.a-message'));
  return h('span', { class: 'notice-text' }, ...tParts(ev.on === false ? 'notice.unpinned' : 'notice.pinned', { who: h('strong', null, who), target }));
}

/** "Ann joined the room": the sentence of a room's life, with the person's name (an element) in it. */
function noticeWords(ev, who) {
  return NOTICES.has(ev.event) ? tParts(`notice.${ev.event}`, { who }) : [who, ' ', String(ev.event ?? '')];
}

/** A notice row; `nickOf(id)` names the people of a moderation notice as known now. */
export function renderNotice(ev, nickOf) {
  const who = ev.user?.nick ?? t('people.someone');
  const parts = noticeParts(ev, nickOf);
  const text = parts
    ? h('span', { class: 'notice-text' }, ...parts.map((p) => (typeof p === 'string' ? p : h('strong', null, p.who))))
    : ev.event === 'pin' ? pinText(ev, who)
    : h('span', { class: 'notice-text' }, ...noticeWords(ev, h('strong', { title: ev.sentAs ? t('notice.then-named', { nick: ev.sentAs }) : null }, who)));
  return h('div', {
    class: `notice notice-${ev.event}`,
    'data-testid': 'notice',
    dataset: { seq: ev.seq, event: ev.event ?? '' },
  },
  text,
  ' ',
  timeNode(ev.ts, 'notice-time'));
}

/** Several joins and leaves in a row, as one line: "ann, bob and 4 others joined · cy left". */
export function renderNoticeRun(run) {
  const parts = [];
  for (const kind of ['join', 'leave']) {
    const names = [...new Set(run.filter((ev) => ev.event === kind).map((ev) => ev.user?.nick ?? t('people.someone')))];
    if (!names.length) continue;
    const shown = names.length > 3 ? names.slice(0, 2) : names;
    const rest = names.length - shown.length;
    const strong = shown.map((name) => h('strong', null, name));
    const list = (nodes) => h('span', null, ...nodes.flatMap((node, i) => (i ? [t('people.list-separator'), node] : [node])));
    const who = rest ? h('span', null, ...tParts('notice.and-others', { list: list(strong), count: rest }))
      : strong.length > 1 ? h('span', null, ...tParts('people.list-and', { list: list(strong.slice(0, -1)), last: strong[strong.length - 1] }))
        : strong[0];
    parts.push(h('span', null, ...tParts(kind === 'join' ? 'notice.run-joined' : 'notice.run-left', { who })));
  }
  const last = run[run.length - 1];
  const everyone = run.map((ev) => t(ev.event === 'join' ? 'notice.run-joined' : 'notice.run-left', { who: ev.user?.nick ?? t('people.someone') })).join('\n');
  const line = [];
  parts.forEach((part, i) => { if (i) line.push(' · '); line.push(part); });
  return h('div', {
    class: 'notice notice-run',
    'data-testid': 'notice',
    dataset: { seq: last.seq, from: run[0].seq, event: 'run' },
    title: everyone,
  },
  h('span', { class: 'notice-text' }, ...line),
  ' ',
  timeNode(last.ts, 'notice-time'));
}

export function renderDay(label) {
  return h('div', { class: 'day-sep', role: 'separator', 'aria-label': label, 'data-testid': 'day-separator' },
    h('span', null, label));
}
