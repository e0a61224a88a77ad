// code-block.js — A fenced code block in a message: highlighted by its language (highlight.js), a language label and a copy button; the highlight theme follows the app's.

import { DOMPurify, HLJS_STYLES, hljs, hljsReady } from './vendor.js';
import { h } from './dom.js';

/** Larger code is shown plain: highlighting it would hold up the page for little benefit. */
const MAX_HIGHLIGHT_CHARS = 20_000;
/** Guessing among every language is slow and often wrong; these cover most of what people paste. */
const AUTO_LANGUAGES = ['bash', 'c', 'cpp', 'csharp', 'css', 'diff', 'go', 'java', 'javascript', 'json', 'kotlin',
  'php', 'python', 'ruby', 'rust', 'sql', 'typescript', 'xml', 'yaml'];
/** Below this highlight.js relevance a guess is noise (a sentence "looks like" some language). */
const MIN_AUTO_RELEVANCE = 5;
const COPIED_MS = 1500;

/** highlight.js output is spans with classes around escaped text; it is sanitized all the same. */
const HIGHLIGHT_PURIFY = { ALLOWED_TAGS: ['span'], ALLOWED_ATTR: ['class'], RETURN_DOM_FRAGMENT: true };

/** Replaces a sanitized <pre><code> with the full block: head (label, copy button) and the scrolling code. */
export function enhanceCodeBlock(pre) {
  const code = pre.querySelector('code');
  if (!code) return;
  code.textContent = code.textContent.replace(/\n$/, '');
  const lang = /(?:^|\s)language-([\w+#.-]+)/.exec(code.className)?.[1].toLowerCase() ?? '';
  const label = h('span', { class: 'code-lang', 'data-testid': 'code-lang' }, lang);
  const copy = h('button', { type: 'button', class: 'code-copy', 'data-testid': 'code-copy', 'aria-label': 'Copy code' }, 'Copy');
  copy.addEventListener('click', () => copyCode(copy, code.textContent));
  const block = h('div', { class: 'code-block', 'data-testid': 'code-block' }, h('div', { class: 'code-head' }, label, copy));
  pre.replaceWith(block);
  // The code scrolls sideways on its own, so it must be reachable from the keyboard.
  pre.tabIndex = 0;
  block.append(pre);
  if (hljs) highlight(code, lang, label);
  else hljsReady.then((ready) => { if (ready) highlight(code, lang, label); });
}

function highlight(code, lang, label) {
  const source = code.textContent;
  if (!source || source.length > MAX_HIGHLIGHT_CHARS) return;
  let result;
  try {
    if (lang) {
      if (!hljs.getLanguage(lang)) return;
      result = hljs.highlight(source, { language: lang, ignoreIllegals: true });
    } else {
      result = hljs.highlightAuto(source, AUTO_LANGUAGES);
      if (!result.language || result.relevance < MIN_AUTO_RELEVANCE) return;
      label.textContent = result.language;
    }
  } catch (err) {
    console.error('parley: highlighting failed', err);
    return;
  }
  code.replaceChildren(DOMPurify.sanitize(result.value, HIGHLIGHT_PURIFY));
  code.classList.add('hljs');
}

async function copyCode(button, text) {
  const done = await copyText(text);
  const say = (text, label) => { button.textContent = text; button.setAttribute('aria-label', label); };
  say(done ? 'Copied' : 'Copy failed', done ? 'Code copied' : 'Copying failed');
  clearTimeout(button.resetTimer);
  button.resetTimer = setTimeout(() => say('Copy', 'Copy code'), COPIED_MS);
}

/** The Clipboard API where the page may use it (a secure context), the old copy command elsewhere. */
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = h('textarea', { class: 'copy-buffer', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
    area.value = text;
    document.body.append(area);
    area.select();
    let done = false;
    try { done = document.execCommand('copy'); } catch { done = false; }
    area.remove();
    return done;
  }
}

/** Both highlight.js themes are linked once; their media queries switch with the app's theme. */
function linkThemes() {
  const light = h('link', { rel: 'stylesheet', href: HLJS_STYLES.light });
  const dark = h('link', { rel: 'stylesheet', href: HLJS_STYLES.dark });
  const root = document.documentElement;
  const sync = () => {
    const theme = root.dataset.theme;
    light.media = theme === 'dark' ? 'not all' : theme === 'light' ? 'all' : '(prefers-color-scheme: light)';
    dark.media = theme === 'dark' ? 'all' : theme === 'light' ? 'not all' : '(prefers-color-scheme: dark)';
  };
  sync();
  document.head.append(light, dark);
  new MutationObserver(sync).observe(root, { attributes: true, attributeFilter: ['data-theme'] });
}

linkThemes();
