// code-block.js — A fenced code block in a message: a language label and a copy button around the code the Markdown worker highlighted (highlight.js); the highlight theme follows the app's.

import { HLJS_STYLES } from './vendor.js';
import { t } from './i18n.js';
import { h } from './dom.js';

const COPIED_MS = 1500;

/**
 * Replaces a sanitized <pre><code> with the full block: head (label, copy button) and the scrolling
 * code. The Markdown worker highlighted it already; its class names the language (given or guessed).
 */
export function enhanceCodeBlock(pre) {
  const code = pre.querySelector('code');
  if (!code) return;
  if (code.lastChild?.nodeType === Node.TEXT_NODE) code.lastChild.data = code.lastChild.data.replace(/\n$/, '');
  const lang = /(?:^|\s)language-([\w+#.-]+)/.exec(code.className)?.[1].toLowerCase() ?? '';
  const label = h('span', { class: 'code-lang', 'data-testid': 'code-lang' }, lang);
  const copy = h('button', { type: 'button', class: 'code-copy', 'data-testid': 'code-copy', 'aria-label': t('code.copy-label') }, t('code.copy'));
  copy.addEventListener('click', () => copyCode(copy, code.textContent));
  const block = h('div', { class: 'code-block', 'data-testid': 'code-block' }, h('div', { class: 'code-head' }, label, copy));
  pre.replaceWith(block);
  // The code scrolls sideways on its own, so it must be reachable from the keyboard.
  pre.tabIndex = 0;
  block.append(pre);
}

async function copyCode(button, text) {
  const done = await copyText(text);
  const say = (text, label) => { button.textContent = text; button.setAttribute('aria-label', label); };
  say(t(done ? 'code.copied' : 'code.copy-failed'), t(done ? 'code.copied-label' : 'code.copy-failed-label'));
  clearTimeout(button.resetTimer);
  button.resetTimer = setTimeout(() => say(t('code.copy'), t('code.copy-label')), COPIED_MS);
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
