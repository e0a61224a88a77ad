// view/action-sheet.js — A message's actions as a bottom sheet (what a long press opens, and "more" in the toolbar): the quick reactions, then edit, copy, what other features add (pin, save, mark as unread) and delete.

import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { setupDialog, openDialog } from './dialogs.js';
import { ADD_REACTION_ICON } from './reactions.js';
import { ACTION_ICONS } from './message-toolbar.js';
import { quickRow } from './reaction-popover.js';

/**
 * Items other features add to every message's sheet (pin, save, mark as unread): each provider is
 * `(msg, room) => [{ action, label, icon, run }]`, asked when the sheet opens.
 */
const providers = [];
export function addSheetItems(provider) { providers.push(provider); }

/** `actions`: the MessageActions (message, mine, toggle, edit, copy, confirmDelete, popover). */
export class ActionSheet {
  constructor({ state, actions }) {
    this.state = state;
    this.actions = actions;
    /** The <dialog>, built when first opened. */
    this.sheet = null;
  }

  open(row) {
    const { actions } = this;
    const msg = actions.message(row);
    if (!msg) return;
    actions.popover.close(false);
    const seq = msg.seq;
    const room = this.state.current;
    const sheet = this.sheet ?? this.build();
    const act = (fn) => () => { sheet.close(); fn(); };
    const current = () => this.state.room(room)?.bySeq.get(seq) ?? msg;
    const item = (action, label, paths, fn, danger) => h('button', {
      type: 'button', class: `sheet-item${danger ? ' danger' : ''}`, 'data-testid': `sheet-${action}`, onclick: act(fn),
    }, icon(paths), h('span', null, label));
    const mine = actions.mine(msg);
    sheet.querySelector('.sheet-body').replaceChildren(
      h('div', { class: 'sheet-reactions', role: 'group', 'aria-label': t('react.with') },
        quickRow(msg, this.state.me?.id, (emoji) => { sheet.close(); actions.toggle(current(), emoji); actions.keepFocusOn(seq); }),
        h('button', {
          type: 'button', class: 'quick-reaction quick-more', 'aria-label': t('react.more'), 'data-testid': 'sheet-more-emoji',
          onclick: act(() => actions.popover.openForSheet(row, current)),
        }, icon(ADD_REACTION_ICON))),
      h('div', { class: 'sheet-items' },
        item('reply', t('sheet.reply'), ACTION_ICONS.reply, () => actions.answer('reply', current())),
        msg.thread == null ? item('thread', t('sheet.thread'), ACTION_ICONS.thread, () => actions.answer('thread', current())) : null,
        mine ? item('edit', t('editor.label'), ACTION_ICONS.edit, () => actions.edit(current())) : null,
        msg.text ? item('copy', t('sheet.copy'), ACTION_ICONS.copy, () => actions.copy(current())) : null,
        ...providers.flatMap((p) => p(msg, room)).map((x) => item(x.action, x.label, x.icon, x.run)),
        actions.mayDelete(msg) ? item('delete', t('sheet.delete'), ACTION_ICONS.delete, () => actions.confirmDelete(room, seq), true) : null));
    openDialog(sheet, '.quick-reaction');
  }

  build() {
    this.sheet = setupDialog(h('dialog', { class: 'dialog sheet', 'data-testid': 'action-sheet', 'aria-label': t('sheet.label') },
      h('div', { class: 'sheet-handle', 'aria-hidden': 'true' }),
      h('div', { class: 'sheet-body' }),
      h('button', { type: 'button', class: 'btn btn-ghost btn-block sheet-cancel', 'data-action': 'cancel' }, t('common.cancel'))));
    document.body.append(this.sheet);
    return this.sheet;
  }
}
