// view/message-toolbar.js — The row of action buttons over a message: one toolbar for the whole list, moved to the row under the pointer or the keyboard focus, and kept on its row when the row is rebuilt.

import { h, icon } from '../dom.js';
import { ADD_REACTION_ICON } from './reactions.js';
import { t } from '../i18n.js';

/** The icons of the actions, shared with the action sheet. */
/** The toolbar keeps this far (px) from a control of the message it would otherwise cover. */
const CLEARANCE_PX = 6;
/** What counts as a control under the toolbar: what a click would act on. */
const CONTROLS = 'button, a[href], input, select, textarea, summary, [role="button"]';

export const ACTION_ICONS = {
  edit: ['M4 20h4L19 9l-4-4L4 16z', 'm13.5 6.5 4 4'],
  copy: ['M9 9h10v11H9z', 'M5 15V4h10'],
  delete: ['M4 7h16', 'M10 11v6M14 11v6', 'M6 7l1 13h10l1-13', 'M9 7V4h6v3'],
  more: ['M6 12h.01M12 12h.01M18 12h.01'],
  reply: ['M10 8 5 12l5 4', 'M5 12h9a5 5 0 0 1 5 5v1'],
  thread: ['M4 5h16v10H9l-4 4v-4H4z', 'M8 9h8M8 12h5'],
};

/**
 * Buttons other features add after the core ones (pin, save, mark as unread; on a phone they are in
 * the sheet instead): each provider is `(msg) => [{ action, label, icon, run }]`, asked as the bar
 * is shown; `run(msg)` is called on click.
 */
const extras = [];
export function addToolbarButtons(provider) { extras.push(provider); }
/** Redraws a shown toolbar after what its extra buttons say changed (pinned, saved). */
const shown = new Set();
export function refreshToolbars() { for (const bar of shown) bar.refresh(); }

/**
 * Its buttons carry `data-action` (react, reply, thread, edit, copy, delete, more); clicks on them are the
 * caller's (event delegation on the list). `rowOf(node)` is the row of a message that offers
 * actions, or null; `message(row)` its message; `mine(msg)`; `mayDelete(msg)` (mine, or as a moderator); `isEditing(seq)`; `holding()` is
 * true while something opened from the toolbar (a popover) must keep it in place.
 */
export class MessageToolbar {
  constructor({ list, rowOf, message, mine, mayDelete, isEditing, holding }) {
    Object.assign(this, { list, rowOf, message, mine, mayDelete, isEditing, holding });
    /** The message row the toolbar sits in, and the toolbar (one, moved from row to row). */
    this.target = null;
    this.bar = null;
    shown.add(this);

    list.addEventListener('pointerover', (e) => {
      if (e.pointerType === 'touch') return;
      const row = this.rowOf(e.target);
      if (row && row !== this.target) this.show(row);
    });
    list.addEventListener('pointerleave', () => { if (!this.holds()) this.hide(); });
    list.addEventListener('focusin', (e) => {
      // A tap or click focuses the row too; only keyboard focus brings the toolbar (hover already did for a mouse).
      if (e.target.matches('.msg') && !e.target.matches(':focus-visible')) return;
      const row = this.rowOf(e.target);
      if (row && row !== this.target) this.show(row);
    });
    list.addEventListener('focusout', (e) => {
      if (this.target && !this.target.contains(e.relatedTarget) && !this.holds()) this.hide();
    });
  }

  holds() {
    return this.holding() || (!!this.bar && this.bar.contains(document.activeElement));
  }

