// view/room-menu.js — On a phone the room header's buttons (Room settings, Moderation, History kept, Invite people, Leave, and whatever a feature adds there) would wrap into rows above the messages; there they fold into one "Room actions" button that opens them as a bottom sheet. Each item clicks the header's own button, so a feature's header button needs nothing here.

import { h, $, icon } from '../dom.js';
import { setupDialog, openDialog } from './dialogs.js';
import { t } from '../i18n.js';

const MORE_ICON = ['M5 12h.01', 'M12 12h.01', 'M19 12h.01'];
/** Header buttons that stay in the header at every width (they are small or are the header). */
const KEPT = new Set(['room-members']);

export class RoomMenu {
  constructor() {
    this.header = $('.room-header');
    this.button = h('button', {
      type: 'button', class: 'icon-btn small room-menu-button', id: 'room-menu-button', 'data-testid': 'room-menu-button',
      'aria-haspopup': 'dialog', 'aria-label': t('roomopts.actions'), title: t('roomopts.actions'),
    }, icon(MORE_ICON));
    this.header.append(this.button);
    this.button.addEventListener('click', () => this.open());
    this.sheet = null;
    // The views show and hide the header's buttons as the room and my role change: no button, no menu.
    // (Only a change is written: writing `hidden` again is itself a mutation, and would loop.)
    const follow = () => {
      const none = this.actions().length === 0;
      if (this.button.hidden !== none) this.button.hidden = none;
    };
    new MutationObserver(follow).observe(this.header, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden', 'disabled'] });
    follow();
  }

  /** The header's buttons a person can use now, in the header's order. */
  actions() {
    return [...this.header.querySelectorAll(':scope > button.btn')]
      .filter((b) => !b.hidden && !b.disabled && !KEPT.has(b.id));
  }

  open() {
    const sheet = this.sheet ?? this.build();
    const items = this.actions().map((b) => h('button', {
      type: 'button', class: 'sheet-item', 'data-testid': `room-menu-${b.id}`,
      onclick: () => { sheet.close(); b.click(); },
    }, h('span', null, b.textContent.trim())));
    this.body.replaceChildren(...items);
    openDialog(sheet, '.sheet-item');
  }

  build() {
    this.body = h('div', { class: 'sheet-items' });
    this.sheet = setupDialog(h('dialog', { class: 'dialog sheet', 'data-testid': 'room-menu', 'aria-label': t('roomopts.actions') },
      h('div', { class: 'sheet-handle', 'aria-hidden': 'true' }),
      this.body,
      h('button', { type: 'button', class: 'btn btn-ghost btn-block sheet-cancel', 'data-action': 'cancel' }, t('common.cancel'))));
    document.body.append(this.sheet);
    return this.sheet;
  }
}
