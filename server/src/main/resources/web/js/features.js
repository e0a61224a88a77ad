// features.js — Starts the features that hang off the chat screen without being its core: each
// gets what it needs from one context object and subscribes to the state itself, so main.js (the
// core wiring) stays one line per feature.

import { initModeration } from './moderation.js';
import { initRoomAdmin } from './view/room-admin.js';
import { initMarks } from './marks.js';

/**
 * @param {object} app what main.js built: state, conn, sync, actions, toast, composer, userCard,
 *   messagePrivately
 */
export function initFeatures(app) {
  const { state, conn, sync, actions, toast, composer, userCard, messagePrivately, notifier } = app;
  initModeration({ state, conn, toast, onMessagePrivately: messagePrivately, userCard });
  initRoomAdmin({ state, conn, composer });
  initMarks({ state, conn, sync, actions, toast, notifier });
}
