// view/message-editor.js — Edits one of my messages in place: a textarea where its text was (Enter saves, Shift+Enter breaks the line, Escape cancels); ArrowUp in an empty composer edits my last message.

import { h } from '../dom.js';
import { t, tParts } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';

const MAX_HEIGHT_PX = 320;
/** After the server said ok, wait this long for the edited message to arrive before closing anyway. */
const CLOSE_AFTER_OK_MS = 3000;

export class MessageEditor {
  /** `find(room, seq)`: the message as held (the room's log by default; a thread's panel holds more). */
  constructor({ state, list, composer, changes, onEmpty, find = (room, seq) => state.room(room)?.bySeq.get(seq) }) {
    Object.assign(this, { state, list, composer, changes, onEmpty, find });
    /** {room, seq, rev, box, input, error, saving, saved, focused} while editing. */
    this.editing = null;

    composer.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowUp' || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return;
      if (composer.value !== '') return;
      const last = this.lastOwnMessage();
      if (!last) return;
      e.preventDefault();
      this.start(last.seq);
    });
  }

  /** My newest message in the open room that can still be edited. */
  lastOwnMessage() {
    const room = this.state.currentRoom();
    const me = this.state.me?.id;
    if (!room || !me) return null;
    for (let i = room.events.length - 1; i >= 0; i--) {
      const ev = room.events[i];
      if (ev.type === 'message' && ev.from?.id === me && !ev.deleted) return ev;
    }
    return null;
  }

  isEditing(seq) {
    return !!this.editing && this.editing.room === this.state.current && this.editing.seq === seq;
  }

  start(seq) {
    const room = this.state.currentRoom();
    const msg = room ? this.find(room.name, seq) : null;
    if (!msg || msg.type !== 'message' || msg.deleted || msg.from?.id !== this.state.me?.id) return;
    if (this.isEditing(seq)) { this.editing.input.focus(); return; }
    this.close(false);

    const input = h('textarea', {
      class: 'msg-editor-input', 'data-testid': 'message-editor', rows: '1',
      'aria-label': t('editor.label'), enterkeyhint: 'done', dir: 'auto',
    });
    input.value = msg.text ?? '';
    const error = h('span', { class: 'form-error', 'data-testid': 'edit-error', role: 'alert' });
    const status = h('span', { class: 'msg-editor-status', 'aria-live': 'polite' });
    const box = h('div', { class: 'msg-editor' },
      input,
      h('div', { class: 'msg-editor-meta' },
        h('span', { class: 'hint' }, ...tParts('editor.keys', {
          cancel: h('button', { type: 'button', class: 'link-btn', 'data-testid': 'edit-cancel', onclick: () => this.close(true) }, t('editor.cancel')),
          save: h('button', { type: 'button', class: 'link-btn', 'data-testid': 'edit-save', onclick: () => this.save() }, t('editor.save')),
        })),
        status,
        error));
    this.editing = { room: room.name, seq, rev: msg.rev || 0, box, input, error, status, saving: false, saved: false, focused: true };

    input.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        this.close(true);
      } else if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        this.save();
      }
    });
    input.addEventListener('input', () => { error.textContent = ''; this.autosize(); });
    box.addEventListener('focusin', () => { if (this.editing) this.editing.focused = true; });
    box.addEventListener('focusout', (e) => {
      // Only a move elsewhere counts; a node rebuilt under the editor loses focus without one.
      if (this.editing && e.relatedTarget && !box.contains(e.relatedTarget)) this.editing.focused = false;
    });

    this.mount();
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    this.autosize();
    input.closest('.msg')?.scrollIntoView({ block: 'nearest' });
  }

  /** Puts the editor into the row of the message being edited (the row is rebuilt when the message changes). */
  mount() {
    const ed = this.editing;
    const node = this.list.querySelector(`.msg[data-seq="${ed.seq}"]:not([data-pending])`);
    if (!node) return false;
    if (!node.contains(ed.box)) {
      const hadFocus = ed.focused && (!document.activeElement || document.activeElement === document.body);
      node.classList.add('editing');
      node.querySelector('.msg-body').after(ed.box);
      if (hadFocus) ed.input.focus({ preventScroll: true });
    }
    return true;
  }

  /** After every render of the log: keep the editor in its row, or close it if its message is gone. */
  afterRender() {
    const ed = this.editing;
    if (!ed) return;
    const msg = this.find(ed.room, ed.seq);
    if (ed.room !== this.state.current || !msg || msg.deleted) { this.close(false); return; }
    if (ed.saved && (msg.rev || 0) > ed.rev) { this.close(true); return; }
    if (!this.mount()) this.close(false);
  }

  async save() {
    const ed = this.editing;
    if (!ed || ed.saving) return;
    const msg = this.find(ed.room, ed.seq);
    const text = ed.input.value;
    if (!msg) { this.close(false); return; }
    if (text === (msg.text ?? '')) { this.close(true); return; }
    if (!text.trim() && !msg.image && !msg.file) {
      // Saving nothing means removing it: ask, as deleting does.
      this.onEmpty(ed.room, ed.seq);
      return;
    }
    const max = this.state.limits.text || 8000;
    if ([...text].length > max) {
      ed.error.textContent = t('editor.too-long', { max });
      return;
    }
    ed.saving = true;
    ed.status.textContent = t('editor.saving');
    try {
      await this.changes.edit(ed.room, ed.seq, text);
      if (this.editing !== ed) return;
      ed.saved = true;
      const now = this.find(ed.room, ed.seq);
      if (!now || (now.rev || 0) > ed.rev) this.close(true);
      else setTimeout(() => { if (this.editing === ed) this.close(true); }, CLOSE_AFTER_OK_MS);
    } catch (err) {
      if (this.editing !== ed) return;
      ed.saving = false;
      ed.status.textContent = '';
      ed.error.textContent = err?.code === 'disconnected' || err?.code === 'timeout'
        ? t('editor.failed-offline')
        : t('editor.failed', { reason: errorSentence(err, null) });
      ed.input.focus();
    }
  }

  /** Closes the editor; with `refocus`, the composer gets the keyboard back. */
  close(refocus) {
    const ed = this.editing;
    if (!ed) return;
    this.editing = null;
    const node = ed.box.closest('.msg');
    node?.classList.remove('editing');
    ed.box.remove();
    if (refocus && !this.composer.disabled) this.composer.focus({ preventScroll: true });
  }

  autosize() {
    const el = this.editing?.input;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight + 2, MAX_HEIGHT_PX)}px`;
    el.style.overflowY = el.scrollHeight > MAX_HEIGHT_PX ? 'auto' : 'hidden';
  }
}
