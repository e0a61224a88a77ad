// view/message-actions.js — What one can do to a message: a toolbar on hover or focus, a bottom sheet on a long press, the quick reactions, reaction chips, copy, and delete after a confirmation.

import { h, icon } from '../dom.js';
import { setupDialog, openDialog } from './dialogs.js';
import { MessageEditor } from './message-editor.js';
import { ADD_REACTION_ICON, setReactionPeople, refreshChipTitle } from './reactions.js';

/** The six reactions offered first, as most chat apps do. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🎉'];
const LONG_PRESS_MS = 500;
/** A finger that moves further than this is scrolling, not pressing. */
const LONG_PRESS_SLOP_PX = 10;

const ICONS = {
  edit: ['M4 20h4L19 9l-4-4L4 16z', 'm13.5 6.5 4 4'],
  copy: ['M9 9h10v11H9z', 'M5 15V4h10'],
  delete: ['M4 7h16', 'M10 11v6M14 11v6', 'M6 7l1 13h10l1-13', 'M9 7V4h6v3'],
  more: ['M6 12h.01M12 12h.01M18 12h.01'],
};

export class MessageActions {
  constructor({ state, list, composer, changes, toast }) {
    Object.assign(this, { state, list, changes, toast });
    /** The message row the toolbar sits in, and the toolbar (one, moved from row to row). */
    this.target = null;
    this.bar = null;
    this.popover = null;
    this.press = null;
    /** Set when a long press opened the sheet: the click that ends the press must not land on it. */
    this.swallowClick = false;
    this.editor = new MessageEditor({ state, list, composer, changes, onEmpty: (room, seq) => this.confirmDelete(room, seq) });

    setReactionPeople({
      me: () => state.me?.id ?? null,
      nick: (id) => changes.nickOf(id, state.currentRoom()),
    });

    list.addEventListener('pointerover', (e) => {
      if (e.pointerType === 'touch') return;
      const row = this.rowOf(e.target);
      if (row && row !== this.target) this.showBar(row);
    });
    list.addEventListener('pointerleave', () => { if (!this.holdsBar()) this.hideBar(); });
    list.addEventListener('focusin', (e) => {
      // A tap or click focuses the row too; only keyboard focus brings the toolbar (hover already did for a mouse).
      if (e.target.matches('.msg') && !e.target.matches(':focus-visible')) return;
      const row = this.rowOf(e.target);
      if (row && row !== this.target) this.showBar(row);
    });
    list.addEventListener('focusout', (e) => {
      if (this.target && !this.target.contains(e.relatedTarget) && !this.holdsBar()) this.hideBar();
    });
    list.addEventListener('keydown', (e) => this.onKey(e));
    list.addEventListener('click', (e) => this.onClick(e));
    list.addEventListener('mouseover', (e) => {
      const chip = e.target.closest?.('.reaction-chip[data-emoji]');
      if (chip) this.refreshTitle(chip);
    });
    this.watchLongPress();
  }

  /** The row of a message that offers actions (confirmed, not deleted), or null. */
  rowOf(node) {
    const row = node?.closest?.('.msg[data-seq]');
    if (!row || row.dataset.pending || row.classList.contains('deleted') || !this.list.contains(row)) return null;
    return this.message(row) ? row : null;
  }

  message(row) {
    const msg = this.state.currentRoom()?.bySeq.get(Number(row.dataset.seq));
    return msg && msg.type === 'message' && !msg.deleted ? msg : null;
  }

  mine(msg) {
    return !!msg && msg.from?.id === this.state.me?.id;
  }

  holdsBar() {
    return !!this.popover || (!!this.bar && this.bar.contains(document.activeElement));
  }

  // ---------- The toolbar ----------

  showBar(row) {
    const msg = this.message(row);
    if (!msg) return;
    this.hideBar();
    const mine = this.mine(msg);
    const button = (action, label, paths, extra = {}) => h('button', {
      type: 'button', class: `icon-btn small msg-action action-${action}`, 'data-testid': `action-${action}`,
      'data-action': action, 'aria-label': label, title: label, ...extra,
    }, icon(paths));
    this.bar = h('div', { class: 'msg-actions', role: 'group', 'aria-label': 'Message actions', 'data-testid': 'message-actions' },
      button('react', 'Add a reaction', ADD_REACTION_ICON, { 'aria-haspopup': 'true' }),
      mine && !this.editor.isEditing(msg.seq) ? button('edit', 'Edit', ICONS.edit) : null,
      msg.text ? button('copy', 'Copy text', ICONS.copy) : null,
      mine ? button('delete', 'Delete', ICONS.delete) : null,
      button('more', 'More actions', ICONS.more, { 'aria-haspopup': 'dialog' }));
    this.target = row;
    row.classList.add('has-actions');
    // First in the row, so Tab from a focused message reaches its actions before its contents.
    row.prepend(this.bar);
  }

