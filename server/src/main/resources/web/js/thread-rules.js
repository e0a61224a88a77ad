// thread-rules.js — What a thread's reply means for me, without a browser: whether the room's flow leaves it out, and whether I take part in its thread (then it counts as unread and notifies as a mention would).

/**
 * A thread's reply not also sent to the room (a message, or one of mine still in the outbox): the
 * room's flow (and its unread count) leaves it out. Notices are never in a thread.
 */
export function threadOnly(ev) {
  return ev?.type !== 'notice' && ev?.thread != null && !ev.alsoInRoom;
}

/**
 * Whether `me` (a user id) takes part in the thread of `ev`: wrote its root, is among the root's
 * repliers, or wrote another reply of it that `room` holds.
 */
export function takesPart(room, ev, me) {
  if (!me || ev?.thread == null || ev.from?.id === me) return false;
  const root = room.bySeq.get(ev.thread);
  if (root?.from?.id === me || root?.replies?.users?.includes(me)) return true;
  return room.events.some((e) => e.thread === ev.thread && e.from?.id === me);
}
