// view/composer.js — The message box: Enter sends (or runs a slash command, commands.js) (Shift+Enter, or Enter inside a code block, breaks the line), grows with its text, sends typing, inserts emoji.

import { $ } from '../dom.js';
import { roomLabel } from '../direct.js';
import { mayPost } from '../room-rules.js';
import { attachAutocomplete } from './autocomplete.js';
import { caretInCodeBlock, initFormatToolbar } from './format-toolbar.js';
import { openEmojiPicker } from './emoji-picker.js';
import { fitPlaceholder } from './placeholder-fit.js';
import { convertTypedShortcodes } from '../emoji/shortcodes.js';
import { ReplyBar } from './reply-bar.js';
import { t } from '../i18n.js';

const MAX_ROWS_PX = 180;

export class ComposerView {
  /** `providers`: the autocomplete popup's providers (`@` people, `:` emoji...). */
  constructor({ state, actions, providers = [] }) {
    this.state = state;
    this.actions = actions;
    this.form = $('#composer-form');
    this.input = $('#composer-input');
    this.send = $('#send-button');
    this.error = $('#composer-error');
    this.counter = $('#char-count');
    this.emojiButton = $('#emoji-button');
    this.readOnlyLine = $('#composer-readonly');
    this.closeEmoji = null;
    this.drafts = new Map();
    /** People picked from the `@` popup ({id, nick}) since the last send: the ids those mentions mean. */
    this.picked = [];
    this.draftRoom = null;
    /** The message being answered ({seq, from, excerpt}), quoted above the box until sent or cancelled. */
    this.replying = null;
    this.replyBar = new ReplyBar(this.form, () => this.replyTo(null));

    // First: while its popup is open, the autocomplete takes Enter, Tab, the arrows and Escape.
    this.autocomplete = attachAutocomplete(this.input, providers);
    this.form.addEventListener('submit', (e) => { e.preventDefault(); this.submit(); });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.replying && !e.defaultPrevented) { e.preventDefault(); this.replyTo(null); return; }
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        if (!e.ctrlKey && !e.metaKey && caretInCodeBlock(this.input)) return;
        e.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('input', () => {
      this.autosize();
      this.updateCounter();
      this.error.textContent = '';
      if (this.input.value.trim()) actions.typing();
    });
    convertTypedShortcodes(this.input);
    this.initEmoji();
    initFormatToolbar(this.input, $('#composer-hint'));
  }

  submit() {
    const text = this.input.value;
    const command = this.actions.runCommand(text, this.picked);
    if (command) {
      command.then((problem) => {
        if (problem) { this.error.textContent = problem; return; }
        if (this.input.value === text) this.clear();
      });
      return;
    }
    const problem = this.actions.sendMessage(text, this.picked, this.replying ? { reply: this.replying } : {});
    if (problem) { this.error.textContent = problem; return; }
    if (!text.trim()) return;
    this.clear();
  }

  clear() {
    this.input.value = '';
    this.picked = [];
    this.replyTo(null);
    this.drafts.delete(this.state.current);
    this.autosize();
    this.updateCounter();
    this.input.focus();
  }

  /** Answers `msg` ({seq, from, text}) with the next message sent; null cancels. */
  replyTo(msg) {
    this.replying = msg ? { seq: msg.seq, from: { id: msg.from?.id, nick: msg.from?.nick }, excerpt: [...(msg.text ?? '')].slice(0, 200).join('') } : null;
    this.replyBar.show(this.replying);
    if (msg) this.input.focus();
  }

  /** A person picked from the `@` popup: the mention means them, whoever holds that name when it is sent. */
  notePicked(user) {
    this.picked = [...this.picked.filter((p) => p.nick.toLowerCase() !== user.nick.toLowerCase()), user];
  }

  /** Called when the open room or its settings change: each room keeps its own draft. */
  render() {
    const room = this.state.current;
    if (room !== this.draftRoom) {
      if (this.draftRoom) this.drafts.set(this.draftRoom, this.input.value);
      if (this.replying) this.replyTo(null);
      this.input.value = this.drafts.get(room) ?? '';
      this.draftRoom = room;
      this.autosize();
      this.updateCounter();
      this.error.textContent = '';
    }
    // A read-only room, for someone below moderator: a line says why instead of the box (reactions still work).
    const readOnly = !mayPost(this.state.currentRoom(), this.state.me);
    this.form.hidden = readOnly;
    this.readOnlyLine.hidden = !readOnly;
    const disabled = !room;
    this.input.disabled = disabled;
    this.send.disabled = disabled;
    fitPlaceholder(this.input, room ? t('composer.message-to', { room: roomLabel(this.state, this.state.currentRoom()) }) : t(this.state.welcomed ? 'composer.join-a-room' : 'composer.message'), t('composer.message'));
  }

  autosize() {
    const el = this.input;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_ROWS_PX)}px`;
    el.style.overflowY = el.scrollHeight > MAX_ROWS_PX ? 'auto' : 'hidden';
  }

  updateCounter() {
    const max = this.state.limits.text || 8000;
    const n = this.input.value.length;
    const near = n > max * 0.9;
    this.counter.textContent = near ? `${n} / ${max}` : '';
    this.counter.classList.toggle('over', n > max);
  }

  initEmoji() {
    this.emojiButton.addEventListener('click', () => {
      if (this.closeEmoji) { this.closeEmoji(); return; }
      this.emojiButton.setAttribute('aria-expanded', 'true');
      this.closeEmoji = openEmojiPicker(this.emojiButton, {
        title: t('composer.insert-emoji'),
        onPick: (emoji) => { this.insert(emoji); this.input.focus(); },
        onClose: () => { this.closeEmoji = null; this.emojiButton.setAttribute('aria-expanded', 'false'); },
      });
    });
  }

  insert(text) {
    const el = this.input;
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? el.value.length;
    el.setRangeText(text, start, end, 'end');
    el.dispatchEvent(new Event('input'));
  }
}
