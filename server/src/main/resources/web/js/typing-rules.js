// typing-rules.js — Where "is typing" is shared: in conversations and rooms of at most TYPING_ROOM_LIMIT members, as Zulip does (its channels of more than 100 subscribers show none). In a larger room a typing line names strangers and changes all the time, and each typing frame is sent to every member: in a room of 1,000 one person's typing costs the server as much as a message. Pure: actions.js asks before it sends, state.js before it shows.

import { isDirect } from './direct.js';

/** Most members a room may have for its typing to be shared. */
export const TYPING_ROOM_LIMIT = 100;

/** Whether typing is sent and shown in this room: always in a direct or group conversation; in a room while its member count (the server's) is at most the limit. */
export function typingShared(room) {
  if (!room) return false;
  if (isDirect(room.name)) return true;
  return !(Number(room.members) > TYPING_ROOM_LIMIT);
}
