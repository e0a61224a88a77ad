// view/messages.js — The open room's timeline: day separators, grouping, keyed updates that keep the reader's place, older pages on scroll-up and the "new messages" pill.

import { h } from '../dom.js';
import { dayKey, dayLabel, countLabel } from '../format.js';
import { renderMessage, renderNotice, renderNoticeRun, renderPending, renderDay } from './message.js';
import { roomLabel, isDirect } from '../direct.js';
import { mentionOptions, mentionsMeIn } from '../mentions.js';
import { MarkdownGate, builtFrom, builtTooEarly, onMarkdownChange } from './markdown-gate.js';

/** Messages from one person closer together than this share one header. */
const GROUP_WINDOW_MS = 5 * 60_000;
/** Within this many pixels of the end counts as "at the bottom". */
const BOTTOM_SLACK_PX = 48;
/** Older history is requested when the reader is this close to the top. */
const TOP_TRIGGER_PX = 240;
/** How long a smooth scroll to the end may take before ordinary scrolling rules apply again. */
const SMOOTH_SCROLL_MS = 1500;
/** This many joins and leaves in a row, with nothing said between them, fold into one line. */
const COLLAPSE_NOTICES = 3;
/** A row version that equals nothing: the row is built again at the next render. */
const REBUILD = Symbol('rebuild');

export class MessagesView {
  constructor({ list, pill, empty, state, outbox, online, onNearTop, onLooking, onRetry, onDiscard }) {
    Object.assign(this, { list, pill, empty, state, outbox, online, onNearTop, onLooking, onRetry, onDiscard });
    /** key → {node, version} */
    this.nodes = new Map();
    this.shownRoom = null;
    this.programmaticScroll = false;
    /** performance.now() until which a smooth scroll to the end is under way, or 0. */
    this.scrollingToBottom = 0;
    this.markdown = new MarkdownGate(() => this.render());
    onMarkdownChange(() => this.rebuildEarlyRows());

    list.addEventListener('scroll', () => this.onScroll(), { passive: true });
    pill.addEventListener('click', () => {
      this.scrollToBottom(true);
      list.focus({ preventScroll: true });
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') this.onLooking();
    });
    // Images, fonts and wrapping change heights after layout: stay pinned to the end if we were there.
    new ResizeObserver(() => { if (this.state.atBottom) this.scrollToBottom(); }).observe(list);
  }

  isAtBottom() {
    const { list } = this;
    return list.scrollHeight - list.scrollTop - list.clientHeight <= BOTTOM_SLACK_PX;
  }

  onScroll() {
    const atBottom = this.isAtBottom();
    // A smooth scroll to the end passes through positions that are neither the end nor the top:
    // until it arrives, it neither unpins the view nor asks for older history (whose anchoring
    // would stop it half-way).
    if (this.scrollingToBottom) {
      if (!atBottom && performance.now() < this.scrollingToBottom) return;
      this.scrollingToBottom = 0;
    }
    if (atBottom !== this.state.atBottom) {
      this.state.atBottom = atBottom;
      this.updatePill();
      this.state.touch('rooms');
    }
    if (atBottom) this.onLooking();
    const room = this.state.currentRoom();
    if (room && this.list.scrollTop < TOP_TRIGGER_PX && room.hasOlder && !room.loadingOlder) this.onNearTop(room);
  }

  scrollToBottom(smooth = false) {
    const { list } = this;
    if (smooth && !matchMedia('(prefers-reduced-motion: reduce)').matches) {
      this.scrollingToBottom = performance.now() + SMOOTH_SCROLL_MS;
      list.scrollTo({ top: list.scrollHeight, behavior: 'smooth' });
    } else {
      list.scrollTop = list.scrollHeight;
    }
    this.state.atBottom = true;
    this.updatePill();
  }

  /**
   * The first event row at least partly visible, and its distance from the top of the viewport.
   * Only events anchor: a day separator moves when older messages of the same day arrive above it.
   */
  captureAnchor() {
    const top = this.list.scrollTop;
    for (const child of this.list.children) {
      const key = child.dataset.key || '';
      if (/^[spn]:/.test(key) && child.offsetTop + child.offsetHeight > top) {
        return { key: child.dataset.key, offset: child.offsetTop - top };
      }
    }
    return null;
  }

