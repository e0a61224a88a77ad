// i18n/errors.js — The client's own sentence for an error code (docs/protocol.md §6, and the client's own: unreachable, disconnected, timeout), never the server's English: retryAfter and until go into it.

import { t } from '../i18n.js';
import en from './en.js';
import { formatTime, formatFull } from './intl.js';

/** Whether the catalogues have a sentence for this code. */
export const knownError = (code) => typeof code === 'string' && en[`error.${code}`] != null;

/** "14:05" when the end is within the day, else the full date. */
const whenText = (until, now) => (until - now < 20 * 3600_000 ? formatTime(until) : formatFull(until));

/**
 * The sentence for an error ({code, retryAfter?, until?, protected?} or a code); an unknown code
 * gives `fallback` (a key); with fallback null, the server's message (a code outside the protocol's
 * table, such as an HTTP endpoint's), else "Something went wrong".
 */
export function errorSentence(err, fallback = 'error.unknown', now = Date.now()) {
  const code = typeof err === 'string' ? err : err?.code;
  if (code === 'nick_taken' && err?.protected) return t('error.nick_protected');
  if (typeof err?.until === 'number' && knownError(`${code}_until`)) return t(`error.${code}_until`, { until: whenText(err.until, now) });
  if (knownError(code)) return t(`error.${code}`, { seconds: err?.retryAfter ?? 5 });
  if (fallback == null) return err?.message || t('error.unknown');
  return t(fallback, { code: code ?? '' });
}
