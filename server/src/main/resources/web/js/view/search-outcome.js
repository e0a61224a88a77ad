// view/search-outcome.js — What the search panel says about an answer: a count, a page the server cut short to stay quick (more can be searched), or a server too busy to search now (with a way to try again).

import { h } from '../dom.js';

/** The error code of a search the server could not run in time (503). */
export const SEARCH_BUSY = 'search_busy';

/** An answer from GET /api/search ({ok, status, body}, see http.js), as the panel uses it: the page, or { error, code } when refused. */
export function answerOf({ ok, status, body }) {
  if (ok) return body;
  return { error: body.message || `Search failed (${status}).`, code: body.error };
}

/**
 * The status line's content: plain words (never user text), and a Try again button when trying
 * again can help (`retry` runs the same search once more).
 */
export function statusFor(answer, shown, retry) {
  if (answer.error) {
    if (answer.code !== SEARCH_BUSY) return [answer.error];
    return ['Search is busy right now, so this search did not run. ',
      h('button', { type: 'button', class: 'btn btn-ghost search-retry', 'data-testid': 'search-retry', onclick: retry }, 'Try again')];
  }
  const count = `${shown} result${shown === 1 ? '' : 's'}`;
  if (answer.partial && answer.next) {
    return [`${shown ? `${count} so far.` : 'Nothing found yet.'} The search stopped early to keep the server quick; it can go on.`];
  }
  return [shown ? `${shown}${answer.next ? '+' : ''} result${shown === 1 ? '' : 's'}` : 'No messages found.'];
}

/** The label of the button that asks for the next page. */
export function moreLabel(answer) {
  return answer.partial ? 'Keep searching' : 'More results';
}
