// view/reaction-popover.js — The quick reactions that float over a message (six emoji and "more"), the full emoji picker behind "more", and a plain field should the picker fail to load.

import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { ADD_REACTION_ICON } from './reactions.js';

/** The six reactions offered first, as most chat apps do. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🎉'];

/** The six quick reactions for a message, each pressed when it is already mine (`me`: my id). */
export function quickRow(msg, me, pick) {
  return QUICK_REACTIONS.map((emoji) => h('button', {
    type: 'button', class: 'quick-reaction', 'data-testid': 'quick-reaction', 'data-emoji': emoji,
    'aria-label': t('react.with-emoji', { emoji }), 'aria-pressed': String((msg.reactions?.[emoji] || []).includes(me)),
    onclick: () => pick(emoji),
  }, emoji));
}

/**
 * One popover at a time, on document.body. `message(row)` is the message a row shows now (null
 * once it is gone or deleted); `toggle(msg, emoji)` turns my reaction on or off.
 */
export class ReactionPopover {
  constructor({ state, list, message, toggle }) {
    Object.assign(this, { state, list, message, toggle });
    /** {node, anchor, row} while open. */
    this.popover = null;
    this.outside = null;
  }

  get isOpen() {
    return !!this.popover;
  }

  /** The quick reactions for the message in `row`, above `anchor` (a toolbar button or a chip). */
  open(anchor, row) {
    const msg = this.message(row);
    if (!msg) return;
    this.close(false);
    const pick = (emoji) => { this.close(false); this.toggle(this.message(row) ?? msg, emoji); };
    const pop = h('div', { class: 'reaction-popover', role: 'group', 'aria-label': t('react.with'), 'data-testid': 'reaction-picker' },
      quickRow(msg, this.state.me?.id, pick),
      h('button', {
        type: 'button', class: 'quick-reaction quick-more', 'data-testid': 'reaction-more',
        'aria-label': t('react.more'), title: t('react.more'),
        onclick: () => this.openPicker(anchor, row, pick),
      }, icon(ADD_REACTION_ICON)));
    pop.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); this.close(true); return; }
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        const buttons = [...pop.querySelectorAll('button')];
        const i = buttons.indexOf(document.activeElement);
        buttons[(i + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
        e.preventDefault();
      }
    });
    this.popover = { node: pop, anchor, row };
    document.body.append(pop);
    place(pop, anchor);
    pop.querySelector('button').focus();
    this.outside = (e) => { if (!pop.contains(e.target) && !anchor.contains(e.target)) this.close(false); };
    document.addEventListener('pointerdown', this.outside, true);
  }

  /** From the action sheet, "more" opens the picker over the message itself; `current()` is the message now. */
  openForSheet(row, current) {
    const anchor = row.isConnected ? row : this.list;
    const pick = (emoji) => { this.close(false); this.toggle(current(), emoji); };
    this.popover = { node: h('div', { class: 'reaction-popover', 'data-testid': 'reaction-picker' }), anchor, row };
    document.body.append(this.popover.node);
    place(this.popover.node, anchor);
    this.outside = (e) => { if (!this.popover?.node.contains(e.target)) this.close(false); };
    document.addEventListener('pointerdown', this.outside, true);
    this.openPicker(anchor, row, pick);
  }

  close(refocus) {
    const pop = this.popover;
    if (!pop) return;
    this.popover = null;
    pop.node.remove();
    document.removeEventListener('pointerdown', this.outside, true);
    if (refocus && pop.anchor.isConnected) pop.anchor.focus();
  }

  /**
   * The full emoji picker (its own module, loaded when first wanted). Should it be missing, a
   * field takes any emoji typed or pasted, so "more" still works.
   */
  async openPicker(anchor, row, pick) {
    const onPick = (choice) => {
      const emoji = typeof choice === 'string' ? choice : choice?.emoji ?? choice?.char;
      if (emoji) pick(emoji);
    };
    try {
      const { openEmojiPicker } = await import('./emoji-picker.js');
      openEmojiPicker(anchor.isConnected ? anchor : row, { onPick, title: t('react.with') });
      this.close(false);
    } catch (err) {
      console.warn('parley: no emoji picker, offering a field instead', err);
      this.emojiField(onPick);
    }
  }

  emojiField(onPick) {
    const pop = this.popover?.node;
    if (!pop) return;
    const input = h('input', { type: 'text', class: 'emoji-field', 'aria-label': t('react.emoji'), placeholder: t('react.type-emoji'), maxlength: '32' });
    const form = h('form', { class: 'emoji-field-form' }, input,
      h('button', { type: 'submit', class: 'btn btn-primary btn-small' }, t('react.submit')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const emoji = input.value.trim();
      if (emoji && !/\s/.test(emoji)) onPick(emoji);
    });
    pop.replaceChildren(form);
    place(pop, this.popover.anchor.isConnected ? this.popover.anchor : this.list);
    input.focus();
  }
}

/** Puts a floating panel above its anchor (below when there is no room), inside the viewport. */
function place(panel, anchor) {
  const a = anchor.getBoundingClientRect();
  const p = panel.getBoundingClientRect();
  const margin = 8;
  let top = a.top - p.height - 6;
  if (top < margin) top = Math.min(a.bottom + 6, innerHeight - p.height - margin);
  const left = Math.max(margin, Math.min(a.right - p.width, innerWidth - p.width - margin));
  panel.style.top = `${Math.max(margin, top)}px`;
  panel.style.left = `${left}px`;
}
