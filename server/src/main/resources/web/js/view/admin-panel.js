// view/admin-panel.js — The admin screen (administrators only, opened from Settings): everyone on the server with whether they are online, when last seen, protected or not, banned or not; search by name; ban (with a reason, confirmed) and unban; "Sign-in link" for someone who lost their password.

import { h, $ } from '../dom.js';
import { t } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';
import { formatDateTime } from '../i18n/intl.js';
import { avatarNode } from '../avatar.js';
import { signInLink } from '../sessions.js';
import { ago } from '../format.js';
import { setupDialog, openDialog } from './dialogs.js';

const PAGE = 50;

/** "Online", "Away", or "Last seen 3 days ago" of a user as `admin_users` lists them. */
function seen(u) {
  if (u.status === 'online') return t('presence.online');
  if (u.status === 'away') return t('presence.away');
  return t('sessions.last-seen', { ago: ago(u.lastSeen) });
}

export class AdminPanel {
  /** `conn`: the Connection; `state` for who I am; `toast(text)`. */
  constructor({ conn, state, toast }) {
    this.conn = conn;
    this.state = state;
    this.toast = toast;
    this.dialog = setupDialog($('#admin-dialog'));
    this.list = $('#admin-list');
    this.filter = $('#admin-filter');
    this.more = $('#admin-more');
    this.status = $('#admin-status');
    this.linkBox = $('#admin-link-box');
    this.linkFor = $('#admin-link-for');
    this.linkUrl = $('#admin-link-url');
    this.users = [];
    this.next = null;
    this.asked = 0;
    this.timer = 0;
    this.filter.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.load(false), 200);
    });
    this.more.addEventListener('click', () => this.load(true));
    $('#admin-link-copy').addEventListener('click', () => {
      navigator.clipboard?.writeText(this.linkUrl.value).then(() => this.toast(t('sessions.link-copied')), () => this.linkUrl.select());
    });
    $('#admin-open').addEventListener('click', () => this.open());
  }

  /** Whether I am an administrator (the welcome said so). */
  isAdmin() {
    return this.state.me?.role === 'admin';
  }

  /** Settings shows the entry to admins only. */
  render() {
    $('#admin-setting').hidden = !this.isAdmin();
  }

  open() {
    $('#settings-dialog').close();
    this.linkBox.hidden = true;
    this.filter.value = '';
    openDialog(this.dialog, '#admin-filter');
    this.load(false);
  }

  /** The first page for the filter, or (`more`) the next one. */
  async load(more) {
    const asked = ++this.asked;
    const q = this.filter.value.trim();
    this.status.textContent = t('common.loading');
    try {
      const reply = await this.conn.request({ type: 'admin_users', q: q || undefined, after: more ? this.next : undefined, limit: PAGE });
      if (asked !== this.asked) return;
      this.users = more ? [...this.users, ...reply.users] : reply.users;
      this.next = reply.more ? reply.next : null;
      this.status.textContent = this.users.length ? '' : t('admin.nobody');
      this.show();
    } catch (e) {
      if (asked === this.asked) this.status.textContent = t(e.code === 'forbidden' ? 'admin.forbidden' : 'admin.load-failed');
    }
  }

  show() {
    this.list.replaceChildren(...this.users.map((u) => this.row(u)));
    this.more.hidden = !this.next;
  }

  row(u) {
    const me = u.id === this.state.me?.id;
    const tags = [
      h('span', { class: `admin-tag ${u.protected ? 'ok' : ''}` }, t(u.protected ? 'admin.protected' : 'admin.not-protected')),
      u.role === 'admin' ? h('span', { class: 'admin-tag ok' }, t('admin.admin')) : null,
      u.banned ? h('span', { class: 'admin-tag danger', 'data-testid': 'admin-banned' }, u.reason ? t('admin.banned-for', { reason: u.reason }) : t('admin.banned')) : null,
    ].filter(Boolean);
    const actions = me || u.role === 'admin' ? [] : [
      h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'data-testid': 'admin-link', onclick: () => this.link(u) }, t('page.sign-in-link')),
      u.banned
        ? h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'data-testid': 'admin-unban', onclick: () => this.unban(u) }, t('admin.unban'))
        : h('button', { type: 'button', class: 'btn btn-ghost btn-small btn-danger-text', 'data-testid': 'admin-ban', onclick: (e) => this.askBan(u, e.target.closest('li')) }, t('admin.ban')),
    ];
    return h('li', { class: 'admin-item', 'data-testid': 'admin-item', dataset: { id: u.id, nick: u.nick } },
      avatarNode(u, { size: 'sm' }),
      h('div', { class: 'admin-text' },
        h('span', { class: 'admin-nick' }, u.nick),
        h('span', { class: 'hint' }, seen(u)),
        h('span', { class: 'admin-tags' }, ...tags)),
      h('div', { class: 'admin-actions' }, ...actions));
  }

  /** The confirmation under the row: a reason, then "Ban NICK" or Cancel. */
  askBan(u, li) {
    this.list.querySelector('.admin-confirm')?.remove();
    const reason = h('input', { class: 'admin-reason', 'data-testid': 'admin-reason', placeholder: t('admin.reason'), maxlength: '500', 'aria-label': t('admin.reason-label', { nick: u.nick }) });
    const form = h('form', { class: 'admin-confirm', 'data-testid': 'admin-confirm' },
      h('p', { class: 'hint' }, t('admin.ban-hint', { nick: u.nick })),
      reason,
      h('div', { class: 'admin-actions' },
        h('button', { type: 'button', class: 'btn btn-ghost btn-small', onclick: () => form.remove() }, t('common.cancel')),
        h('button', { type: 'submit', class: 'btn btn-small btn-danger', 'data-testid': 'admin-ban-confirm' }, t('admin.ban-nick', { nick: u.nick }))));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.act({ type: 'ban', user: u.id, reason: reason.value.trim() || undefined }, t('admin.banned-nick', { nick: u.nick }));
    });
    li.after(form);
    reason.focus();
  }

  unban(u) {
    this.act({ type: 'unban', user: u.id }, t('admin.unbanned-nick', { nick: u.nick }));
  }

  async act(frame, done) {
    try {
      await this.conn.request(frame);
      this.toast(done);
    } catch (e) {
      this.toast(errorSentence(e, 'admin.failed'), { error: true });
    }
    this.load(false);
  }

  async link(u) {
    try {
      const reply = await this.conn.request({ type: 'admin_link', user: u.id });
      this.linkUrl.value = signInLink(location.origin, reply.code);
      this.linkFor.textContent = t('admin.link-for', { nick: u.nick, until: formatDateTime(reply.expires) });
      this.linkBox.hidden = false;
      this.linkUrl.select();
    } catch (e) {
      this.toast(errorSentence(e, 'admin.link-failed'), { error: true });
    }
  }
}
