// marks.js — What people mark in rooms, wired from features.js: a room's pins (view/pins-view.js), my saved messages (view/saved-view.js), the room's options: notifications (view/room-options.js), mark as unread and jump to a date (view/read-marks-view.js).

import { PinsView } from './view/pins-view.js';
import { SavedView } from './view/saved-view.js';
import { RoomOptions } from './view/room-options.js';
import { ReadMarksView } from './view/read-marks-view.js';

/** `app`: { state, conn, sync, actions, toast, notifier }. */
export function initMarks(app) {
  const pins = new PinsView(app);
  const saved = new SavedView(app);
  const reading = new ReadMarksView(app);
  const menu = new RoomOptions(app, [reading.section]);
  return { pins, saved, reading, menu };
}
