// view/autocomplete.js — One suggestion popup for a textarea (`@` people, `:` emoji...), built as a WAI-ARIA 1.2 combobox with a listbox popup.

import { h } from '../dom.js';
import { t } from '../i18n.js';

/** Typing pauses this long before a provider is asked. */
const DEBOUNCE_MS = 90;
/** A token longer than this is not a mention or a shortcode any more. */
const MAX_QUERY = 40;
const MAX_SHOWN = 8;

let instances = 0;

/**
 * Attaches the popup to `textarea`. A provider is
 * `{ trigger: '@' | ':' | '/', minChars, spaces?, atStart?, label?, async items(query) -> [{ key, label, detail?, icon?, insert, actions?, onPick? }] }`:
 * it opens when its trigger is typed at the start of a word (with `atStart`, only at the very start of the text), with at least minChars typed after it
 * (`spaces` lets the query hold spaces: nicknames may). Keys while open: ArrowUp/ArrowDown move,
 * Enter or Tab insert `insert` plus a space in place of the trigger and query, Shift+Enter runs
 * the active option's first action, Escape closes (and the token then stays closed, so Enter
 * sends). Closed, it never takes a key. Returns {close, isOpen}.
 *
 * Register before any other keydown listener of the textarea: a handled key stops there.
 */
