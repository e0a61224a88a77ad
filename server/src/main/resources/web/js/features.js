// features.js — Starts the features that hang off the chat screen without being its core: each
// gets what it needs from one context object and subscribes to the state itself, so main.js (the
// core wiring) stays one line per feature.

import { initModeration } from './moderation.js';
import { initRoomAdmin } from './view/room-admin.js';
import { RoomMenu } from './view/room-menu.js';
import { initKeyboardRegions } from './view/keyboard-regions.js';
import { initLinkPreviews } from './link-previews.js';
import { initVoice } from './view/voice-recorder.js';
import { initReplies } from './replies.js';
import { initThreads } from './threads.js';
import { initMarks } from './marks.js';
import { ThreadsView } from './view/threads-view.js';
import { initLanguageSetting } from './view/language-setting.js';
import { initPush } from './push.js';

/**
 * @param {object} app what main.js built: state, conn, sync, actions, toast, composer, userCard,
 *   messagePrivately, attachments, notifier
 */
export function initFeatures(app) {
  const { state, conn, sync, actions, toast, composer, userCard, messagePrivately, notifier } = app;
  initModeration({ state, conn, toast, onMessagePrivately: messagePrivately, userCard });
  initRoomAdmin({ state, conn, composer });
  new RoomMenu();
  initKeyboardRegions();
  initLinkPreviews({ state, conn, toast });
  initVoice({ state, attachments: app.attachments, toast });
  initThreads({ state, conn, actions, toast, changes: sync.changes });
  initReplies({ state, sync, actions, toast, composer });
  initMarks({ state, conn, sync, actions, toast, notifier });
  new ThreadsView({ state, conn, actions, toast });
  initLanguageSetting();
  initPush({ state, conn, actions, toast });
}
