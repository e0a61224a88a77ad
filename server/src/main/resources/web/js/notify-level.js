// notify-level.js — Whether a live message should notify me, by the level I chose for its room (`notify`: all, mentions, none; kept by the server, the same on every device). Unchosen, the default: every message of a direct conversation, mentions elsewhere.

import { isForMe, mentionsMeSoon } from './mentions.js';

export const LEVELS = ['all', 'mentions', 'none'];

/** The words for a level in menus ("Default" for none chosen). */
export function levelLabel(level, direct) {
  if (level === 'all') return 'Every message';
  if (level === 'mentions') return 'Only mentions of me';
  if (level === 'none') return 'Nothing';
  return direct ? 'Default (every message)' : 'Default (mentions of me)';
}

/** True when `ev` (live, in `room`) is one to notify me of at `level` (undefined: the default). */
export async function wantsNotice(level, state, room, ev) {
  if (ev?.type !== 'message' || ev.deleted || ev.from?.id === state.me?.id) return false;
  if (level === 'none') return false;
  if (level === 'all') return true;
  if (level === 'mentions') return mentionsMeSoon(state, room, ev);
  return isForMe(state, room, ev);
}
