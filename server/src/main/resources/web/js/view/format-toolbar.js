// view/format-toolbar.js — Formatting in the composer: the Code button and Ctrl+Shift+C wrap the selection in a fenced code block; inside an open block Enter adds a line.

import { h, icon } from '../dom.js';
import { t } from '../i18n.js';

const FENCE = '```';
const FENCE_LINE = /^ {0,3}(?:```|~~~)/;
const CODE_ICON = ['m8 7-5 5 5 5', 'm16 7 5 5-5 5', 'm14 4-4 16'];
const HINT_IN_CODE = 'format.hint-in-code';

/** Is the caret inside a fenced code block (an odd number of fence lines before it)? */
export function caretInCodeBlock(input) {
  const before = input.value.slice(0, input.selectionStart ?? input.value.length);
  let fences = 0;
  for (const line of before.split('\n')) if (FENCE_LINE.test(line)) fences++;
  return fences % 2 === 1;
}

/**
 * Wraps the selection in a fence on lines of its own; with nothing selected, inserts an empty
 * block with the caret inside it, ready to type (or paste) the code.
 */
export function wrapInCodeBlock(input) {
  const { value } = input;
  const start = input.selectionStart ?? value.length;
  const end = input.selectionEnd ?? value.length;
  const selected = value.slice(start, end).replace(/\n$/, '');
  const before = start > 0 && value[start - 1] !== '\n' ? '\n' : '';
  const after = end < value.length && value[end] !== '\n' ? '\n' : '';
  const opening = `${before}${FENCE}\n`;
  input.setRangeText(`${opening}${selected}\n${FENCE}${after}`, start, end, 'end');
  if (!selected) {
    const caret = start + opening.length;
    input.setSelectionRange(caret, caret);
  }
  input.focus();
  input.dispatchEvent(new Event('input'));
}

/** Adds the Code button before the message box and the shortcut; keeps the hint true to what Enter does. */
export function initFormatToolbar(input, hint) {
  const button = h('button', {
    type: 'button',
    class: 'icon-btn small format-code',
    'data-testid': 'code-button',
    'aria-label': t('format.code-block'),
    'aria-keyshortcuts': 'Control+Shift+C',
    title: t('format.code-block-key'),
  }, icon(CODE_ICON));
  // Keep the selection: a click would otherwise move focus (and, on touch, drop the selection) first.
  button.addEventListener('pointerdown', (e) => e.preventDefault());
  button.addEventListener('click', () => wrapInCodeBlock(input));
  input.before(button);

  input.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.code === 'KeyC') {
      e.preventDefault();
      wrapInCodeBlock(input);
    }
  });
  const usual = hint?.textContent;
  const updateHint = () => {
    const text = caretInCodeBlock(input) ? t(HINT_IN_CODE) : usual;
    if (hint && hint.textContent !== text) hint.textContent = text;
  };
  for (const type of ['input', 'keyup', 'click', 'focus']) input.addEventListener(type, updateHint);
}
