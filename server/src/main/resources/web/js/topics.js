// topics.js — The model's render topics: the named parts of the model a view can subscribe to, and the batching that runs each subscriber once per task however often its part changed.

/** What views subscribe to; each names the part of the model that changed. */
export const TOPIC = Object.freeze({
  /** Who I am (nick, avatar). */
  ME: 'me',
  /** The rooms I am in: their list, names, unread and mention counts. */
  ROOMS: 'rooms',
  /** The open room's messages, and which room is open. */
  LOG: 'log',
  /** People online or away. */
  USERS: 'users',
  /** The public rooms to browse. */
  DIRECTORY: 'directory',
  /** Who is typing where. */
  TYPING: 'typing',
});
const TOPICS = new Set(Object.values(TOPIC));

/** Subscriptions by topic; `touch` marks topics changed and their subscribers run at the end of the current task. */
export class Topics {
  constructor() {
    this.listeners = new Map();
    this.dirty = new Set();
    this.flushQueued = false;
  }

  /** Subscribes fn to a topic (one of TOPIC). */
  on(topic, fn) {
    known(topic);
    if (!this.listeners.has(topic)) this.listeners.set(topic, []);
    this.listeners.get(topic).push(fn);
  }

  /** Marks topics changed; listeners run once per topic at the end of the current task. */
  touch(...topics) {
    for (const t of topics) this.dirty.add(known(t));
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => this.flush());
  }

  flush() {
    this.flushQueued = false;
    const topics = [...this.dirty];
    this.dirty.clear();
    for (const t of topics) for (const fn of this.listeners.get(t) || []) {
      try { fn(); } catch (err) { console.error(`parley: ${t} view failed`, err); }
    }
  }
}

/** A topic not in TOPIC is a typo that would never render: refused at once. */
function known(topic) {
  if (!TOPICS.has(topic)) throw new Error(`parley: no topic "${topic}"`);
  return topic;
}
