// markdown.js — The one render path for user text: Markdown parsed off the main thread (js/markdown-queue.js, its worker and js/markdown-html.js) → sanitized DOM (DOMPurify with an explicit allow-list) → mentions, real link hosts and code blocks. Text not parsed yet, or too slow to parse, is shown as typed.

import { DOMPurify } from './vendor.js';
import { t } from './i18n.js';
import { markdownQueue } from './markdown-queue.js';
import { enhanceCodeBlock } from './code-block.js';
import { showLinkHosts } from './link-hosts.js';
import { h } from './dom.js';

/** Everything the renderer below may produce; anything else is dropped by the sanitizer. */
const ALLOWED_TAGS = ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'hr',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span'];
const ALLOWED_ATTR = ['href', 'title', 'class', 'start', 'align'];
/** Links may go to the web or to a mail client, nowhere else (no javascript:, data:, relative or app URLs). */
const LINK_SCHEME = /^(?:https?|mailto):/i;
/** What the sanitizer strips before judging a URL, as browsers ignore it inside a scheme. */
const URL_IGNORED = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g;
/** Class names the renderer and highlight.js use; a class from anywhere else is dropped. */
const CLASS_ALLOWED = /^(?:hljs(?:-[\w-]+)?|language-[\w+#.-]+|[a-z]+_+)$/;

const PURIFY = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOWED_URI_REGEXP: LINK_SCHEME,
  ADD_URI_SAFE_ATTR: ['start', 'align'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  RETURN_DOM_FRAGMENT: true,
};

DOMPurify.addHook('uponSanitizeAttribute', (node, data) => {
  if (data.attrName !== 'class') return;
  const kept = data.attrValue.split(/\s+/).filter((c) => CLASS_ALLOWED.test(c));
  if (kept.length) data.attrValue = kept.join(' ');
  else data.keepAttr = false;
});

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName !== 'A') return;
  const href = node.getAttribute('href');
  if (href && LINK_SCHEME.test(href.replace(URL_IGNORED, ''))) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  } else {
    node.removeAttribute('href');
  }
});

/** Sanitized fragments kept, by result (least recently used first): renderMarkdown clones one. */
const KEEP_SANITIZED = 300;
/** presanitize works in slices this long, so that the page keeps answering meanwhile. */
const SLICE_MS = 8;

const sanitized = new Map();

/** A result's sanitized fragment, kept for the next time (the same text is shown again on every rebuild). */
function sanitizedFor(result) {
  let fragment = sanitized.get(result);
  if (fragment) {
    sanitized.delete(result);
  } else {
    fragment = DOMPurify.sanitize(result.html, PURIFY);
    for (const a of fragment.querySelectorAll('a:not([href])')) a.replaceWith(...a.childNodes);
  }
  sanitized.set(result, fragment);
  if (sanitized.size > KEEP_SANITIZED) sanitized.delete(sanitized.keys().next().value);
  return fragment;
}

/**
 * Sanitizes the parsed Markdown of these texts ahead of showing them, a slice at a time: a page of
 * long messages is then shown in one short task instead of one long one.
 */
export async function presanitize(texts) {
  if (!DOMPurify.isSupported) return;
  let slice = performance.now();
  for (const text of texts.slice(-KEEP_SANITIZED)) {
    const result = markdownQueue.get(String(text ?? ''), false);
    if (!result?.html || sanitized.has(result)) continue;
    if (performance.now() - slice > SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve));
      slice = performance.now();
    }
    sanitizedFor(result);
  }
}

/** What the note under a text shown as typed says, by the reason (none while it is being parsed). */
const PLAIN_NOTES = new Set(['slow-for-now', 'slow', 'links', 'large', 'failed']);

/** Resolves once these texts' Markdown is known (parsed in the worker, or judged to be shown as typed). */
export function prepare(texts, inline = false) {
  return Promise.all(texts.map((text) => markdownQueue.parse(String(text ?? ''), inline))).then(() => undefined);
}

/**
 * What is known of a text's Markdown: undefined while it is being parsed, else an object that
 * stays the same until the result changes (`final` false: it may still change). Views compare it
 * to rebuild what they showed too early; onMarkdownChange says when to look.
 */
export function markdownResult(text, inline = false) {
  return markdownQueue.get(String(text ?? ''), inline);
}

export function onMarkdownChange(fn) {
  markdownQueue.onChange(fn);
}

/** A text's sanitized fragment, or the text as typed (asking the worker for it when unknown). */
function fragmentOf(text, inline) {
  const result = markdownQueue.get(text, inline);
  if (!result) markdownQueue.parse(text, inline);
  if (!result || result.plain || !DOMPurify.isSupported) return plain(text, inline, result?.final === false ? `${result.plain}-for-now` : result?.plain);
  return sanitizedFor(result).cloneNode(true);
}

function plain(text, inline, why) {
  const fragment = document.createDocumentFragment();
  if (inline) {
    fragment.append(text);
    return fragment;
  }
  fragment.append(h('p', { class: 'md-plain' }, text));
  if (PLAIN_NOTES.has(why)) fragment.append(h('p', { class: 'md-plain-note', 'data-testid': 'markdown-plain-note' }, t(`markdown.${why}`)));
  return fragment;
}

/**
 * A message's text as a block fragment: paragraphs, lists, quotes, tables, links (with their real
 * host where the text names another), highlighted code blocks and mentions; the text as typed
 * until the worker has parsed it. `opts = {myNick, nicks}`: nicks is a Set of known nicknames.
 */
