// view/markdown-gate.js — Lets a view hold back new rows (briefly) until the Markdown of their text is parsed and sanitized, so that they appear formatted, in order and at once; rows shown before that are rebuilt when it is.

import { prepare, presanitize, markdownResult, onMarkdownChange } from '../markdown.js';

/** The longest a view holds back rows for their Markdown; then they show as typed until it is parsed. */
const MAX_HOLD_MS = 1000;

export class MarkdownGate {
  /** `render`: the view's render, called again when the texts it waits for are parsed. */
  constructor(render) {
    this.render = render;
    /** performance.now() when the current hold began, 0 when nothing is held. Main thread only. */
    this.since = 0;
    this.waiting = false;
  }

  /**
   * True when the view should keep what it shows and wait: some of `texts` are still being parsed.
   * The gate calls render again once they are, or once the hold has lasted MAX_HOLD_MS.
   */
  holds(texts) {
    const missing = texts.filter((text) => !markdownResult(text));
    if (!missing.length) {
      this.since = 0;
      return false;
    }
    const now = performance.now();
    this.since ||= now;
    const left = MAX_HOLD_MS - (now - this.since);
    if (left <= 0) return false;
    const parsed = prepare(missing);
    if (!this.waiting) {
      this.waiting = true;
      const timer = setTimeout(() => this.release(), left);
      parsed.then(() => presanitize(texts)).then(() => { clearTimeout(timer); this.release(); });
    }
    return true;
  }

  release() {
    if (!this.waiting) return;
    this.waiting = false;
    this.render();
  }
}

/**
 * What a row built from `text` must remember to know, later, whether it was built too early:
 * the text and what was known of its Markdown then.
 */
export function builtFrom(text) {
  return text == null ? null : { text, result: markdownResult(text) };
}

/** Whether a row built as `built` says should now be built again (its text's Markdown became known or changed). */
export function builtTooEarly(built) {
  return !!built && !built.result?.final && markdownResult(built.text) !== built.result;
}

export { onMarkdownChange };