  hideBar() {
    // Forget first: removing a focused button fires focusout, which calls back in here.
    const { bar, target } = this;
    this.bar = null;
    this.target = null;
    target?.classList.remove('has-actions');
    bar?.remove();
  }

  /** After every render: rows may have been rebuilt under the toolbar and the editor. */
  afterRender() {
    this.editor.afterRender();
    if (!this.target || this.target.isConnected) return;
    const seq = this.target.dataset.seq;
    const hadFocus = this.bar?.contains(document.activeElement) || document.activeElement === document.body;
    const action = document.activeElement?.dataset?.action;
    const row = this.list.querySelector(`.msg[data-seq="${seq}"]:not([data-pending])`);
    this.hideBar();
    if (row && this.rowOf(row)) {
      this.showBar(row);
      if (hadFocus && action) this.bar.querySelector(`[data-action="${action}"]`)?.focus({ preventScroll: true });
    } else {
      this.closePopover(false);
    }
  }

  onClick(e) {
    const chip = e.target.closest('.reaction-chip');
    if (chip && this.list.contains(chip)) {
      const row = this.rowOf(chip);
      if (!row) return;
      if (chip.dataset.emoji) this.toggle(this.message(row), chip.dataset.emoji);
      else this.openQuickReactions(chip, row);
      return;
    }
    const button = e.target.closest('.msg-action');
    if (!button || !this.target) return;
    const row = this.target;
    const msg = this.message(row);
    if (!msg) return;
    switch (button.dataset.action) {
      case 'react': this.openQuickReactions(button, row); break;
      case 'edit': this.edit(msg); break;
      case 'copy': this.copy(msg); break;
      case 'delete': this.confirmDelete(this.state.current, msg.seq); break;
      case 'more': this.openSheet(row); break;
      default:
    }
  }

