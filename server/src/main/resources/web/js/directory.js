// directory.js — The public rooms to browse: the welcome's first page, further pages and filtered pages asked with the `directory` frame.

import { TOPIC } from './topics.js';
import { isDirect } from './direct.js';

const PAGE = 50;
/** As many as the welcome lists: the rooms refreshed when the dialog opens. */
const REFRESH = 200;
/** Typing settles this long before the filter goes to the server. */
const FILTER_DELAY_MS = 250;
/**
 * The server looks at a bounded number of rooms per page, so a rare filter may come back short
 * with `more`: ask on by itself this many times before leaving it to "More rooms".
 */
const FILTER_HOPS = 8;

/**
 * The model of "Browse rooms". The server lists at most 200 public rooms in the welcome (the
 * busiest first) and pages the rest on request, so this holds:
 *  - the whole listing: every public room the client knows (state.directory, kept current by
 *    `room` frames), with the cursor to page on from (`next`, while `more`);
 *  - a filtered listing: the rooms the server found for the filter, in its order, with its own cursor.
 * Views read listing() and call filter() and more(); only this writes its fields, then touches TOPIC.DIRECTORY.
 */
export class Directory {
  constructor(conn, state) {
    this.conn = conn;
    this.state = state;
    this.more = false;
    this.next = null;
    this.loading = false;
    this.error = '';
    /** The filter as typed, and what the server answered for it: {q, names, more, next} or null. */
    this.q = '';
    this.found = null;
    this.asked = 0;
    this.timer = 0;
  }

  /** A welcome carries the first page (already in state.directory) and whether more follow. */
  fromWelcome(welcome) {
    this.more = welcome.directoryMore === true;
    this.next = this.more && typeof welcome.directoryNext === 'string' ? welcome.directoryNext : null;
    this.found = null;
    this.asked++; // an answer to a request of the last connection is stale
    this.loading = false;
    if (this.q) this.filter(this.q);
  }

  /** {rooms, more, loading, error, filtered}: public rooms I am not in, as the dialog lists them. */
  listing() {
    const { state } = this;
    const open = (d) => d && !state.rooms.has(d.name) && !isDirect(d.name);
    const q = this.q.toLowerCase();
    let rooms;
    let more;
    if (!q) {
      rooms = [...state.directory.values()].sort(busiestFirst);
      more = this.more;
    } else if (this.found && this.found.q === q) {
      rooms = this.found.names.map((name) => state.directory.get(name));
      more = this.found.more;
    } else {
      // The server's answer is on its way: what is known already meanwhile.
      rooms = [...state.directory.values()].filter((d) => matches(d, q)).sort(busiestFirst);
      more = false;
    }
    return { rooms: rooms.filter(open), more, loading: this.loading, error: this.error, filtered: !!q };
  }

  /** The filter changed: rooms whose name or topic contains `q`, asked of the server once typing settles. */
  filter(q) {
    this.q = String(q || '').trim();
    this.error = '';
    this.asked++; // whatever is on its way answers an older filter
    clearTimeout(this.timer);
    if (!this.q) {
      this.found = null;
      this.loading = false;
      this.state.touch(TOPIC.DIRECTORY);
      return;
    }
    this.loading = true;
    this.state.touch(TOPIC.DIRECTORY);
    const asked = this.q.toLowerCase();
    this.timer = setTimeout(() => this.requestPage(asked, null), FILTER_DELAY_MS);
  }

  /**
   * The busiest rooms again, as "Browse rooms" opens: the server tells a room's new topic to its
   * members only, so the topics of rooms I am not in are as fresh as the last page I asked for.
   * Only the rooms are updated: "More rooms" goes on from where the listing was.
   */
  async refresh() {
    if (this.q) return;
    try {
      const reply = await this.conn.request({ type: 'directory', limit: REFRESH });
      this.state.addToDirectory((reply.rooms || []).filter((d) => d && typeof d.name === 'string'));
    } catch {
      // offline or refused: the listing stays as it was
    }
  }

  /** The next page of the current listing. */
  loadMore() {
    if (this.loading) return;
    const q = this.q.toLowerCase();
    const after = q ? this.found?.next : this.next;
    if (!after) return;
    this.requestPage(q, after);
  }

  /** Asks for a page; a short filtered page goes on by itself (`hops` asked so far, `added` rooms found by them). */
  async requestPage(q, after, hops = 1, added = 0) {
    const ticket = ++this.asked;
    this.loading = true;
    this.error = '';
    this.state.touch(TOPIC.DIRECTORY);
    try {
      const reply = await this.conn.request({ type: 'directory', limit: PAGE, ...(q ? { q } : {}), ...(after ? { after } : {}) });
      if (ticket !== this.asked) return;
      const rooms = (reply.rooms || []).filter((d) => d && typeof d.name === 'string');
      this.state.addToDirectory(rooms);
      const next = reply.more === true && typeof reply.next === 'string' ? reply.next : null;
      if (!q) {
        this.more = next !== null;
        this.next = next;
      } else {
        const names = after && this.found?.q === q ? this.found.names : [];
        const seen = new Set(names);
        for (const d of rooms) if (!seen.has(d.name)) { seen.add(d.name); names.push(d.name); }
        this.found = { q, names, more: next !== null, next };
        if (next !== null && added + rooms.length < PAGE && hops < FILTER_HOPS) {
          this.requestPage(q, next, hops + 1, added + rooms.length);
          return;
        }
      }
    } catch (err) {
      if (ticket === this.asked) this.error = err;
    } finally {
      if (ticket === this.asked) {
        this.loading = false;
        this.state.touch(TOPIC.DIRECTORY);
      }
    }
  }
}

function matches(d, q) {
  return d.name.includes(q) || (d.topic || '').toLowerCase().includes(q);
}

/** The server's order: most members first, then by name. */
function busiestFirst(a, b) {
  return (b.members || 0) - (a.members || 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
