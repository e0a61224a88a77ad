// view/audit-dialog.js — "Moderation history": a room's audit entries newest first (when, who, what, to whom, why), for its owner, its moderators and administrators; administrators also open every room's from Settings → Administration. "Load more" pages back with `before`.

import { $, h } from '../dom.js';
import { t } from '../i18n.js';
import { formatFull } from '../format.js';
import { canSeeAudit, describeEntry, mergeEntries } from '../room-rules.js';
import { setupDialog, openDialog } from './dialogs.js';

const PAGE = 50;

export class AuditDialog {
  constructor({ state, conn }) {
    this.state = state;
    this.conn = conn;
    this.button = $('#audit-button');
    this.dialog = setupDialog($('#audit-dialog'));
    this.list = $('#audit-list');
    this.scope = $('#audit-scope');
    this.more = $('#audit-more');
    this.status = $('#audit-status');
    /** The room shown, or null for every room (administrators); the entries held, newest first. */
    this.room = null;
    this.entries = [];
    this.hasMore = false;
    /** Bumped by each open: an answer for an earlier one is dropped. */
    this.asked = 0;
    this.button.addEventListener('click', () => this.open(this.state.current));
    this.more.addEventListener('click', () => this.load(true));
    $('#admin-audit').addEventListener('click', () => this.open(null));
  }

  /** The header button: whoever may read the open room's history. */
  render() {
    this.button.hidden = !canSeeAudit(this.state.currentRoom(), this.state.me);
  }

  /** Opens the history of `room`, or of every room when null. */
  open(room) {
    this.room = room;
    this.entries = [];
    this.hasMore = false;
    this.scope.textContent = room ? t('audit.scope-room', { room: `#${room}` }) : t('audit.scope-all');
    this.status.textContent = t('common.loading');
    this.renderList();
    openDialog(this.dialog, '[data-action="cancel"]');
    this.load(false);
  }

  async load(older) {
    const asked = ++this.asked;
    const frame = { type: 'audit', limit: PAGE };
    if (this.room) frame.room = this.room;
    if (older && this.entries.length) frame.before = this.entries[this.entries.length - 1].ts;
    this.more.hidden = true;
    this.status.textContent = t('common.loading');
    try {
      const reply = await this.conn.request(frame);
      if (asked !== this.asked) return;
      this.entries = mergeEntries(this.entries, Array.isArray(reply.entries) ? reply.entries : []);
      this.hasMore = reply.more === true;
      this.status.textContent = '';
    } catch (err) {
      if (asked !== this.asked) return;
      this.status.textContent = t(err?.code === 'forbidden' ? 'audit.forbidden' : 'audit.load-failed');
    }
    this.renderList();
  }

  renderList() {
    const items = this.entries.map((e) => {
      const d = describeEntry(e);
      return h('li', { class: 'audit-item', 'data-testid': 'audit-entry', dataset: { action: e.action ?? '' } },
        h('time', { class: 'audit-when', datetime: new Date(e.ts).toISOString() }, formatFull(e.ts)),
        h('span', { class: 'audit-line' },
          h('strong', null, d.who), ` ${d.what}`, d.whom ? ' ' : '', d.whom ? h('strong', null, d.whom) : '',
          !this.room && d.room ? t('audit.in-room', { room: `#${d.room}` }) : ''),
        d.detail ? h('span', { class: 'audit-detail', 'data-testid': 'audit-detail' }, d.detail) : '',
        d.why ? h('span', { class: 'audit-why' }, t('banned.reason', { reason: d.why })) : '');
    });
    if (!items.length && !this.status.textContent) items.push(h('li', { class: 'audit-empty' }, t('audit.empty')));
    this.list.replaceChildren(...items);
    this.more.hidden = !this.hasMore;
  }
}