export function attachAutocomplete(textarea, providers) {
  const id = `ac${++instances}`;
  const listbox = h('ul', { id: `${id}-list`, class: 'ac-list', role: 'listbox', 'data-testid': 'autocomplete-list' });
  const hint = h('p', { class: 'ac-hint', id: `${id}-hint`, 'data-testid': 'autocomplete-hint' });
  const popup = h('div', { class: 'ac-popup', 'data-testid': 'autocomplete', hidden: true }, listbox, hint);
  (textarea.form || textarea.parentElement).append(popup);

  textarea.setAttribute('role', 'combobox');
  textarea.setAttribute('aria-autocomplete', 'list');
  textarea.setAttribute('aria-expanded', 'false');
  textarea.setAttribute('aria-controls', listbox.id);
  const describedBy = textarea.getAttribute('aria-describedby') || '';

  /** The token being completed: {provider, start (index of the trigger), query}, or null. */
  let token = null;
  let items = [];
  let active = -1;
  let timer = 0;
  /** Answers to older queries arrive late and are dropped. */
  let asked = 0;
  /** A trigger the user picked from or dismissed: it stays closed until it is typed again. */
  let suppressed = -1;

  const isOpen = () => !popup.hidden;

  function findToken() {
    if (textarea.selectionStart !== textarea.selectionEnd) return null;
    const caret = textarea.selectionStart;
    const before = textarea.value.slice(Math.max(0, caret - MAX_QUERY - 1), caret);
    const offset = caret - before.length;
    // The trigger nearest the caret wins: in "@ann :smi" the emoji is being typed, not the nick.
    let found = null;
    for (const provider of providers) {
      const at = before.lastIndexOf(provider.trigger);
      if (at < 0 || (found && offset + at < found.start)) continue;
      const start = offset + at;
      if (start > 0 && (provider.atStart || !/\s/.test(textarea.value[start - 1]))) continue;
      const query = before.slice(at + 1);
      if (/[\n\r]/.test(query) || (!provider.spaces && /\s/.test(query))) continue;
      if (/^\s/.test(query) || query.length < (provider.minChars || 0)) continue;
      found = { provider, start, query };
    }
    return found;
  }

  function update() {
    // The caret back at (or before) a dismissed trigger: it was deleted, and may be typed again.
    if (textarea.selectionStart <= suppressed) suppressed = -1;
    const next = findToken();
    if (!next || next.start === suppressed) { close(); return; }
    if (suppressed >= 0 && next.start !== suppressed) suppressed = -1;
    if (token && token.start === next.start && token.query === next.query && token.provider === next.provider) return;
    token = next;
    clearTimeout(timer);
    timer = setTimeout(() => ask(next), DEBOUNCE_MS);
  }

  async function ask(forToken) {
    const mine = ++asked;
    let found;
    try {
      found = await forToken.provider.items(forToken.query);
    } catch (err) {
      console.warn('parley: suggestions failed', err);
      found = [];
    }
    if (mine !== asked || token !== forToken) return;
    show((found || []).slice(0, MAX_SHOWN));
  }

  function show(list) {
    items = list;
    if (!items.length) { hide(); return; }
    const keep = active >= 0 && active < items.length ? items[active]?.key : null;
    listbox.setAttribute('aria-label', token.provider.label || t('autocomplete.label'));
    listbox.replaceChildren(...items.map((item, i) => option(item, i)));
    popup.hidden = false;
    textarea.setAttribute('aria-expanded', 'true');
    // While open, the keys of the hint line are part of the box's description.
    textarea.setAttribute('aria-describedby', `${hint.id} ${describedBy}`.trim());
    const again = keep != null ? items.findIndex((it) => it.key === keep) : -1;
    setActive(again >= 0 ? again : 0);
  }

  function option(item, i) {
    const actions = item.actions || [];
    return h('li', {
      id: `${id}-opt-${i}`, class: 'ac-option', role: 'option', 'aria-selected': 'false',
      'data-testid': 'autocomplete-option', dataset: { key: item.key, index: i },
    },
    item.icon == null ? null : h('span', { class: 'ac-icon', 'aria-hidden': typeof item.icon === 'string' ? 'true' : null }, item.icon),
    h('span', { class: 'ac-text' },
      h('span', { class: 'ac-label' }, item.label),
      item.detail ? h('span', { class: 'ac-detail' }, item.detail) : null),
    // Options hold no tab stops (their content is presentational): the hint's key reaches the action.
    ...actions.map((action, a) => h('button', {
      type: 'button', class: 'ac-action', tabindex: '-1', 'data-testid': 'autocomplete-action', dataset: { action: a },
    }, action.label)));
  }

  function setActive(i) {
    active = i;
    for (const el of listbox.children) {
      const on = Number(el.dataset.index) === i;
      el.setAttribute('aria-selected', String(on));
      el.classList.toggle('active', on);
      if (on) el.scrollIntoView({ block: 'nearest' });
    }
    if (i >= 0) textarea.setAttribute('aria-activedescendant', `${id}-opt-${i}`);
    else textarea.removeAttribute('aria-activedescendant');
    const action = items[i]?.actions?.[0];
    hint.textContent = action ? t('autocomplete.keys-action', { action: action.label }) : t('autocomplete.keys');
  }

  function pick(i) {
    const item = items[i];
    if (!item || !token) return;
    const { start } = token;
    const end = textarea.selectionStart;
    const text = `${item.insert} `;
    textarea.focus();
    textarea.setRangeText(text, start, end, 'end');
    suppressed = start;
    close();
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    item.onPick?.();
  }

  function runAction(i, a = 0) {
    const action = items[i]?.actions?.[a];
    if (!action) return;
    // The typed trigger and query were only a way to find the person: take them out.
    if (token) {
      textarea.setRangeText('', token.start, textarea.selectionStart, 'end');
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    }
    close();
    action.run();
  }

  function hide() {
    popup.hidden = true;
    textarea.setAttribute('aria-expanded', 'false');
    if (describedBy) textarea.setAttribute('aria-describedby', describedBy);
    else textarea.removeAttribute('aria-describedby');
    textarea.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function close() {
    clearTimeout(timer);
    asked++;
    token = null;
    items = [];
    hide();
  }

  textarea.addEventListener('keydown', (e) => {
    if (!isOpen() || e.isComposing || e.keyCode === 229) return;
    let handled = true;
    if (e.key === 'ArrowDown') setActive((active + 1) % items.length);
    else if (e.key === 'ArrowUp') setActive((active - 1 + items.length) % items.length);
    else if (e.key === 'Enter' && e.shiftKey) runAction(active);
    else if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey) pick(active);
    else if (e.key === 'Escape') { suppressed = token?.start ?? -1; close(); }
    else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, { capture: true });
  textarea.addEventListener('input', update);
  textarea.addEventListener('click', update);
  textarea.addEventListener('keyup', (e) => {
    if (['ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'].includes(e.key)) update();
  });
  textarea.addEventListener('blur', () => close());

  // Keep the focus (and the caret) in the textarea while the pointer is on the popup.
  popup.addEventListener('pointerdown', (e) => e.preventDefault());
  popup.addEventListener('mousedown', (e) => e.preventDefault());
  popup.addEventListener('click', (e) => {
    const opt = e.target.closest('.ac-option');
    if (!opt) return;
    const i = Number(opt.dataset.index);
    const button = e.target.closest('.ac-action');
    if (button) runAction(i, Number(button.dataset.action));
    else pick(i);
  });
  popup.addEventListener('pointermove', (e) => {
    const opt = e.target.closest('.ac-option');
    if (opt && Number(opt.dataset.index) !== active) setActive(Number(opt.dataset.index));
  });

  return { close, isOpen };
}
