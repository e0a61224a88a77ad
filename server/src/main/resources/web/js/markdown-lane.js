// markdown-lane.js — One Markdown worker (js/markdown-worker.js) and the texts sent to it, answered in order, each within a time budget: past it the worker is terminated, the texts after the slow one go to a new worker, and the slow one is handed back.

/** Beside this module, so it carries the same version in its path (the server's /v/<version>/). */
const WORKER_URL = new URL('./markdown-worker.js', import.meta.url);

export class WorkerLane {
  /**
   * `budget`: how long one text may hold the worker, in ms. `onResult(job, data)`: the worker's
   * answer ({html} or {why}); `onOverrun(job)`: the job ran over its budget; `onBroken(reason)`: no
   * worker can run here; `shortcodes()`: a promise of the emoji shortcode table (a Map) each new
   * worker is given before it says it is ready. A job is {id, text, inline, …}; ids are unique across lanes.
   */
  constructor(budget, { onResult, onOverrun, onBroken, shortcodes }) {
    Object.assign(this, { budget, onResult, onOverrun, onBroken, shortcodes });
    /** Main thread only. The jobs given to this lane and not answered yet, in order: the first is the one the worker works on. */
    this.jobs = [];
    /** How many of `jobs` were posted to the current worker. */
    this.posted = 0;
    this.worker = null;
    this.ready = false;
    this.timer = 0;
  }

  send(jobs) {
    this.jobs.push(...jobs);
    this.flush();
  }

  flush() {
    if (!this.jobs.length) return;
    if (!this.worker) this.start();
    if (!this.ready || this.posted === this.jobs.length) return;
    const idle = this.posted === 0;
    const batch = this.jobs.slice(this.posted);
    this.posted = this.jobs.length;
    this.worker.postMessage({ items: batch.map(({ id, text, inline }) => ({ id, text, inline })) });
    if (idle) this.arm();
  }

  start() {
    let worker;
    try {
      worker = new Worker(WORKER_URL);
    } catch (err) {
      this.broken(err);
      return;
    }
    this.worker = worker;
    this.ready = false;
    // A stopped worker's last words are not this one's.
    worker.onmessage = ({ data }) => { if (this.worker === worker) this.received(data); };
    worker.onerror = (e) => { if (this.worker === worker && !this.ready) this.broken(e.message); };
    this.shortcodes().then((table) => { if (this.worker === worker) worker.postMessage({ shortcodes: table }); });
  }

  received(data) {
    if (data.failed) { this.broken(data.failed); return; }
    if (data.ready) { this.ready = true; this.flush(); return; }
    const job = this.jobs[0];
    if (!job || job.id !== data.id) return;
    this.jobs.shift();
    this.posted--;
    if (this.posted) this.arm();
    else clearTimeout(this.timer);
    this.onResult(job, data);
  }

  /** The budget of the job the worker starts on now. */
  arm() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.overrun(), this.budget);
  }

  overrun() {
    const job = this.jobs.shift();
    this.stop();
    this.flush();
    if (job) this.onOverrun(job);
  }

  stop() {
    clearTimeout(this.timer);
    this.worker?.terminate();
    this.worker = null;
    this.ready = false;
    this.posted = 0;
  }

  broken(reason) {
    this.close();
    this.onBroken(reason);
  }

  /** Stops the worker and drops every job (the page shows text as typed from now on). */
  close() {
    this.stop();
    this.jobs = [];
  }
}
