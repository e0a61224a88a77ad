// view/keyboard-regions.js — Moving around the chat by keyboard alone: F6 (Shift+F6 back) goes from the room list to the messages to the message box, as in desktop apps; a skip link, the first Tab stop, goes straight to the messages; Escape on the messages returns to the message box. (Up and Down between messages are the list's, Enter opens a message's actions: view/message-actions.js.)

import { $ } from '../dom.js';

/** The regions F6 visits, in order; one hidden (the room list in a closed drawer on a phone) is passed over. */
const REGIONS = [
  () => $('#rooms-panel .room-item[aria-current="page"]') ?? $('#rooms-panel .room-item'),
  () => $('#message-list'),
  () => $('#composer-input'),
];

const visible = (el) => el && el.checkVisibility?.({ visibilityProperty: true }) !== false && !el.closest('[hidden]');

export function initKeyboardRegions() {
  const skip = $('#skip-to-messages');
  skip?.addEventListener('click', (e) => {
    e.preventDefault();
    $('#message-list').focus();
  });

  document.addEventListener('keydown', (e) => {
    if ($('#app').hidden || document.querySelector('dialog[open]')) return;
    if (e.key === 'F6' && !e.ctrlKey && !e.altKey && !e.metaKey) {
      const targets = REGIONS.map((find) => find()).filter(visible);
      if (!targets.length) return;
      e.preventDefault();
      const active = document.activeElement;
      const holds = (t) => t === active || t.contains(active) || (t.closest('#rooms-panel') && active?.closest('#rooms-panel'));
      const at = targets.findIndex(holds);
      const i = at < 0 ? (e.shiftKey ? targets.length - 1 : 0) : (at + (e.shiftKey ? -1 : 1) + targets.length) % targets.length;
      const next = targets[i];
      next.focus();
      return;
    }
    if (e.key === 'Escape' && !e.defaultPrevented && document.activeElement?.closest?.('#message-list')
        && !document.activeElement.closest('.msg-editor')) {
      e.preventDefault();
      $('#composer-input').focus();
    }
  });
}