  restoreAnchor(anchor) {
    if (!anchor) return;
    const node = this.nodes.get(anchor.key)?.node;
    if (node && node.isConnected) this.list.scrollTop = node.offsetTop - anchor.offset;
  }

  render() {
    const { state, list } = this;
    const room = state.currentRoom();
    const rows = room ? this.items(room) : [];
    // New rows wait (briefly) for their Markdown, so that they appear formatted, in order, at once.
    if (this.markdown.holds(rows.filter((row) => row.text != null && !this.isBuilt(row, room)).map((row) => row.text))) return;
    this.empty.hidden = !!room || state.rooms.size > 0 || !state.welcomed;

    if (room !== this.shownRoom) {
      list.replaceChildren();
      this.nodes.clear();
      this.shownRoom = room;
      state.atBottom = true;
      this.quietly();
    }
    if (room?.loadingOlder || room?.loadingLatest) this.quietly();
    list.setAttribute('aria-label', room ? `Messages in ${roomLabel(state, room)}` : 'Messages');
    if (!room) { this.updatePill(); return; }

    const stick = state.atBottom || this.scrollingToBottom > performance.now();
    const anchor = stick ? null : this.captureAnchor();
    this.reconcile(rows);
    if (stick) this.scrollToBottom();
    else this.restoreAnchor(anchor);
    this.updatePill();

    // Not enough history to scroll: fetch more until the view is full or the log is exhausted.
    if (room.hasOlder && !room.loadingOlder && room.loadedLatest && list.scrollHeight <= list.clientHeight + TOP_TRIGGER_PX) {
      queueMicrotask(() => this.onNearTop(room));
    }
  }

  /** The rows to show, in order, each with a stable key and a version that changes when it must be rebuilt. */
  items(room) {
    const me = this.state.me;
    const rows = [];
    rows.push(this.topRow(room));
    let prev = null;
    let prevDay = null;
    const pushDay = (ts) => {
      const key = dayKey(ts);
      if (key === prevDay) return;
      prevDay = key;
      prev = null;
      const label = dayLabel(ts);
      rows.push({ key: `d:${key}`, version: label, build: () => renderDay(label) });
    };

    const events = room.events;
    const mentions = mentionOptions(this.state, room);
    for (let i = 0; i < events.length; i++) {
      const ev = events[i];
      pushDay(ev.ts);
      if (ev.type === 'message') {
        const cont = groupsWith(prev, ev.from?.id, ev.ts);
        const mine = ev.from?.id === me?.id;
        const build = () => renderMessage(ev, { cont, mine, mentioned: mentionsMeIn(this.state, room, ev, mentions), mentions });
        rows.push({ key: `s:${ev.seq}`, version: ev, cont, text: ev.deleted ? null : ev.text, build });
        prev = { kind: 'message', from: ev.from?.id, ts: ev.ts };
        continue;
      }
      prev = null;
      const run = comingsAndGoings(events, i);
      if (run.length >= COLLAPSE_NOTICES) {
        const last = run[run.length - 1];
        rows.push({ key: `n:${ev.seq}`, version: `${last.seq}`, build: () => renderNoticeRun(run) });
        i += run.length - 1;
      } else {
        rows.push({ key: `s:${ev.seq}`, version: ev, build: () => renderNotice(ev) });
      }
    }
    const online = this.online();
    for (const item of this.outbox.forRoom(room.name)) {
      pushDay(item.ts);
      const cont = groupsWith(prev, me?.id, item.ts);
      rows.push({
        key: `p:${item.id}`,
        version: `${item.state}:${item.error ?? ''}:${online}`,
        cont,
        text: item.text || null,
        build: () => renderPending(item, me, { cont, online, mentions, onRetry: this.onRetry, onDiscard: this.onDiscard }),
      });
      prev = { kind: 'message', from: me?.id, ts: item.ts };
    }
    return rows;
  }