  show(row) {
    const msg = this.message(row);
    if (!msg) return;
    this.hide();
    const mine = this.mine(msg);
    const button = (action, label, paths, extra = {}) => h('button', {
      type: 'button', class: `icon-btn small msg-action action-${action}`, 'data-testid': `action-${action}`,
      'data-action': action, 'aria-label': label, title: label, ...extra,
    }, icon(paths));
    // Each action keeps its place counted from the right (the bar is laid out right to left: see
    // message-actions.css), harmless ones nearest the edge: React, Reply, Reply in thread (a gap in
    // a thread's reply), then Edit or Copy, then Copy
    // (a gap where there is no text), Delete last. Someone else's bar has two places, mine four:
    // moving from one message to another never puts Delete where React, Edit or Copy was.
    // The other features' buttons come after all four places, which gaps then keep (Delete never
    // lands where another message's Pin or Save was).
    const more = extras.flatMap((p) => p(msg));
    const gap = () => h('span', { class: 'msg-action-gap', 'aria-hidden': 'true' });
    const orGap = (node) => node ?? (more.length ? gap() : null);
    this.bar = h('div', { class: 'msg-actions', role: 'group', 'aria-label': t('sheet.label'), 'data-testid': 'message-actions' },
      button('react', t('reactions.add'), ADD_REACTION_ICON, { 'aria-haspopup': 'true' }),
      button('reply', t('sheet.reply'), ACTION_ICONS.reply),
      msg.thread == null ? button('thread', t('sheet.thread'), ACTION_ICONS.thread) : gap(),
      orGap(mine && !this.isEditing(msg.seq) ? button('edit', t('toolbar.edit'), ACTION_ICONS.edit) : null),
      msg.text ? button('copy', t('sheet.copy'), ACTION_ICONS.copy) : gap(),
      orGap(this.mayDelete(msg) ? button('delete', t('toolbar.delete'), ACTION_ICONS.delete) : null),
      button('more', t('toolbar.more'), ACTION_ICONS.more, { 'aria-haspopup': 'dialog' }),
      ...more.map((x) => button(x.action, x.label, x.icon, { class: `icon-btn small msg-action msg-action-extra action-${x.action}`, onclick: () => x.run(msg) })));
    this.target = row;
    row.classList.add('has-actions');
    // First in the row, so Tab from a focused message reaches its actions before its contents.
    row.prepend(this.bar);
    this.clear(row);
  }

  /**
   * Moves the toolbar off any control it would cover (a code block's Copy under a grouped message,
   * a link): left of it while the row has room, else above the row. Where a harmless button was a
   * moment before the pointer came, no action (least of all Delete) may appear.
   */
  clear(row) {
    const bar = this.bar;
    const controls = [row, row.previousElementSibling]
      .flatMap((node) => (node ? [...node.querySelectorAll(CONTROLS)] : []))
      .filter((el) => !bar.contains(el) && el.getClientRects().length);
    const rowBox = row.getBoundingClientRect();
    for (let tries = 0; tries < controls.length; tries++) {
      const box = bar.getBoundingClientRect();
      const covered = controls.map((el) => el.getBoundingClientRect()).filter((r) => overlaps(r, box));
      if (!covered.length) return;
      const right = rowBox.right - Math.min(...covered.map((r) => r.left)) + CLEARANCE_PX;
      if (rowBox.right - right - box.width < rowBox.left) {
        bar.style.right = '';
        bar.style.top = `${Math.min(...covered.map((r) => r.top)) - rowBox.top - box.height - CLEARANCE_PX}px`;
        return;
      }
      bar.style.right = `${right}px`;
    }
  }

  /** The same row's bar again, its buttons asked anew (the focused one keeps the focus). */
  refresh() {
    const row = this.target;
    if (!row || !row.isConnected) return;
    const action = this.bar?.contains(document.activeElement) ? document.activeElement.dataset.action : null;
    this.hide();
    this.show(row);
    if (action) this.bar?.querySelector(`[data-action="${action}"]`)?.focus({ preventScroll: true });
  }

  hide() {
    // Forget first: removing a focused button fires focusout, which calls back in here.
    const { bar, target } = this;
    this.bar = null;
    this.target = null;
    target?.classList.remove('has-actions');
    bar?.remove();
  }

  /**
   * Escape on a control inside the toolbar's row: the toolbar goes, the row keeps the focus. True
   * when it did. (Escape on the row itself is not the toolbar's: it returns to the composer.)
   */
  dismiss(from) {
    if (!this.target || from === this.target || !this.target.contains(from)) return false;
    const target = this.target;
    this.hide();
    target.focus();
    return true;
  }

  /** After every render: moves into the rebuilt row (keeping the focused button). False when its row is gone. */
  afterRender() {
    if (!this.target || this.target.isConnected) return true;
    const seq = this.target.dataset.seq;
    const hadFocus = this.bar?.contains(document.activeElement) || document.activeElement === document.body;
    const action = document.activeElement?.dataset?.action;
    const row = this.list.querySelector(`.msg[data-seq="${seq}"]:not([data-pending])`);
    this.hide();
    if (!row || !this.rowOf(row)) return false;
    this.show(row);
    if (hadFocus && action) this.bar.querySelector(`[data-action="${action}"]`)?.focus({ preventScroll: true });
    return true;
  }
}

function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
