// view/room-switcher.js — Ctrl+G opens a quick switcher over the rooms and conversations, filtered as you type (Enter opens, arrows choose); Alt+Up and Alt+Down open the previous and next one in the sidebar's order.

import { h, $ } from '../dom.js';
import { t } from '../i18n.js';
import { roomLabel } from '../direct.js';
import { setupDialog, openDialog } from './dialogs.js';

/** `onChosen` runs after a room was opened from here (closes a drawer, focuses the composer). */
export class RoomSwitcher {
  constructor({ state, actions, onChosen }) {
    Object.assign(this, { state, actions, onChosen });
    this.dialog = null;
    this.active = 0;
    document.addEventListener('keydown', (e) => this.shortcut(e));
  }

  /** The rooms in the sidebar's order: public rooms, then direct conversations. */
  rooms() {
    return [...this.state.roomList(), ...this.state.directList()].map((room) => ({ name: room.name, label: roomLabel(this.state, room) }));
  }

  shortcut(e) {
    if ($('#app').hidden || document.querySelector('dialog[open]')) return;
    const ctrlG = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'g';
    if (ctrlG) { e.preventDefault(); this.open(); return; }
    if (e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      const rooms = this.rooms();
      if (!rooms.length) return;
      e.preventDefault();
      const i = rooms.findIndex((r) => r.name === this.state.current);
      const next = rooms[(i + (e.key === 'ArrowUp' ? -1 : 1) + rooms.length) % rooms.length];
      this.actions.openRoom(next.name);
    }
  }

  open() {
    const dialog = this.dialog ?? this.build();
    this.input.value = '';
    this.render();
    openDialog(dialog, '.switcher-input');
  }

  /** The rooms whose label or name holds what was typed (case-insensitive), those starting with it first. */
  matches() {
    const q = this.input.value.trim().toLowerCase().replace(/^#/, '');
    const rooms = this.rooms().filter((r) => !q || r.label.toLowerCase().includes(q) || r.name.includes(q));
    const starts = (r) => (r.label.toLowerCase().replace(/^#/, '').startsWith(q) ? 0 : 1);
    return q ? rooms.sort((a, b) => starts(a) - starts(b)) : rooms;
  }

  render() {
    this.found = this.matches();
    this.active = Math.min(this.active, Math.max(0, this.found.length - 1));
    this.list.replaceChildren(...this.found.map((r, i) => h('li', {
      role: 'option', id: `switcher-option-${i}`, class: `switcher-item${i === this.active ? ' active' : ''}`,
      'aria-selected': i === this.active ? 'true' : 'false', 'data-testid': 'switcher-item', dataset: { room: r.name },
    }, r.label)));
    this.empty.hidden = this.found.length > 0;
    this.input.setAttribute('aria-activedescendant', this.found.length ? `switcher-option-${this.active}` : '');
  }

  choose(name) {
    if (!name) return;
    this.dialog.close('chosen');
    this.actions.openRoom(name);
    this.onChosen();
  }

  build() {
    this.input = h('input', {
      type: 'text', class: 'switcher-input', 'data-testid': 'switcher-input', autocomplete: 'off', spellcheck: 'false',
      role: 'combobox', 'aria-expanded': 'true', 'aria-controls': 'switcher-list', 'aria-label': t('switcher.label'),
      placeholder: t('switcher.placeholder'),
    });
    this.list = h('ul', { id: 'switcher-list', class: 'switcher-list', role: 'listbox', 'aria-label': t('switcher.list') });
    this.empty = h('p', { class: 'hint', 'data-testid': 'switcher-empty' }, t('switcher.none'));
    const dialog = setupDialog(h('dialog', { class: 'dialog switcher', 'data-testid': 'switcher', 'aria-label': t('switcher.dialog') },
      h('div', { class: 'dialog-body' }, this.input, this.list, this.empty,
        h('p', { class: 'hint' }, t('switcher.keys')))));
    this.input.addEventListener('input', () => { this.active = 0; this.render(); });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const n = this.found.length;
        if (n) this.active = (this.active + (e.key === 'ArrowDown' ? 1 : -1) + n) % n;
        this.render();
      } else if (e.key === 'Enter') {
        e.preventDefault();
        this.choose(this.found[this.active]?.name);
      }
    });
    this.list.addEventListener('click', (e) => this.choose(e.target.closest('.switcher-item')?.dataset.room));
    document.body.append(dialog);
    this.dialog = dialog;
    return dialog;
  }
}