  topRow(room) {
    if (room.loadingOlder || (room.loadingLatest && !room.events.length)) {
      return { key: 'top', version: 'loading', build: () => h('div', { class: 'timeline-top', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Loading messages…') };
    }
    if (!room.hasOlder) {
      return {
        key: 'top', version: `start:${room.name}:${room.topic}:${roomLabel(this.state, room)}:${room.firstSeq > 1}`,
        build: () => h('div', { class: 'timeline-top start' },
          h('p', { class: 'start-title' }, isDirect(room.name)
            ? `This is the start of your conversation with ${roomLabel(this.state, room)}`
            : `This is the start of #${room.name}`),
          room.topic ? h('p', { class: 'start-topic' }, room.topic) : null,
          room.firstSeq > 1
            ? h('p', { class: 'start-retention', 'data-testid': 'retention-start' }, "Older messages were removed by this room's retention policy.")
            : null),
      };
    }
    return { key: 'top', version: 'more', build: () => h('div', { class: 'timeline-top', 'aria-hidden': 'true' }) };
  }

  /**
   * Screen readers announce additions to the log; a room switch or a page of history is not
   * news, so the list is marked busy until those rows are in.
   */
  quietly() {
    this.list.setAttribute('aria-busy', 'true');
    clearTimeout(this.busyTimer);
    this.busyTimer = setTimeout(() => {
      const room = this.state.currentRoom();
      if (room?.loadingOlder || room?.loadingLatest) this.quietly();
      else this.list.removeAttribute('aria-busy');
    }, 250);
  }

  /** Brings the list's children in line with `rows`, touching only what changed. */
  reconcile(rows) {
    const { list, nodes } = this;
    const keep = new Set();
    let cursor = list.firstChild;
    for (const row of rows) {
      keep.add(row.key);
      let entry = nodes.get(row.key);
      if (!entry || entry.version !== row.version) {
        const node = row.build();
        node.dataset.key = row.key;
        if (entry) entry.node.replaceWith(node);
        if (entry && cursor === entry.node) cursor = node;
        entry = { node, version: row.version, cont: row.cont, built: builtFrom(row.text) };
        nodes.set(row.key, entry);
      } else if (row.cont !== undefined && entry.cont !== row.cont) {
        entry.node.classList.toggle('cont', row.cont);
        entry.cont = row.cont;
      }
      if (entry.node === cursor) cursor = cursor.nextSibling;
      else list.insertBefore(entry.node, cursor);
    }
    while (cursor) {
      const next = cursor.nextSibling;
      cursor.remove();
      cursor = next;
    }
    for (const key of [...nodes.keys()]) if (!keep.has(key)) nodes.delete(key);
  }

  /** Whether the row is on screen as it is now (same room, same version). */
  isBuilt(row, room) {
    return room === this.shownRoom && this.nodes.get(row.key)?.version === row.version;
  }

  /** Rows shown before their text's Markdown was known are built again once it is. */
  rebuildEarlyRows() {
    let stale = false;
    for (const entry of this.nodes.values()) {
      if (!builtTooEarly(entry.built)) continue;
      entry.version = REBUILD;
      stale = true;
    }
    if (stale) this.render();
  }

  updatePill() {
    const room = this.state.currentRoom();
    const count = room ? room.unreadCount : 0;
    const show = !!room && !this.state.atBottom && count > 0;
    this.pill.hidden = !show;
    if (show) {
      this.pill.querySelector('.new-pill-text').textContent =
        `${countLabel(count)} new message${count === 1 ? '' : 's'}`;
    }
  }
}

/** The join and leave notices from index i on, up to the first other event or the next day. */
function comingsAndGoings(events, i) {
  const run = [];
  const day = dayKey(events[i].ts);
  for (let j = i; j < events.length; j++) {
    const ev = events[j];
    if (ev.type !== 'notice' || (ev.event !== 'join' && ev.event !== 'leave') || dayKey(ev.ts) !== day) break;
    run.push(ev);
  }
  return run;
}

function groupsWith(prev, fromId, ts) {
  return !!prev && prev.kind === 'message' && prev.from === fromId && ts - prev.ts < GROUP_WINDOW_MS && ts >= prev.ts;
}
