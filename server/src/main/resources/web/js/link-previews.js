// link-previews.js — The author's × on a link preview: asks the server to remove it (`unpreview`).
// The card itself is drawn with the message (view/link-preview.js); the change comes back to
// every member as the message again, without its preview.

import { errorSentence } from './i18n/errors.js';

/** @param {{state: object, conn: object, toast: function}} app */
export function initLinkPreviews({ state, conn, toast }) {
  document.addEventListener('click', async (e) => {
    const button = e.target.closest?.('[data-unpreview]');
    if (!button || button.closest('#archive-view')) return;
    e.preventDefault();
    const room = state.currentRoom()?.name;
    const seq = Number(button.dataset.unpreview);
    if (!room || !Number.isInteger(seq)) return;
    button.disabled = true;
    try {
      await conn.request({ type: 'unpreview', room, seq });
    } catch (err) {
      button.disabled = false;
      toast(errorSentence(err, 'preview.remove-failed'), { error: true });
    }
  });
}
