// jump.js — Opens a message in its room, in context: the page around it is loaded (Sync.loadAround), the room opened, and the message highlighted (State.highlightMessage), as a search result is. Used by pins, saved messages and jump to a date.

const HIGHLIGHT_MS = 2600;

/** `app`: { state, sync, actions, toast }. Resolves true when the message is shown. */
export async function jumpToMessage(app, roomName, seq) {
  const { state, sync, actions, toast } = app;
  const room = state.room(roomName);
  if (!room) { toast('That room is no longer in your list.'); return false; }
  const n = Number(seq);
  try {
    await sync.loadAround(room, n);
  } catch (err) {
    if (!room.bySeq.has(n)) {
      if (err?.code !== 'disconnected') toast('That message could not be loaded.');
      return false;
    }
  }
  actions.openRoom(roomName);
  state.highlightMessage(roomName, n, HIGHLIGHT_MS);
  return true;
}
