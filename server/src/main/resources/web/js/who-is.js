// who-is.js — After each welcome, asks the server who the authors of the messages this device holds are now (`users` with `ids`), so that a rename made while this page was closed shows on their old messages too.

/** The most ids the server answers in one `users` frame (the contract: 50). */
const MAX_IDS = 50;

/**
 * The authors (message senders and notice subjects) of the held events, the open room's first,
 * then the newest of each room: at most MAX_IDS ids, never me (my own name comes with the welcome).
 */
export function authorsToAsk(state) {
  const ids = new Set();
  const rooms = [state.currentRoom(), ...state.rooms.values()].filter(Boolean);
  for (const room of rooms) {
    for (let i = room.events.length - 1; i >= 0 && ids.size < MAX_IDS; i--) {
      const ev = room.events[i];
      const id = ev.type === 'notice' ? ev.user?.id : ev.from?.id;
      if (typeof id === 'string' && id !== state.me?.id) ids.add(id);
      // the people it mentions by id show their names now too
      for (const m of Array.isArray(ev.mentions) ? ev.mentions : []) {
        if (typeof m?.id === 'string' && m.id !== state.me?.id && ids.size < MAX_IDS) ids.add(m.id);
      }
    }
  }
  return [...ids];
}

/** Asks once; what the server says is who they are now (State.peopleSeen). A failure only means old names a while longer. */
export async function learnWhoAuthorsAre(conn, state) {
  const ids = authorsToAsk(state);
  if (!ids.length) return;
  try {
    const reply = await conn.request({ type: 'users', ids });
    state.peopleSeen((reply.users || []).filter((u) => u && typeof u.id === 'string'));
  } catch {
    // rate_limited or disconnected: the next welcome asks again, history pages carry `authors`.
  }
}
