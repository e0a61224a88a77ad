// jump.js — Opens a message in its room, in context: the page around it is loaded (Sync.loadAround), the room opened, and the message highlighted (State.highlightMessage); a thread's reply that the room's flow leaves out opens in its thread instead (threads.js, through `open-thread`). The one way pins, saved messages, jump to a date, a reply's quote and search results open a message.

import { threadOnly } from './thread-rules.js';
import { t } from './i18n.js';

const HIGHLIGHT_MS = 2600;

/**
 * `app`: { state, sync, actions, toast }. `say` the sentences for what went wrong, where the
 * caller has better ones: `failed` (could not be loaded), `offline` (said only when given),
 * `gone` (loaded, but no longer there). Resolves true when the message is shown.
 */
export async function jumpToMessage(app, roomName, seq, say = {}) {
  const { state, sync, actions, toast } = app;
  const room = state.room(roomName);
  if (!room) { toast(t('jump.room-gone'), { error: true }); return false; }
  const n = Number(seq);
  try {
    await sync.loadAround(room, n);
  } catch (err) {
    if (!room.bySeq.has(n)) {
      // Offline, a message already held (this device's history) is still shown where it is.
      if (err?.code !== 'disconnected') toast(say.failed ?? t('jump.failed'), { error: true });
      else if (say.offline) toast(say.offline, { error: true });
      return false;
    }
  }
  const held = room.bySeq.get(n);
  if (!held && say.gone) { toast(say.gone, { error: true }); return false; }
  if (state.current !== roomName) actions.openRoom(roomName);
  if (threadOnly(held)) {
    document.dispatchEvent(new CustomEvent('open-thread', { detail: { room: roomName, root: held.thread, seq: n } }));
    return true;
  }
  state.highlightMessage(roomName, n, HIGHLIGHT_MS);
  return true;
}