  /** Up and Down walk the messages; Escape leaves the toolbar; E edits, as in other chat apps. */
  onKey(e) {
    if (e.defaultPrevented || e.target.closest('.msg-editor')) return;
    const onList = e.target === this.list;
    const row = e.target.closest?.('.msg[data-seq], .notice[data-seq]');
    if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && (onList || row === e.target) && !e.altKey && !e.ctrlKey && !e.metaKey) {
      const rows = [...this.list.querySelectorAll('.msg[data-seq]:not([data-pending])')];
      if (!rows.length) return;
      e.preventDefault();
      let i = onList ? rows.length : rows.indexOf(row);
      if (i < 0) i = rows.length;
      const next = rows[Math.max(0, Math.min(rows.length - 1, i + (e.key === 'ArrowUp' ? -1 : 1)))];
      next.focus();
      next.scrollIntoView({ block: 'nearest' });
      return;
    }
    if (e.key === 'Escape' && this.target && this.target.contains(e.target)) {
      e.preventDefault();
      const target = this.target;
      this.hideBar();
      target.focus();
      return;
    }
    if (row === e.target && (e.key === 'e' || e.key === 'E') && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const msg = this.message(row);
      if (msg && this.mine(msg)) { e.preventDefault(); this.edit(msg); }
    }
  }

  // ---------- The actions ----------

  edit(msg) {
    this.closePopover(false);
    this.hideBar();
    this.editor.start(msg.seq);
  }

  async copy(msg) {
    const text = msg.text ?? '';
    try {
      await navigator.clipboard.writeText(text);
      this.toast('Copied to the clipboard.');
    } catch {
      // Without the async clipboard (an insecure origin, a denied permission), the old way.
      const area = h('textarea', { class: 'sr-only', 'aria-hidden': 'true', readonly: true });
      area.value = text;
      document.body.append(area);
      area.select();
      const ok = document.execCommand('copy');
      area.remove();
      this.toast(ok ? 'Copied to the clipboard.' : 'Could not copy: the browser refused.');
    }
  }

  toggle(msg, emoji) {
    if (!msg) return;
    const on = !(msg.reactions?.[emoji] || []).includes(this.state.me?.id);
    this.changes.react(this.state.current, msg.seq, emoji, on).catch((err) => this.fail('React', err));
  }

  fail(what, err) {
    if (err?.code === 'disconnected' || err?.code === 'timeout') this.toast(`${what}: no connection. Try again when it is back.`);
    else this.toast(err?.message || `${what} failed (${err?.code ?? 'unknown error'}).`);
  }

  refreshTitle(chip) {
    const row = this.rowOf(chip);
    const ids = row && this.message(row)?.reactions?.[chip.dataset.emoji];
    if (ids) refreshChipTitle(chip, ids);
  }

  // ---------- Quick reactions and the emoji picker ----------

  openQuickReactions(anchor, row) {
    const msg = this.message(row);
    if (!msg) return;
    this.closePopover(false);
    const pick = (emoji) => { this.closePopover(false); this.toggle(this.message(row) ?? msg, emoji); };
    const pop = h('div', { class: 'reaction-popover', role: 'group', 'aria-label': 'React with', 'data-testid': 'reaction-picker' },
      this.quickRow(msg, pick),
      h('button', {
        type: 'button', class: 'quick-reaction quick-more', 'data-testid': 'reaction-more',
        'aria-label': 'More emoji', title: 'More emoji',
        onclick: () => this.openPicker(anchor, row, pick),
      }, icon(ADD_REACTION_ICON)));
    pop.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); this.closePopover(true); return; }
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
    this.outside = (e) => { if (!pop.contains(e.target) && !anchor.contains(e.target)) this.closePopover(false); };
    document.addEventListener('pointerdown', this.outside, true);
  }

  /** The six quick reactions for a message, each pressed when it is already mine. */
  quickRow(msg, pick) {
    const me = this.state.me?.id;
    return QUICK_REACTIONS.map((emoji) => h('button', {
      type: 'button', class: 'quick-reaction', 'data-testid': 'quick-reaction', 'data-emoji': emoji,
      'aria-label': `React with ${emoji}`, 'aria-pressed': String((msg.reactions?.[emoji] || []).includes(me)),
      onclick: () => pick(emoji),
    }, emoji));
  }

  closePopover(refocus) {
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
      openEmojiPicker(anchor.isConnected ? anchor : row, { onPick, title: 'React with' });
      this.closePopover(false);
    } catch (err) {
      console.warn('parley: no emoji picker, offering a field instead', err);
      this.emojiField(onPick);
    }
  }

  emojiField(onPick) {
    const pop = this.popover?.node;
    if (!pop) return;
    const input = h('input', { type: 'text', class: 'emoji-field', 'aria-label': 'Emoji', placeholder: 'Type or paste an emoji', maxlength: '32' });
    const form = h('form', { class: 'emoji-field-form' }, input,
      h('button', { type: 'submit', class: 'btn btn-primary btn-small' }, 'React'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const emoji = input.value.trim();
      if (emoji && !/\s/.test(emoji)) onPick(emoji);
    });
    pop.replaceChildren(form);
    place(pop, this.popover.anchor.isConnected ? this.popover.anchor : this.list);
    input.focus();
  }

  // ---------- Long press and the bottom sheet ----------

  watchLongPress() {
    const cancel = () => { clearTimeout(this.press?.timer); this.press = null; };
    this.list.addEventListener('pointerdown', (e) => {
      if (e.pointerType !== 'touch') return;
      const row = this.rowOf(e.target);
      if (!row || e.target.closest('button, a, textarea, input')) return;
      cancel();
      this.press = {
        x: e.clientX, y: e.clientY,
        timer: setTimeout(() => {
          this.press = null;
          this.swallowClick = true;
          navigator.vibrate?.(10);
          this.openSheet(row);
        }, LONG_PRESS_MS),
      };
    });
    this.list.addEventListener('pointermove', (e) => {
      if (this.press && Math.hypot(e.clientX - this.press.x, e.clientY - this.press.y) > LONG_PRESS_SLOP_PX) cancel();
    });
    for (const type of ['pointerup', 'pointercancel', 'scroll']) this.list.addEventListener(type, cancel, { passive: true });
    document.addEventListener('pointerup', () => {
      if (this.swallowClick) setTimeout(() => { this.swallowClick = false; }, 50);
    }, true);
    document.addEventListener('click', (e) => {
      if (!this.swallowClick) return;
      this.swallowClick = false;
      e.preventDefault();
      e.stopPropagation();
    }, true);
    // The browser's own long-press menu would cover ours.
    this.list.addEventListener('contextmenu', (e) => {
      if (this.swallowClick || (this.press && this.rowOf(e.target))) e.preventDefault();
    });
  }

  openSheet(row) {
    const msg = this.message(row);
    if (!msg) return;
    this.closePopover(false);
    const seq = msg.seq;
    const room = this.state.current;
    const sheet = this.sheet ?? this.buildSheet();
    const act = (fn) => () => { sheet.close(); fn(); };
    const current = () => this.state.room(room)?.bySeq.get(seq) ?? msg;
    const item = (action, label, paths, fn, danger) => h('button', {
      type: 'button', class: `sheet-item${danger ? ' danger' : ''}`, 'data-testid': `sheet-${action}`, onclick: act(fn),
    }, icon(paths), h('span', null, label));
    const mine = this.mine(msg);
    sheet.querySelector('.sheet-body').replaceChildren(
      h('div', { class: 'sheet-reactions', role: 'group', 'aria-label': 'React with' },
        this.quickRow(msg, (emoji) => { sheet.close(); this.toggle(current(), emoji); }),
        h('button', {
          type: 'button', class: 'quick-reaction quick-more', 'aria-label': 'More emoji', 'data-testid': 'sheet-more-emoji',
          onclick: act(() => this.openSheetPicker(row, current)),
        }, icon(ADD_REACTION_ICON))),
      h('div', { class: 'sheet-items' },
        mine ? item('edit', 'Edit message', ICONS.edit, () => this.edit(current())) : null,
        msg.text ? item('copy', 'Copy text', ICONS.copy, () => this.copy(current())) : null,
        mine ? item('delete', 'Delete message', ICONS.delete, () => this.confirmDelete(room, seq), true) : null));
    openDialog(sheet, '.quick-reaction');
  }

  /** From the sheet, "more" opens the picker over the message itself. */
  openSheetPicker(row, current) {
    const anchor = row.isConnected ? row : this.list;
    const pick = (emoji) => { this.closePopover(false); this.toggle(current(), emoji); };
    this.popover = { node: h('div', { class: 'reaction-popover', 'data-testid': 'reaction-picker' }), anchor, row };
    document.body.append(this.popover.node);
    place(this.popover.node, anchor);
    this.outside = (e) => { if (!this.popover?.node.contains(e.target)) this.closePopover(false); };
    document.addEventListener('pointerdown', this.outside, true);
    this.openPicker(anchor, row, pick);
  }

  buildSheet() {
    this.sheet = setupDialog(h('dialog', { class: 'dialog sheet', 'data-testid': 'action-sheet', 'aria-label': 'Message actions' },
      h('div', { class: 'sheet-handle', 'aria-hidden': 'true' }),
      h('div', { class: 'sheet-body' }),
      h('button', { type: 'button', class: 'btn btn-ghost btn-block sheet-cancel', 'data-action': 'cancel' }, 'Cancel')));
    document.body.append(this.sheet);
    return this.sheet;
  }

  // ---------- Delete, after asking ----------

  confirmDelete(room, seq) {
    const msg = this.state.room(room)?.bySeq.get(seq);
    if (!msg || msg.deleted) return;
    const dialog = this.deleteDialog ?? this.buildDeleteDialog();
    dialog.querySelector('.delete-where').textContent = room.startsWith('dm:') ? 'this conversation' : `#${room}`;
    dialog.querySelector('.delete-preview').textContent = msg.text ?? '';
    dialog.querySelector('.form-error').textContent = '';
    dialog.target = { room, seq };
    openDialog(dialog, '[data-testid="delete-confirm"]');
  }

  buildDeleteDialog() {
    const error = h('p', { class: 'form-error', role: 'alert' });
    const confirm = h('button', { type: 'submit', class: 'btn btn-danger', 'data-testid': 'delete-confirm' }, 'Delete');
    const form = h('form', { method: 'dialog', class: 'dialog-body', novalidate: true },
      h('h2', { id: 'delete-title' }, 'Delete message?'),
      h('p', { class: 'hint' }, 'It will be removed for everyone in ', h('span', { class: 'delete-where' }), '. This cannot be undone.'),
      h('blockquote', { class: 'delete-preview', dir: 'auto' }),
      error,
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'btn btn-ghost', 'data-action': 'cancel' }, 'Cancel'),
        confirm));
    const dialog = setupDialog(h('dialog', { class: 'dialog', 'data-testid': 'delete-dialog', 'aria-labelledby': 'delete-title' }, form));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const { room, seq } = dialog.target;
      confirm.disabled = true;
      try {
        await this.changes.remove(room, seq);
        dialog.close('deleted');
        if (this.editor.isEditing(seq)) this.editor.close(true);
      } catch (err) {
        error.textContent = err?.code === 'disconnected' || err?.code === 'timeout'
          ? 'Not deleted: no connection. Try again when it is back.'
          : `Not deleted: ${err?.message || err?.code}`;
      } finally {
        confirm.disabled = false;
      }
    });
    document.body.append(dialog);
    this.deleteDialog = dialog;
    return dialog;
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
