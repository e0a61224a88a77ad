// i18n/errors.js — The client's own sentence for an error code (docs/protocol.md §6, and the client's own: unreachable, disconnected, timeout), never the server's English: retryAfter and until go into it.

import { t } from '../i18n.js';
import en from './en.js';
import { untilText } from './intl.js';

/** Whether the catalogues have a sentence for this code. */
export const knownError = (code) => typeof code === 'string' && en[`error.${code}`] != null;

/** "14:05" when the end is within the day, else the full date. */

/**
 * The sentence for an error ({code, retryAfter?, until?, protected?, busy?} or a code); an unknown code
 * gives `fallback` (a key); with fallback null, the server's message (a code outside the protocol's
 * table, such as an HTTP endpoint's), else "Something went wrong".
 */
export function errorSentence(err, fallback = 'error.unknown', now = Date.now()) {
  const code = typeof err === 'string' ? err : err?.code;
  const f = err?.frame ?? err; // a refused request (js/connection.js) keeps its error frame
  if (code === 'nick_taken' && f?.protected) return t('error.nick_protected');
  // A ban's or mute's reason (`reason`) follows the reader's own sentence.
  const reason = typeof f?.reason === 'string' && f.reason ? f.reason : null;
  const why = (sentence) => (reason ? t('error.with-reason', { sentence, reason }) : sentence);
  // The server's load, not the reader's tries (a full password line): its own sentence.
  if (f?.busy === true && knownError(`${code}_busy`)) return t(`error.${code}_busy`, { seconds: f?.retryAfter ?? 5 });
  if (typeof f?.until === 'number' && knownError(`${code}_until`)) return why(t(`error.${code}_until`, { until: untilText(f.until, now) }));
  if (knownError(code)) return why(t(`error.${code}`, { seconds: f?.retryAfter ?? 5 }));
  if (fallback == null) return err?.message || t('error.unknown');
  return t(fallback, { code: code ?? '' });
}
