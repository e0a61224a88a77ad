// markdown.js — The one render path for user text: Markdown (marked) → sanitized DOM (DOMPurify with an explicit allow-list) → mentions and code blocks.

import { Marked, DOMPurify } from './vendor.js';
import { enhanceCodeBlock } from './code-block.js';
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

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The href to write for a link, or null when it must be shown as text. */
function linkTarget(href) {
  if (!href || !LINK_SCHEME.test(href)) return null;
  try {
    return escapeHtml(encodeURI(href).replace(/%25/g, '%'));
  } catch {
    return null;
  }
}

const md = new Marked({ gfm: true, breaks: true, async: false });
md.use({
  tokenizer: {
    // Raw HTML is not markup in a chat message: "<b>" shows as typed (marked then escapes it as text).
    html() { return undefined; },
    tag() { return undefined; },
  },
  renderer: {
    // Chat, not a document: a heading is a bold line, not a landmark in the page outline.
    heading({ tokens }) {
      return `<p><strong>${this.parser.parseInline(tokens)}</strong></p>\n`;
    },
    link({ href, title, tokens }) {
      const text = this.parser.parseInline(tokens);
      const target = linkTarget(href);
      if (!target) return text;
      return `<a href="${target}"${title ? ` title="${escapeHtml(title)}"` : ''}>${text}</a>`;
    },
    // No remote images, ever: an image becomes a link to it (or its text, for a URL we do not link).
    image({ href, title, text }) {
      const label = escapeHtml(text || href || '');
      const target = linkTarget(href);
      if (!target) return label;
      return `<a href="${target}"${title ? ` title="${escapeHtml(title)}"` : ''}>${label || target}</a>`;
    },
    checkbox({ checked }) {
      return checked ? '☑ ' : '☐ ';
    },
  },
});

/** Markdown → sanitized fragment, before mentions and code blocks; null if it could not be parsed. */
function parse(text, inline) {
  if (!DOMPurify.isSupported) return null;
  let html;
  try {
    html = inline ? md.parseInline(text) : md.parse(text);
  } catch (err) {
    console.error('parley: markdown failed', err);
    return null;
  }
  const fragment = DOMPurify.sanitize(html, PURIFY);
  for (const a of fragment.querySelectorAll('a:not([href])')) a.replaceWith(...a.childNodes);
  return fragment;
}

function plain(text) {
  const fragment = document.createDocumentFragment();
  fragment.append(text);
  return fragment;
}

/**
 * A message's text as a block fragment: paragraphs, lists, quotes, tables, links, highlighted
 * code blocks and mentions. `opts = {myNick, nicks}`: nicks is a Set of known nicknames.
 */
export function renderMarkdown(text, opts = {}) {
  const fragment = parse(String(text ?? ''), false);
  if (!fragment) return plain(text ?? '');
  markMentions(fragment, opts);
  for (const pre of fragment.querySelectorAll('pre')) enhanceCodeBlock(pre);
  return fragment;
}

/** One line of user text (a topic, a preview): emphasis, inline code, links and mentions, no blocks. */
export function renderInline(text, opts = {}) {
  const fragment = parse(String(text ?? ''), true);
  if (!fragment) return plain(text ?? '');
  markMentions(fragment, opts);
  return fragment;
}

/**
 * Does this text mention myNick where renderMarkdown would highlight it (never inside code or a
 * link)? Pass the same nicks as to renderMarkdown so that "@ann lee" is not taken for "@ann".
 */
export function mentionsMe(text, myNick, nicks) {
  if (!text || !myNick || !String(text).toLowerCase().includes(`@${myNick.toLowerCase()}`)) return false;
  const fragment = parse(String(text), false);
  return !!fragment && mentionsIn(fragment, { myNick, nicks }).some(({ found }) => found.some((m) => m.me));
}

// ---------- Mentions ----------

/** A character that continues a nickname (or a word): "@ann" does not mention ann inside "@annie". */
const WORD_CHAR = /[\p{L}\p{N}_]/u;
/** What may not stand right before the @ of a mention: "bob@ann" is an address, not a mention. */
const NOT_BEFORE = /[\p{L}\p{N}_.+\-@]/u;

/** Known nicknames, longest first, so the longest one that matches wins. */
function candidates({ myNick, nicks }) {
  const all = new Set(nicks ?? []);
  if (myNick) all.add(myNick);
  return [...all].filter(Boolean).sort((a, b) => b.length - a.length).map((nick) => ({ nick, lower: nick.toLowerCase() }));
}

/** The mentions in one string: [{start, end, nick, me}]. */
function findMentions(str, list, myLower) {
  const found = [];
  for (let i = str.indexOf('@'); i >= 0; i = str.indexOf('@', i + 1)) {
    if (i > 0 && NOT_BEFORE.test(str[i - 1])) continue;
    for (const { nick, lower } of list) {
      const end = i + 1 + nick.length;
      if (str.slice(i + 1, end).toLowerCase() !== lower) continue;
      if (end < str.length && WORD_CHAR.test(str[end])) continue;
      found.push({ start: i, end, nick, me: lower === myLower });
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
    const found = findMentions(node.data, list, opts.myNick?.toLowerCase());
    if (found.length) hits.push({ node, found });
  }
  return hits;
}

function markMentions(root, opts) {
  if (!opts.myNick && !opts.nicks?.size) return;
  for (const { node, found } of mentionsIn(root, opts)) {
    const parts = [];
    let at = 0;
    for (const m of found) {
      if (m.start > at) parts.push(node.data.slice(at, m.start));
      parts.push(h('span', { class: m.me ? 'mention mention-me' : 'mention', 'data-nick': m.nick }, node.data.slice(m.start, m.end)));
      at = m.end;
    }
    if (at < node.data.length) parts.push(node.data.slice(at));
    node.replaceWith(...parts);
  }
}
