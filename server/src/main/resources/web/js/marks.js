// marks.js — What people mark in rooms, wired from features.js: a room's pins (view/pins-view.js), my saved messages (view/saved-view.js).

import { PinsView } from './view/pins-view.js';
import { SavedView } from './view/saved-view.js';

/** `app`: { state, conn, sync, actions, toast }. */
export function initMarks(app) {
  const pins = new PinsView(app);
  const saved = new SavedView(app);
  return { pins, saved };
}
