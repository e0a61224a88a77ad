// view/message-actions.js — What one can do to a message (react, edit, copy, delete) and the list's clicks and keys that ask for it. Where each control lives is a module of its own: the toolbar (message-toolbar.js), the long press (long-press.js) and the sheet it opens (action-sheet.js), the quick reactions (reaction-popover.js), the delete dialog (delete-dialog.js), the inline editor (message-editor.js).

import { h } from '../dom.js';
import { MessageEditor } from './message-editor.js';
import { setReactionPeople, refreshChipTitle } from './reactions.js';
import { MessageToolbar } from './message-toolbar.js';
import { ReactionPopover } from './reaction-popover.js';
import { ActionSheet } from './action-sheet.js';
import { DeleteDialog } from './delete-dialog.js';
import { watchLongPress } from './long-press.js';
import { mayDeleteOthers } from '../moderation.js';
import { t } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';

export class MessageActions {
  /**
   * `list`: the rows (the room's, or a thread panel's); `find(room, seq)`: a message as held (the
   * room's log by default; a thread's panel holds replies the log may not).
   */
  constructor({ state, list, composer, changes, toast, find = (room, seq) => state.room(room)?.bySeq.get(seq) }) {
    Object.assign(this, { state, list, changes, toast, find });
    this.editor = new MessageEditor({ state, list, composer, changes, find, onEmpty: (room, seq) => this.confirmDelete(room, seq) });
    this.deleteDialog = new DeleteDialog({ state, changes, find, editor: this.editor, onDeleted: (seq) => this.focusAfterDelete(seq) });
    this.popover = new ReactionPopover({
      state, list, message: (row) => this.message(row),
      toggle: (msg, emoji) => { this.toggle(msg, emoji); if (msg) this.keepFocusOn(msg.seq); },
    });
    /** The message whose row keeps the focus through re-renders (after a reaction or a delete), until it moves elsewhere. */
    this.focusSeq = null;
    this.composer = composer;
    const elsewhere = (e) => {
      if (this.focusSeq != null && e.target.closest?.('.msg[data-seq]')?.dataset.seq !== String(this.focusSeq)) this.focusSeq = null;
    };
    document.addEventListener('focusin', elsewhere);
    document.addEventListener('pointerdown', elsewhere, true);
    this.sheet = new ActionSheet({ state, actions: this });

    setReactionPeople({
      me: () => state.me?.id ?? null,
      nick: (id) => changes.nickOf(id, state.currentRoom()),
    });

    this.toolbar = new MessageToolbar({
      list,
      rowOf: (node) => this.rowOf(node),
      message: (row) => this.message(row),
      mine: (msg) => this.mine(msg),
      mayDelete: (msg) => this.mayDelete(msg),
      isEditing: (seq) => this.editor.isEditing(seq),
      holding: () => this.popover.isOpen,
    });
    list.addEventListener('timeline-rendered', () => this.afterRender());
    list.addEventListener('keydown', (e) => this.onKey(e));
    list.addEventListener('click', (e) => this.onClick(e));
    list.addEventListener('mouseover', (e) => {
      const chip = e.target.closest?.('.reaction-chip[data-emoji]');
      if (chip) this.refreshTitle(chip);
    });
    watchLongPress(list, { rowOf: (node) => this.rowOf(node), onPress: (row) => this.sheet.open(row) });
  }

  /** The row of a message that offers actions (confirmed, not deleted), or null. */
  rowOf(node) {
    const row = node?.closest?.('.msg[data-seq]');
    if (!row || row.dataset.pending || row.classList.contains('deleted') || !this.list.contains(row)) return null;
    return this.message(row) ? row : null;
  }

  message(row) {
    const msg = this.state.current ? this.find(this.state.current, Number(row.dataset.seq)) : null;
    return msg && msg.type === 'message' && !msg.deleted ? msg : null;
  }

  mine(msg) {
    return !!msg && msg.from?.id === this.state.me?.id;
  }

  /** Mine, or (a moderator) someone's of a lower role. */
  mayDelete(msg) {
    return this.mine(msg) || mayDeleteOthers(this.state, this.state.currentRoom(), msg);
  }

  /** After every render: rows may have been rebuilt under the toolbar and the editor. */
  afterRender() {
    this.editor.afterRender();
    if (!this.toolbar.afterRender()) this.popover.close(false);
    this.refocus();
  }

  /** Keeps the focus on message `seq` (its row is rebuilt as its reactions change) rather than losing it to the page. */
  keepFocusOn(seq) {
    this.focusSeq = seq;
    this.refocus();
  }