export function renderMarkdown(text, opts = {}) {
  const fragment = fragmentOf(String(text ?? ''), false);
  markMentions(fragment, opts);
  showLinkHosts(fragment);
  for (const pre of fragment.querySelectorAll('pre')) enhanceCodeBlock(pre);
  return fragment;
}

/** One line of user text (a topic, a preview): emphasis, inline code, links and mentions, no blocks. */
export function renderInline(text, opts = {}) {
  const fragment = fragmentOf(String(text ?? ''), true);
  markMentions(fragment, opts);
  showLinkHosts(fragment);
  return fragment;
}

function mayMention(text, myNick) {
  return !!text && !!myNick && String(text).toLowerCase().includes(`@${myNick.toLowerCase()}`);
}

/**
 * Does this text mention myNick where renderMarkdown would highlight it (never inside code or a
 * link)? Pass the same nicks as to renderMarkdown so that "@ann lee" is not taken for "@ann".
 * Waits for the text's Markdown; mentionsMeNow answers from what is known, false meanwhile.
 */
export async function mentionsMe(text, myNick, nicks) {
  if (!mayMention(text, myNick)) return false;
  await markdownQueue.parse(String(text), false, { final: true });
  return mentionsMeNow(text, myNick, nicks);
}

export function mentionsMeNow(text, myNick, nicks) {
  if (!mayMention(text, myNick) || !markdownQueue.get(String(text), false)) return false;
  const fragment = fragmentOf(String(text), false);
  return mentionsIn(fragment, { myNick, nicks }).some(({ found }) => found.some((m) => m.me));
}

// ---------- Mentions ----------

/** A character that continues a nickname (or a word): "@ann" does not mention ann inside "@annie". */
const WORD_CHAR = /[\p{L}\p{N}_]/u;
/** What may not stand right before the @ of a mention: "bob@ann" is an address, not a mention. */
const NOT_BEFORE = /[\p{L}\p{N}_.+\-@]/u;

/** At most this many mentions are marked in one text: the rest stay text (a wall of "@ann" is not worth a span each). */
const MAX_MARKED_MENTIONS = 100;

/**
 * Known nicknames by length, longest first (the longest one that matches wins), each length a Map
 * from the lower-case nick to the nick: a mention costs one look-up per length, not one per nick.
 */
function candidates({ myNick, nicks, targets }) {
  const byLength = new Map();
  for (const nick of [...(nicks ?? []), myNick, ...[...(targets?.values() ?? [])].map((t) => t.written)]) {
    if (!nick) continue;
    if (!byLength.has(nick.length)) byLength.set(nick.length, new Map());
    const same = byLength.get(nick.length);
    if (!same.has(nick.toLowerCase())) same.set(nick.toLowerCase(), nick);
  }
  return [...byLength].sort((a, b) => b[0] - a[0]);
}

/**
 * The mentions in one string: [{start, end, nick, me, target?}]. With `targets` (a message that
 * carries its mentions by user id, see mention-ids.js) only those name me, and only by id.
 */
function findMentions(str, list, myLower, targets) {
  const found = [];
  for (let i = str.indexOf('@'); i >= 0; i = str.indexOf('@', i + 1)) {
    if (i > 0 && NOT_BEFORE.test(str[i - 1])) continue;
    for (const [length, nicks] of list) {
      const end = i + 1 + length;
      const lower = str.slice(i + 1, end).toLowerCase();
      if (!nicks.has(lower) || (end < str.length && WORD_CHAR.test(str[end]))) continue;
      const target = targets?.get(lower);
      found.push({ start: i, end, nick: nicks.get(lower), me: targets ? !!target?.me : lower === myLower, target });
      i = end - 1;
      break;
    }
  }
  return found;
}

/** Text nodes outside code and links that hold mentions: [{node, found}]. */
function mentionsIn(root, opts) {
  const hits = [];
  let list = null;
  const walker = (root.ownerDocument || document).createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.includes('@') || node.parentElement?.closest('code, pre, a')) continue;
    list ??= candidates(opts);
    const found = findMentions(node.data, list, opts.myNick?.toLowerCase(), opts.targets);
    if (found.length) hits.push({ node, found });
  }
  return hits;
}

function markMentions(root, opts) {
  if (!opts.myNick && !opts.nicks?.size && !opts.targets) return;
  let left = MAX_MARKED_MENTIONS;
  for (const { node, found } of mentionsIn(root, opts)) {
    if (left <= 0) break;
    const parts = [];
    let at = 0;
    for (const m of found.slice(0, left)) {
      if (m.start > at) parts.push(node.data.slice(at, m.start));
      parts.push(m.target ? mentionOf(m.target, node.data.slice(m.start, m.end)) : h('span', { class: m.me ? 'mention mention-me' : 'mention', 'data-nick': m.nick }, node.data.slice(m.start, m.end)));
      at = m.end;
    }
    if (at < node.data.length) parts.push(node.data.slice(at));
    left -= found.length;
    node.replaceWith(...parts);
  }
}

/** A mention by user id: the person's name now (as written while it is still theirs), opening their card on click. */
function mentionOf(target, asWritten) {
  const same = target.name.toLowerCase() === target.written.toLowerCase();
  return h('span', {
    class: target.me ? 'mention mention-me' : 'mention', 'data-nick': target.name, 'data-user-id': target.id,
    'data-user-card': '', 'data-testid': 'mention', role: 'button', tabindex: '0', 'aria-haspopup': 'dialog',
    title: same ? null : t('markdown.written-as', { name: `@${target.written}` }),
  }, same ? asWritten : `@${target.name}`);
}
