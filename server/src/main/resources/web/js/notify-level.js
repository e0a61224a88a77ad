// notify-level.js — Whether a live message should notify me, by the level I chose for its room (`notify`: all, mentions, none; kept by the server, the same on every device). Unchosen, the default: every message of a direct conversation, mentions elsewhere. Pure: what needs the Markdown parser to decide (is it a mention of me?) is the caller's (notify.js, through mentions.js).

import { t } from './i18n.js';

export const LEVELS = ['all', 'mentions', 'none'];

/** The words for a level in menus ("Default" for none chosen). */
export function levelLabel(level, direct) {
  if (level === 'all') return t('notify.all');
  if (level === 'mentions') return t('notify.mentions');
  if (level === 'none') return t('notify.none');
  return direct ? t('notify.default-direct') : t('notify.default');
}

/**
 * What `level` (undefined: none chosen) says of live message `ev` for me (`meId`): true or false,
 * or 'mentions' (only if it mentions me), or 'default' (a mention of me, a direct message, a reply
 * in a thread I take part in: mentions.js isForMe).
 */
export function noticeRule(level, ev, meId) {
  if (ev?.type !== 'message' || ev.deleted || ev.from?.id === meId) return false;
  if (level === 'none') return false;
  if (level === 'all') return true;
  if (level === 'mentions') return 'mentions';
  return 'default';
}