  refocus() {
    const active = document.activeElement;
    if (this.focusSeq == null || (active && active !== document.body && active.isConnected)) return;
    const row = this.list.querySelector(`.msg[data-seq="${this.focusSeq}"]:not([data-pending])`);
    if (row) row.focus({ preventScroll: true });
    else { this.focusSeq = null; this.composer.focus({ preventScroll: true }); }
  }

  /** A deleted message's neighbour takes the focus: the next message, else the one before, else the composer. */
  focusAfterDelete(seq) {
    const rows = [...this.list.querySelectorAll('.msg[data-seq]:not([data-pending])')];
    const live = rows.filter((row) => !row.classList.contains('deleted') && Number(row.dataset.seq) !== seq);
    const next = live.find((row) => Number(row.dataset.seq) > seq) ?? live.filter((row) => Number(row.dataset.seq) < seq).pop();
    if (next) this.keepFocusOn(Number(next.dataset.seq));
    else this.composer.focus({ preventScroll: true });
  }

  onClick(e) {
    const chip = e.target.closest('.reaction-chip');
    if (chip && this.list.contains(chip)) {
      const row = this.rowOf(chip);
      if (!row) return;
      if (chip.dataset.emoji) this.toggle(this.message(row), chip.dataset.emoji);
      else this.popover.open(chip, row);
      return;
    }
    const button = e.target.closest('.msg-action');
    const row = this.toolbar.target;
    if (!button || !row) return;
    const msg = this.message(row);
    if (!msg) return;
    switch (button.dataset.action) {
      case 'react': this.popover.open(button, row); break;
      case 'edit': this.edit(msg); break;
      case 'copy': this.copy(msg); break;
      case 'delete': this.confirmDelete(this.state.current, msg.seq); break;
      case 'more': this.sheet.open(row); break;
      case 'reply': case 'thread': this.answer(button.dataset.action, msg); break;
      default:
    }
  }

  /** Escape leaves the toolbar; Enter opens a message's actions; E edits my message, as in other chat apps. (Up and Down are the message list's.) */
  onKey(e) {
    if (e.defaultPrevented || e.target.closest('.msg-editor')) return;
    if (e.key === 'Escape' && this.toolbar.dismiss(e.target)) {
      e.preventDefault();
      return;
    }
    const row = e.target.closest?.('.msg[data-seq], .notice[data-seq]');
    if (row === e.target && e.key === 'Enter' && row.matches('.msg') && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey) {
      e.preventDefault(); // a focused message's actions, as a long press opens them
      this.sheet.open(row);
      return;
    }
    if (row === e.target && (e.key === 'e' || e.key === 'E') && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const msg = this.message(row);
      if (msg && this.mine(msg)) { e.preventDefault(); this.edit(msg); }
    }
  }

  // ---------- The actions ----------

  edit(msg) {
    this.popover.close(false);
    this.toolbar.hide();
    this.editor.start(msg.seq);
  }

  async copy(msg) {
    const text = msg.text ?? '';
    try {
      await navigator.clipboard.writeText(text);
      this.toast(t('actions.copied'));
    } catch {
      // Without the async clipboard (an insecure origin, a denied permission), the old way.
      const area = h('textarea', { class: 'sr-only', 'aria-hidden': 'true', readonly: true });
      area.value = text;
      document.body.append(area);
      area.select();
      const ok = document.execCommand('copy');
      area.remove();
      this.toast(t(ok ? 'actions.copied' : 'actions.copy-refused'), { error: !ok });
    }
  }

  /** Reply or Reply in thread: the list says so (`message-answer`) and replies.js or threads.js takes it. */
  answer(action, msg) {
    this.popover.close(false);
    this.toolbar.hide();
    this.list.dispatchEvent(new CustomEvent('message-answer', { detail: { action, msg } }));
  }

  toggle(msg, emoji) {
    if (!msg) return;
    const on = !(msg.reactions?.[emoji] || []).includes(this.state.me?.id);
    this.changes.react(this.state.current, msg.seq, emoji, on).catch((err) => this.fail('actions.react-failed', err));
  }

  confirmDelete(room, seq) {
    this.deleteDialog.confirm(room, seq);
  }

  /** `key`: the sentence that says what failed, with {reason} in it. */
  fail(key, err) {
    this.toast(t(key, { reason: errorSentence(err, null) }), { error: true });
  }

  refreshTitle(chip) {
    const row = this.rowOf(chip);
    const ids = row && this.message(row)?.reactions?.[chip.dataset.emoji];
    if (ids) refreshChipTitle(chip, ids);
  }
}
