// markdown-queue.js — The page's side of the Markdown workers (js/markdown-lane.js): texts wait here to be parsed, in order and in batches, each within a time budget and, when over it, tried once more aside; results are kept in a small cache, and texts that were too slow are remembered across reloads.

import { storage } from './storage.js';
import { WorkerLane } from './markdown-lane.js';
import { shortcodeTable } from './emoji/data.js';

/**
 * A text may hold the worker this long. Then the worker is stopped, a new one takes the texts
 * after it, and the text is tried once more in a second worker, so that it holds up no other.
 */
const BUDGET_MS = 150;
/** The second and last try; over this the text is shown as plain text, on this device for good. */
const RETRY_BUDGET_MS = 600;
/**
 * marked 17 takes time cubic in the number of unclosed links ("[](" 2,666 times: 25 s): a text
 * with this many "](" is shown plain without trying (no real message has a thousand links).
 */
const MAX_LINK_OPENERS = 1000;
/** Results kept; the least recently used go first, but never one used in the last KEEP_RECENT_MS. */
const CACHE_ENTRIES = 1000;
const KEEP_RECENT_MS = 10_000;
/** How many texts that were too slow are remembered (as hashes), across reloads. */
const REMEMBER_SLOW = 200;

/**
 * A result: {html} (sanitize, then show) or {plain: why} (show the text as typed: 'slow' over
 * budget, 'links' turned away unparsed, 'large' too many elements to lay out, 'failed' the parser
 * threw, 'unavailable' no worker).
 * `final` is false only between a first try over budget and the second one.
 */
const UNAVAILABLE = Object.freeze({ plain: 'unavailable', final: true });
const LINKS = Object.freeze({ plain: 'links', final: true });
const SLOW = Object.freeze({ plain: 'slow', final: true });
const SLOW_FOR_NOW = Object.freeze({ plain: 'slow', final: false });
const FAILED = Object.freeze({ plain: 'failed', final: true });
const LARGE = Object.freeze({ plain: 'large', final: true });

function keyOf(text, inline) {
  return (inline ? 'i' : 'b') + text;
}

/** A 53-bit hash of a text (cyrb53): what is remembered of a text that was too slow. */
function hashOf(text) {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

function linkOpeners(text) {
  let n = 0;
  for (let i = text.indexOf(']('); i >= 0 && n < MAX_LINK_OPENERS; i = text.indexOf('](', i + 2)) n++;
  return n;
}

class MarkdownQueue {
  constructor() {
    /** key → {result, used}: Map order is least recently used first. Main thread only, like everything here. */
    this.cache = new Map();
    /** key → job without a final result yet: {id, key, text, inline, result, done, finished, resolve, resolveFinal}. */
    this.jobs = new Map();
    /** Jobs asked for in this turn, sent together. */
    this.batch = [];
    this.broken = false;
    this.nextId = 1;
    this.listeners = new Set();
    this.changed = false;
    this.slow = new Set(storage.slowMarkdown());
    const answer = (job, data) => this.settle(job, typeof data.html === 'string' ? { html: data.html, final: true }
      : data.why === 'large' ? LARGE : FAILED);
    const giveUp = (reason) => this.giveUp(reason);
    /** First tries; a text over budget goes on to its second try in a worker of its own, so that it holds up no other. */
    const shortcodes = shortcodeTable;
    this.lane = new WorkerLane(BUDGET_MS, { onResult: answer, onOverrun: (job) => this.retry(job), onBroken: giveUp, shortcodes });
    this.retries = new WorkerLane(RETRY_BUDGET_MS, { onResult: answer, onOverrun: (job) => this.tooSlow(job), onBroken: giveUp, shortcodes });
  }

  /** The result for a text, or undefined while it is unknown (not asked for, or not parsed yet). */
  get(text, inline) {
    const key = keyOf(text, inline);
    const entry = this.cache.get(key);
    // A result that is not final stays known while its job waits, even if the cache let it go.
    if (!entry) return this.jobs.get(key)?.result;
    this.cache.delete(key);
    entry.used = performance.now();
    this.cache.set(key, entry);
    return entry.result;
  }

  /**
   * The result for a text, once it is known (a result that is not final may change later: see
   * onChange); with `final`, once it will not change.
   */
  parse(text, inline, { final = false } = {}) {
    const known = this.get(text, inline);
    const key = keyOf(text, inline);
    const held = this.jobs.get(key);
    if (known && (known.final || !final || !held)) return Promise.resolve(known);
    if (held) return final ? held.finished : held.done;
    const quick = this.broken ? UNAVAILABLE
      : linkOpeners(text) >= MAX_LINK_OPENERS ? LINKS
      : this.slow.has(hashOf(text)) ? SLOW : null;
    if (quick) {
      this.keep(key, quick);
      return Promise.resolve(quick);
    }
    const job = { id: this.nextId++, key, text, inline };
    job.done = new Promise((resolve) => { job.resolve = resolve; });
    job.finished = new Promise((resolve) => { job.resolveFinal = resolve; });
    this.jobs.set(key, job);
    if (!this.batch.length) {
      queueMicrotask(() => {
        const jobs = this.batch.splice(0);
        if (!this.broken) this.lane.send(jobs);
      });
    }
    this.batch.push(job);
    return final ? job.finished : job.done;
  }

  /** Calls `fn` (once per burst) after results changed: texts became known, or a result changed. */
  onChange(fn) {
    this.listeners.add(fn);
  }

  keep(key, result) {
    this.cache.delete(key);
    this.cache.set(key, { result, used: performance.now() });
    const old = performance.now() - KEEP_RECENT_MS;
    for (const [k, entry] of this.cache) {
      if (this.cache.size <= CACHE_ENTRIES || entry.used > old) break;
      this.cache.delete(k);
    }
    if (!this.changed) {
      this.changed = true;
      queueMicrotask(() => { this.changed = false; for (const fn of this.listeners) fn(); });
    }
  }

  settle(job, result) {
    this.keep(job.key, result);
    job.result = result;
    job.resolve(result);
    if (!result.final) return;
    this.jobs.delete(job.key);
    job.resolveFinal(result);
  }

  /** Over budget once: shown as typed for now, and tried again with a longer budget. */
  retry(job) {
    this.settle(job, SLOW_FOR_NOW);
    this.retries.send([job]);
  }

  /** Over budget twice: shown as typed, on this device for good. */
  tooSlow(job) {
    this.settle(job, SLOW);
    this.slow.add(hashOf(job.text));
    const list = [...this.slow].slice(-REMEMBER_SLOW);
    this.slow = new Set(list);
    storage.saveSlowMarkdown(list);
  }

  /** No worker can run here (or it cannot load its scripts): every text is shown as typed. */
  giveUp(reason) {
    if (this.broken) return;
    console.warn('parley: the Markdown worker is unavailable; text is shown as typed', reason);
    this.broken = true;
    this.lane.close();
    this.retries.close();
    for (const job of [...this.jobs.values()]) this.settle(job, UNAVAILABLE);
  }
}

/** The one queue of the page. */
export const markdownQueue = new MarkdownQueue();
