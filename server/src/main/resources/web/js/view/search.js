// view/search.js — The search box in the top bar: results from GET /api/search as you type, with room, person and time filters, and a jump to the message in its room.

import { $, h } from '../dom.js';
import { signedIn, searchMessages } from '../http.js';
import { roomLabel } from '../direct.js';
import { formatFull, dayLabel, formatTime } from '../format.js';
import { timeRange } from '../time-range.js';
import { answerOf, statusFor, moreLabel } from './search-outcome.js';
import { searchLocal } from '../local-search.js';
import { emojify } from '../emoji/emojify.js';
import { jumpToMessage } from '../jump.js';
import { t } from '../i18n.js';

const DEBOUNCE_MS = 220;
const LIMIT = 20;

/** The text with its highlight ranges as <mark> elements; every piece a text node. */
export function highlighted(text, ranges) {
  const out = [];
  let at = 0;
  for (const [start, end] of ranges || []) {
    if (!(start >= at && end > start && end <= text.length)) continue;
    if (start > at) out.push(emojify(text.slice(at, start)));
    out.push(h('mark', { class: 'search-mark' }, text.slice(start, end)));
    at = end;
  }
  if (at < text.length) out.push(emojify(text.slice(at)));
  return out;
}

export class SearchView {
  constructor({ state, sync, actions, toast, conn }) {
    Object.assign(this, { state, sync, actions, toast, conn });
    this.root = $('#search');
    this.input = $('#search-input');
    this.panel = $('#search-panel');
    this.list = $('#search-results');
    this.status = $('#search-status');
    this.more = $('#search-more');
    this.room = $('#search-room');
    this.user = $('#search-user');
    this.time = $('#search-time');
    this.custom = $('#search-custom');
    this.from = $('#search-from');
    this.to = $('#search-to');
    /** Each request takes the next number; an answer for an older number is dropped. */
    this.asked = 0;
    this.timer = 0;
    this.next = null;
    /** Authors seen in results, so the person filter can offer them: id → nick. */
    this.authors = new Map();
    /** People who share a room with me, asked of the server (the `users` frame) when the panel opens: id → nick. */
    this.known = new Map();
    this.knownAt = 0;

    this.input.addEventListener('input', () => this.schedule());
    this.input.addEventListener('focus', () => { if (this.input.value.trim()) this.open(); });
    for (const el of [this.room, this.user, this.from, this.to]) el.addEventListener('change', () => this.schedule(0));
    this.time.addEventListener('change', () => {
      this.custom.hidden = this.time.value !== 'custom';
      this.schedule(0);
    });
    this.more.addEventListener('click', () => this.run(true));
    this.root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        this.close();
        this.input.blur();
      } else if (e.key === 'ArrowDown' && e.target === this.input) {
        e.preventDefault();
        this.list.querySelector('button')?.focus();
      }
    });
    this.list.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      const items = [...this.list.querySelectorAll('button')];
      const i = items.indexOf(document.activeElement);
      if (i < 0) return;
      e.preventDefault();
      (items[i + (e.key === 'ArrowDown' ? 1 : -1)] || (e.key === 'ArrowUp' ? this.input : items[i])).focus();
    });
    document.addEventListener('keydown', (e) => this.shortcut(e));
    document.addEventListener('pointerdown', (e) => {
      if (!this.panel.hidden && !this.root.contains(e.target)) this.close();
    });
  }

  /** Ctrl+K (or Cmd+K) anywhere, or "/" when not typing somewhere, puts the cursor in the box. */
  shortcut(e) {
    const typing = e.target instanceof HTMLElement
      && (e.target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName));
    const ctrlK = (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k';
    const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !typing;
    if (!ctrlK && !slash) return;
    if (document.querySelector('dialog[open]') || $('#app').hidden) return;
    e.preventDefault();
    this.input.focus();
    this.input.select();
    if (this.input.value.trim()) this.open();
  }

  open() {
    this.fillFilters();
    this.askPeople();
    this.panel.hidden = false; // (a search box may not say aria-expanded: the panel is a region it controls)
  }

  close() {
    this.panel.hidden = true;
  }

  /**
   * The person filter should offer someone offline who shares a room with me before any result
   * of theirs has been seen: ask the server once a minute at most, while the panel opens.
   */
  async askPeople() {
    if (!this.conn?.ready || Date.now() - this.knownAt < 60_000) return;
    this.knownAt = Date.now();
    try {
      const reply = await this.conn.request({ type: 'users', limit: 50 });
      const users = (reply.users || []).filter((u) => u && typeof u.id === 'string');
      this.state.peopleSeen(users);
      for (const u of users) this.known.set(u.id, u.nick ?? u.id);
      this.fillFilters();
    } catch {
      this.knownAt = 0;
    }
  }

  /** The filter menus offer my rooms and the people I know of, keeping what is chosen. */
  fillFilters() {
    const { state } = this;
    const room = this.room.value;
    const rooms = [...state.rooms.values()].filter((r) => !r.pending)
      .map((r) => ({ value: r.name, label: roomLabel(state, r) || r.name }))
      .sort((a, b) => a.label.localeCompare(b.label));
    this.room.replaceChildren(h('option', { value: '' }, t('search.all-rooms')),
      ...rooms.map((r) => h('option', { value: r.value }, r.label)));
    this.room.value = rooms.some((r) => r.value === room) ? room : '';

    const user = this.user.value;
    const people = new Map([...this.known, ...this.authors]);
    for (const u of state.users.values()) people.set(u.id, u.nick);
    if (state.me) people.set(state.me.id, t('search.me', { nick: state.me.nick }));
    const sorted = [...people].sort((a, b) => a[1].localeCompare(b[1]));
    this.user.replaceChildren(h('option', { value: '' }, t('search.anyone')),
      ...sorted.map(([id, nick]) => h('option', { value: id }, nick)));
    this.user.value = people.has(user) ? user : '';
  }

  schedule(delay = DEBOUNCE_MS) {
    clearTimeout(this.timer);
    const q = this.input.value.trim();
    if (!q) {
      this.asked++;
      this.close();
      this.list.replaceChildren();
      return;
    }
    this.open();
    this.timer = setTimeout(() => this.run(false), delay);
  }

  params(more) {
    const p = new URLSearchParams({ q: this.input.value.trim(), limit: String(LIMIT) });
    if (this.room.value) p.set('room', this.room.value);
    if (this.user.value) p.set('user', this.user.value);
    const range = timeRange(this.time.value, this.from.value, this.to.value);
    if (range.from != null) p.set('from', String(range.from));
    if (range.to != null) p.set('to', String(range.to));
    if (more && this.next) p.set('before', this.next);
    return p;
  }

  async run(more) {
    if (!signedIn()) return;
    const asked = ++this.asked;
    this.root.dataset.busy = 'true';
    let answer;
    try {
      const reply = await searchMessages(this.params(more));
      // A proxy's "bad gateway" is a server that could not be reached too.
      answer = reply.status === 502 || reply.status === 504 ? this.local(more) : answerOf(reply);
    } catch {
      answer = this.local(more);
    }
    if (asked !== this.asked) return; // a newer search was started meanwhile
    delete this.root.dataset.busy;
    if (answer.error) {
      if (!more) this.list.replaceChildren();
      this.status.replaceChildren(...statusFor(answer, 0, () => this.run(more)));
      this.more.hidden = !more || !this.next;
      return;
    }
    const results = Array.isArray(answer.results) ? answer.results : [];
    // Authors by their name now (people.js): a renamed author's old messages are theirs under the new name.
    for (const r of results) {
      const from = this.state.people.current(r.from);
      if (from?.id) this.authors.set(from.id, from.nick ?? from.id);
    }
    const items = results.map((r) => this.item(r));
    if (more) this.list.append(...items);
    else this.list.replaceChildren(...items);
    this.next = typeof answer.next === 'string' ? answer.next : null;
    this.more.hidden = !this.next;
    this.more.textContent = moreLabel(answer);
    this.status.replaceChildren(...statusFor(answer, this.list.children.length));
    if (answer.local) {
      this.status.prepend(h('strong', { 'data-testid': 'search-local' }, t('search.local')), ' ',
        t('search.local-only'), ' ');
    }
  }

  /** The server could not be reached: the same search over the history this device holds. */
  local(more) {
    if (more) return { error: t('search.unreachable') };
    const range = timeRange(this.time.value, this.from.value, this.to.value);
    const filter = { room: this.room.value, user: this.user.value, from: range.from, to: range.to };
    return { local: true, results: searchLocal(this.state.rooms.values(), this.input.value.trim(), filter, LIMIT) };
  }

  item(r) {
    const room = this.state.room(r.room);
    const where = room ? roomLabel(this.state, room) || r.room : r.room;
    const text = typeof r.text === 'string' ? r.text : '';
    return h('li', { class: 'search-item' },
      h('button', {
        type: 'button', class: 'search-hit', 'data-testid': 'search-result',
        dataset: { room: r.room, seq: r.seq },
        onclick: () => this.choose(r.room, r.seq),
      },
      h('span', { class: 'search-meta' },
        h('span', { class: 'search-room' }, where),
        h('span', { class: 'search-nick', 'data-testid': 'search-result-nick' }, this.state.people.current(r.from)?.nick ?? ''),
        h('time', { class: 'search-time', datetime: new Date(r.ts).toISOString(), title: formatFull(r.ts) },
          `${dayLabel(r.ts)} ${formatTime(r.ts)}`)),
      h('span', { class: 'search-text', 'data-testid': 'search-result-text' }, highlighted(text, r.highlight))));
  }

  choose(roomName, seq) {
    this.close();
    this.input.blur();
    if (!this.state.room(roomName)) return;
    // In context, or in its thread when it is a thread's reply (jump.js).
    jumpToMessage({ state: this.state, sync: this.sync, actions: this.actions, toast: this.toast }, roomName, seq);
  }
}
