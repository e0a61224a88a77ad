// view/room-admin.js — Wires the room's owner and moderators' tools into the client (one line in main.js): the "Room settings" and "Moderation history" dialogs, and the composer that follows a room's read-only flag and my role live.

import { TOPIC } from '../topics.js';
import { RoomSettingsDialog } from './room-settings-dialog.js';
import { AuditDialog } from './audit-dialog.js';

/** Builds both dialogs; their header buttons and the composer re-render when a room, the open room or I change. */
export function initRoomAdmin({ state, conn, composer }) {
  const settings = new RoomSettingsDialog({ state, conn });
  const audit = new AuditDialog({ state, conn });
  // A `room` frame (the flag set or lifted, my new role) touches ROOMS; switching rooms, LOG; an admin's welcome, ME.
  const render = () => { settings.render(); audit.render(); composer.render(); };
  for (const topic of [TOPIC.ROOMS, TOPIC.LOG, TOPIC.ME]) state.on(topic, render);
  return { settings, audit };
}
