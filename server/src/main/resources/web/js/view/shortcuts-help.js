// view/shortcuts-help.js — "?" (when not typing in a text field) opens the list of every keyboard shortcut.

import { h, $ } from '../dom.js';
import { setupDialog, openDialog } from './dialogs.js';

/** Every shortcut the client has: [keys (any of them), what it does]. Keep in step with README's list. */
export const SHORTCUTS = [
  [['Ctrl+K', '/'], 'Search messages'],
  [['Ctrl+G'], 'Go to a room or conversation'],
  [['Alt+↑', 'Alt+↓'], 'Previous or next room or conversation'],
  [['Enter'], 'Send the message'],
  [['Shift+Enter'], 'New line in the message'],
  [['Ctrl+Enter'], 'Send, even from inside a code block'],
  [['Ctrl+Shift+C'], 'Wrap the message in a code block'],
  [['↑'], 'In an empty message box: edit your last message'],
  [['↑', '↓'], 'In the messages: move from message to message'],
  [['Enter'], 'On a message: its actions (react, reply, edit, delete…)'],
  [['E'], 'On a message of yours: edit it'],
  [['F6', 'Shift+F6'], 'Next or previous area: rooms, messages, message box'],
  [['Esc'], 'Close a dialog, panel or menu; in the messages: back to the message box'],
  [['?'], 'Show these shortcuts'],
];

const isTyping = (el) => el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

export class ShortcutsHelp {
  constructor() {
    this.dialog = null;
    document.addEventListener('keydown', (e) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if ($('#app').hidden || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      this.open();
    });
  }

  open() {
    openDialog(this.dialog ?? this.build(), '[data-action="cancel"]');
  }

  build() {
    const rows = SHORTCUTS.map(([keys, what]) => h('tr', null,
      h('th', { scope: 'row' }, ...keys.flatMap((key, i) => (i ? [' ', h('kbd', null, key)] : [h('kbd', null, key)]))),
      h('td', null, what)));
    const dialog = setupDialog(h('dialog', { class: 'dialog shortcuts', 'data-testid': 'shortcuts-dialog', 'aria-labelledby': 'shortcuts-title' },
      h('div', { class: 'dialog-body' },
        h('h2', { id: 'shortcuts-title' }, 'Keyboard shortcuts'),
        h('table', { class: 'shortcuts-table' }, h('tbody', null, ...rows)),
        h('div', { class: 'dialog-actions' },
          h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'cancel' }, 'Close')))));
    document.body.append(dialog);
    this.dialog = dialog;
    return dialog;
  }
}
