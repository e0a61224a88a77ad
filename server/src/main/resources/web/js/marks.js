// marks.js — What people mark in rooms, wired from features.js: a room's pins (view/pins-view.js), my saved messages (view/saved-view.js), the room's options: notifications (view/room-menu.js).

import { PinsView } from './view/pins-view.js';
import { SavedView } from './view/saved-view.js';
import { RoomMenu } from './view/room-menu.js';

/** `app`: { state, conn, sync, actions, toast, notifier }. */
export function initMarks(app) {
  const pins = new PinsView(app);
  const saved = new SavedView(app);
  const menu = new RoomMenu(app);
  return { pins, saved, menu };
}
