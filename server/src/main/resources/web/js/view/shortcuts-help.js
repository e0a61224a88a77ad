// view/shortcuts-help.js — "?" (when not typing in a text field) opens the list of every keyboard shortcut.

import { h, $ } from '../dom.js';
import { setupDialog, openDialog } from './dialogs.js';
import { t } from '../i18n.js';

/** Every shortcut the client has: [keys (any of them), the catalogue key of what it does]. Keep in step with README's list. */
export const SHORTCUTS = [
  [['Ctrl+K', '/'], 'shortcuts.search'],
  [['Ctrl+G'], 'shortcuts.go-to'],
  [['Alt+↑', 'Alt+↓'], 'shortcuts.next-room'],
  [['Enter'], 'shortcuts.send'],
  [['Shift+Enter'], 'shortcuts.new-line'],
  [['Ctrl+Enter'], 'shortcuts.send-code'],
  [['Ctrl+Shift+C'], 'shortcuts.wrap-code'],
  [['↑'], 'shortcuts.edit-last'],
  [['↑', '↓'], 'shortcuts.move'],
  [['Enter'], 'shortcuts.actions'],
  [['E'], 'shortcuts.edit'],
  [['F6', 'Shift+F6'], 'shortcuts.areas'],
  [['Esc'], 'shortcuts.close'],
  [['?'], 'shortcuts.help'],
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
      h('td', null, t(what))));
    const dialog = setupDialog(h('dialog', { class: 'dialog shortcuts', 'data-testid': 'shortcuts-dialog', 'aria-labelledby': 'shortcuts-title' },
      h('div', { class: 'dialog-body' },
        h('h2', { id: 'shortcuts-title' }, t('shortcuts.title')),
        h('table', { class: 'shortcuts-table' }, h('tbody', null, ...rows)),
        h('div', { class: 'dialog-actions' },
          h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'cancel' }, t('page.close'))))));
    document.body.append(dialog);
    this.dialog = dialog;
    return dialog;
  }
}
