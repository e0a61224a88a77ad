// view/search-outcome.js — What the search panel says about an answer: a count, a page the server cut short to stay quick (more can be searched), or a server too busy to search now (with a way to try again).

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';

/** The error code of a search the server could not run in time (503). */
export const SEARCH_BUSY = 'search_busy';

/** An answer from GET /api/search ({ok, status, body}, see http.js), as the panel uses it: the page, or { error, code } when refused. */
export function answerOf({ ok, status, body }) {
  if (ok) return body;
  const error = body?.error || body?.message ? errorSentence({ code: body.error, message: body.message }, null) : t('search.failed', { status });
  return { error, code: body?.error };
}

/**
 * The status line's content: plain words (never user text), and a Try again button when trying
 * again can help (`retry` runs the same search once more).
 */
export function statusFor(answer, shown, retry) {
  if (answer.error) {
    if (answer.code !== SEARCH_BUSY) return [answer.error];
    return [`${t('search.busy')} `,
      h('button', { type: 'button', class: 'btn btn-ghost search-retry', 'data-testid': 'search-retry', onclick: retry }, t('search.try-again'))];
  }
  if (answer.partial && answer.next) {
    return [t('search.partial', { found: shown ? t('search.so-far', { count: shown }) : t('search.nothing-yet') })];
  }
  return [shown ? t(answer.next ? 'search.results-more' : 'search.results', { count: shown }) : t('search.none')];
}

/** The label of the button that asks for the next page. */
export function moreLabel(answer) {
  return answer.partial ? t('search.keep-going') : t('search.more');
}
