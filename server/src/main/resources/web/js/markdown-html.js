// markdown-html.js — Message text to an HTML string, inside the Markdown worker (js/markdown-worker.js): marked with Parley's rules and code blocks highlighted by highlight.js. Its output is untrusted until js/markdown.js sanitizes it.

import { Marked, HLJS_SCRIPT } from './vendor.js';
import { shortcodeAt } from './emoji/shortcode-text.js';

/** Links may go to the web or to a mail client, nowhere else (no javascript:, data:, relative or app URLs). */
const LINK_SCHEME = /^(?:https?|mailto):/i;
/** Larger code is shown plain: highlighting it would hold up the worker for little benefit. */
const MAX_HIGHLIGHT_CHARS = 20_000;
/** Guessing among every language is slow and often wrong; these cover most of what people paste. */
const AUTO_LANGUAGES = ['bash', 'c', 'cpp', 'csharp', 'css', 'diff', 'go', 'java', 'javascript', 'json', 'kotlin',
  'php', 'python', 'ruby', 'rust', 'sql', 'typescript', 'xml', 'yaml'];
/** Below this highlight.js relevance a guess is noise (a sentence "looks like" some language). */
const MIN_AUTO_RELEVANCE = 5;
/**
 * A language is guessed from the start of a block: enough to tell, and it bounds the guess, which
 * runs every candidate grammar over what it reads (8,000 characters of quotes took 220 ms).
 */
const GUESS_CHARS = 2_000;
/**
 * Laying out formatting costs the page's main thread about 50 µs an element (a table cell, a bit of
 * bold): past this many, outside code, a text is shown as typed ("**a" 2,666 times took 80 ms).
 */
const MAX_ELEMENTS = 1000;
/** An element's opening tag; highlight.js's spans (inside code blocks, cheap to lay out) are not counted. */
const ELEMENT = /<(?!span[\s>])[a-z]/g;
/** A language name that may become a class (the sanitizer keeps `language-…` of these characters only). */
const LANGUAGE_NAME = /^[\w+#.-]+$/;

/** The `hljs` global of highlight.js, or null if it could not be loaded (code is then shown plain). */
const hljs = loadHighlighter();

function loadHighlighter() {
  try {
    importScripts(HLJS_SCRIPT);
    // highlight.js compiles a grammar on its first use: all of them now, before the first text's budget runs.
    globalThis.hljs?.highlightAuto('warm up', AUTO_LANGUAGES);
    return globalThis.hljs ?? null;
  } catch (err) {
    console.warn('parley: highlight.js did not load in the Markdown worker', err);
    return null;
  }
}

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

/** Code as highlighted HTML and the language it was highlighted as ('' when shown plain). */
function highlight(code, given) {
  const plain = { html: escapeHtml(code), language: '' };
  if (!hljs || !code || code.length > MAX_HIGHLIGHT_CHARS) return plain;
  let language = given;
  if (language) {
    if (!hljs.getLanguage(language)) return plain;
  } else {
    const guess = hljs.highlightAuto(code.slice(0, GUESS_CHARS), AUTO_LANGUAGES);
    if (!guess.language || guess.relevance < MIN_AUTO_RELEVANCE) return plain;
    language = guess.language;
  }
  return { html: hljs.highlight(code, { language, ignoreIllegals: true }).value, language };
}

/** Shortcode → emoji, from the emoji data set (the page sends it: see useShortcodes). */
let shortcodes = new Map();

/** The table the page made from /emoji.json (a Map); until then, and without it, shortcodes stay text. */
export function useShortcodes(table) {
  shortcodes = table instanceof Map ? table : new Map();
}

const md = new Marked({ gfm: true, breaks: true, async: false });
md.use({
  // ":tada:" is 🎉 wherever text is (never in code: code spans and blocks are read before it is looked for).
  extensions: [{
    name: 'shortcode',
    level: 'inline',
    start(src) {
      const at = src.indexOf(':');
      return at < 0 ? undefined : at;
    },
    tokenizer(src, tokens) {
      if (src[0] !== ':' || !shortcodes.size) return undefined;
      const hit = shortcodeAt(src, (name) => shortcodes.get(name), tokens.at(-1)?.raw.slice(-1) ?? '');
      return hit ? { type: 'shortcode', raw: src.slice(0, hit.length), char: hit.char } : undefined;
    },
    renderer({ char }) {
      return escapeHtml(char);
    },
  }],
});
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
    // The language label comes from the class: the one given after the fence, or the one guessed.
    code({ text, lang }) {
      const given = (/^\S*/.exec(lang ?? '')[0] ?? '').toLowerCase();
      const { html, language } = highlight(text, LANGUAGE_NAME.test(given) ? given : '');
      const name = language || (LANGUAGE_NAME.test(given) ? given : '');
      const classes = [language ? 'hljs' : '', name ? `language-${name}` : ''].filter(Boolean).join(' ');
      return `<pre><code${classes ? ` class="${classes}"` : ''}>${html}</code></pre>\n`;
    },
  },
});

// marked too is slower on its first parse: that happens here, before the first text's budget runs.
md.parse('**warm** _up_ [a](https://example.com)\n\n- a\n\n| a |\n|---|\n| b |\n\n```js\nlet a;\n```');

/**
 * Markdown → {html}, or {why} it is to be shown as typed: 'large' (too many elements) or 'failed'
 * (marked threw: its stack, on deeply nested quotes). `inline`: one line, no blocks.
 */
export function render(text, inline) {
  let html;
  try {
    html = inline ? md.parseInline(text) : md.parse(text);
  } catch {
    return { why: 'failed' };
  }
  let elements = 0;
  ELEMENT.lastIndex = 0;
  while (ELEMENT.exec(html) && ++elements <= MAX_ELEMENTS);
  return elements > MAX_ELEMENTS ? { why: 'large' } : { html };
}
