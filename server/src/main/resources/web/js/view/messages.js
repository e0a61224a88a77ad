// view/messages.js — The open room's timeline in the page: its rows (view/timeline.js) updated by key so that the reader keeps their place, older pages on scroll-up, the "new messages" pill, the "New messages" line and its jump (view/unread-divider.js), the highlighted message (a search result) and Up/Down from message to message.

import { countLabel } from '../format.js';
import { roomLabel } from '../direct.js';
import { timelineRows } from './timeline.js';
import { MarkdownGate, builtFrom, builtTooEarly, onMarkdownChange } from './markdown-gate.js';
import { UnreadJump } from './unread-divider.js';
import { oneTabStop } from './message-tab-stops.js';
import { t } from '../i18n.js';

/** Within this many pixels of the end counts as "at the bottom". */
const BOTTOM_SLACK_PX = 48;
/** Older history is requested when the reader is this close to the top. */
const TOP_TRIGGER_PX = 240;
/** How long a smooth scroll to the end may take before ordinary scrolling rules apply again. */
const SMOOTH_SCROLL_MS = 1500;
/** A row version that equals nothing: the row is built again at the next render. */
const REBUILD = Symbol('rebuild');

export class MessagesView {
  /** `onReach(room, seq)` loads a message not held yet (for "Jump to first unread"). */
  constructor({ list, pill, empty, state, outbox, online, onNearTop, onLooking, onRetry, onDiscard, onReach }) {
    Object.assign(this, { list, pill, empty, state, outbox, online, onNearTop, onLooking, onRetry, onDiscard });
    this.unread = new UnreadJump({ list, state, reach: onReach });
    /** key → {node, version} */
    this.nodes = new Map();
    this.shownRoom = null;
    this.programmaticScroll = false;
    /** performance.now() until which a smooth scroll to the end is under way, or 0. */
    this.scrollingToBottom = 0;
    this.markdown = new MarkdownGate(() => this.render());
    onMarkdownChange(() => this.rebuildEarlyRows());

    /** The highlight (state.highlight) last brought into view: each is scrolled to once. */
    this.revealed = null;

    list.addEventListener('scroll', () => this.onScroll(), { passive: true });
    list.addEventListener('keydown', (e) => this.onKey(e));
    oneTabStop(list);
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
      this.state.setAtBottom(atBottom);
      this.updatePill();
    }
    if (atBottom) this.onLooking();
    this.unread.update();
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
    this.state.setAtBottom(true);
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
    const rows = room ? timelineRows(state, room, {
      pending: this.outbox.forRoom(room.name), online: this.online(), onRetry: this.onRetry, onDiscard: this.onDiscard,
    }) : [];
    // New rows wait (briefly) for their Markdown, so that they appear formatted, in order, at once.
    if (this.markdown.holds(rows.filter((row) => row.text != null && !this.isBuilt(row, room)).map((row) => row.text))) return;
    this.empty.hidden = !!room || state.rooms.size > 0 || !state.welcomed;

    if (room !== this.shownRoom) {
      list.replaceChildren();
      this.nodes.clear();
      this.shownRoom = room;
      state.setAtBottom(true);
      this.quietly();
    }
    // A page of history is not news: busy while it is asked for, and still when its rows go in
    // (the render after the page came, or rows drawn above those already there).
    const loading = !!(room?.loadingOlder || room?.loadingLatest);
    if (loading || this.pageUnderWay || this.insertsAbove(rows)) this.quietly();
    this.pageUnderWay = loading;
    list.setAttribute('aria-label', room ? t('messages.in-room', { room: roomLabel(state, room) }) : t('messages.label'));
    if (!room) { this.updatePill(); return; }

    const stick = state.atBottom || this.scrollingToBottom > performance.now();
    const anchor = stick ? null : this.captureAnchor();
    this.reconcile(rows);
    if (this.unread.place(stick)) state.setAtBottom(false);
    else if (stick) this.scrollToBottom();
    else this.restoreAnchor(anchor);
    this.showHighlight(room);
    this.updatePill();
    this.unread.update();
    // Rows may have been rebuilt, here or when the Markdown gate let them through (not a LOG render): see MessageActions.
    list.dispatchEvent(new Event('timeline-rendered'));

    // Not enough history to scroll: fetch more until the view is full or the log is exhausted.
    if (room.hasOlder && !room.loadingOlder && room.loadedLatest && list.scrollHeight <= list.clientHeight + TOP_TRIGGER_PX) {
      queueMicrotask(() => this.onNearTop(room));
    }
  }

  /** The highlighted message (state.highlight) is marked while it lasts, and brought into view once. */
  showHighlight(room) {
    const highlight = this.state.highlight;
    const row = highlight?.room === room.name ? this.nodes.get(`s:${highlight.seq}`)?.node : null;
    for (const node of this.list.querySelectorAll('.search-flash')) if (node !== row) node.classList.remove('search-flash');
    if (!row) return;
    row.classList.add('search-flash');
    if (this.revealed === highlight) return;
    this.revealed = highlight;
    row.scrollIntoView({ block: 'center' });
    this.state.setAtBottom(false);
    row.focus({ preventScroll: true });
  }

  /** Up and Down walk the messages, from the list or a focused message. */
  onKey(e) {
    if (e.defaultPrevented || e.target.closest('.msg-editor')) return;
    if ((e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || e.altKey || e.ctrlKey || e.metaKey) return;
    const onList = e.target === this.list;
    const row = e.target.closest?.('.msg[data-seq], .notice[data-seq]');
    if (!onList && row !== e.target) return;
    const rows = [...this.list.querySelectorAll('.msg[data-seq]:not([data-pending])')];
    if (!rows.length) return;
    e.preventDefault();
    let i = onList ? rows.length : rows.indexOf(row);
    if (i < 0) i = rows.length;
    const next = rows[Math.max(0, Math.min(rows.length - 1, i + (e.key === 'ArrowUp' ? -1 : 1)))];
    next.focus();
    next.scrollIntoView({ block: 'nearest' });
  }

  /** The connection came or went: only our pending messages say so ("Sending…" or "Waiting for the connection…"). */
  onConnection() {
    const room = this.state.currentRoom();
    if (room && this.outbox.forRoom(room.name).length) this.render();
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

  /** Whether `rows` puts a new message above one already shown (older history, a gap filled). */
  insertsAbove(rows) {
    let heldBelow = false;
    for (let i = rows.length - 1; i >= 0; i--) {
      const { key } = rows[i];
      if (!/^[sn]:/.test(key)) continue;
      if (this.nodes.has(key)) heldBelow = true;
      else if (heldBelow) return true;
    }
    return false;
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
        t('messages.new', { count: count > 99 ? countLabel(count) : count });
    }
  }
}
