// view/unread-divider.js — The "New messages" line where the open room's unread part began when it was opened (state.unreadMark), where a room with more unread than fits on screen opens, and the "Jump to first unread" control while that line is out of sight above.

import { h } from '../dom.js';
import { t } from '../i18n.js';

/** Opened at the line, it sits this far (px) below the top of the view, the message before it peeking in. */
const LINE_TOP_PX = 24;

/** The line itself: a row of the timeline (view/timeline.js), before the first unread message. */
export function renderUnreadDivider() {
  return h('div', { class: 'unread-sep', role: 'separator', 'aria-label': t('unread.line'), 'data-testid': 'unread-divider' },
    h('span', null, t('unread.line')));
}

/**
 * Works with MessagesView on its list: `place` after each render, `update` after each render and
 * scroll. `reach(room, seq)` loads a message that is not held (Sync.loadAround).
 */
export class UnreadJump {
  constructor({ list, state, reach }) {
    Object.assign(this, { list, state, reach });
    this.button = h('button', { type: 'button', class: 'jump-unread', 'data-testid': 'jump-unread', hidden: true },
      h('span', { 'aria-hidden': 'true' }, '↑'), ' ', t('unread.jump'));
    this.button.addEventListener('click', () => this.jump());
    list.after(this.button);
    /** The mark the view was opened at (each is placed once), and the one whose jump was used or seen. */
    this.placed = null;
    this.done = null;
    /** The mark whose line was out of sight above (then the jump was offered). */
    this.offered = null;
  }

  mark() {
    const mark = this.state.unreadMark;
    return mark && mark.room === this.state.current ? mark : null;
  }

  line() {
    return this.list.querySelector('.unread-sep');
  }

  /**
   * The first render that shows the line of a room just opened (`stick`: still at the newest
   * message): when the unread part is taller than the view, the view goes to the line instead.
   * True when it did.
   */
  place(stick) {
    const mark = this.mark();
    const line = this.line();
    if (!mark || !line || this.placed === mark) return false;
    this.placed = mark;
    if (!stick || this.list.scrollHeight - line.offsetTop <= this.list.clientHeight) return false;
    this.list.scrollTop = line.offsetTop - LINE_TOP_PX;
    return true;
  }

  /** Shows the jump while the line is above the view (or not loaded yet); once the line has been seen again, never. */
  update() {
    const mark = this.mark();
    const room = this.state.currentRoom();
    let show = false;
    if (mark && room && this.done !== mark) {
      const line = this.line();
      if (line) {
        const { scrollTop, clientHeight } = this.list;
        show = line.offsetTop + line.offsetHeight <= scrollTop;
        if (show) this.offered = mark;
        else if (this.offered === mark && line.offsetTop < scrollTop + clientHeight) this.done = mark;
      } else {
        show = room.hasOlder && room.events.length > 0 && room.oldestSeq > mark.after + 1;
      }
    }
    this.button.hidden = !show;
  }

  async jump() {
    const mark = this.mark();
    const room = this.state.currentRoom();
    if (!mark || !room) return;
    this.done = mark;
    this.button.hidden = true;
    if (!this.line()) {
      try { await this.reach(room, mark.after + 1); } catch { /* the line stays where paging up finds it */ }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    const line = this.line();
    if (!line || this.mark() !== mark) return;
    this.list.scrollTop = line.offsetTop - LINE_TOP_PX;
    this.state.setAtBottom(false);
    line.nextElementSibling?.focus?.({ preventScroll: true });
  }
}
