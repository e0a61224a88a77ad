// view/invite-dialog.js — "Invite people" in a room's header: find people and bring them in (`invite` with `user`), or make a link with a number of uses and an expiry (`invite`), copy it, and list and revoke the room's open links (`invites`, `uninvite`).

import { h, $ } from '../dom.js';
import { t } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';
import { formatDateTime } from '../i18n/intl.js';
import { isDirect } from '../direct.js';
import { presenceAvatar } from '../avatar.js';
import { setupDialog, openDialog } from './dialogs.js';

const EXPIRY = [['60', t('invite.hour')], ['1440', t('invite.day')], ['10080', t('invite.week')], ['43200', t('invite.days-30')]];
const USES = ['1', '5', '25', '100', '1000'].map((n) => [n, t('invite.people', { count: Number(n) })]);

/** When a link stops working, said plainly. */
const until = formatDateTime;

export class InviteDialog {
  /** `conn` asks the server; `toast(text)` says what happened. */
  constructor({ state, conn, toast }) {
    Object.assign(this, { state, conn, toast });
    this.button = $('#invite-button');
    this.button.addEventListener('click', () => this.open());
    this.dialog = null;
  }

  /** The header button: any room of ours but a direct conversation. */
  render() {
    const room = this.state.currentRoom();
    this.button.hidden = !room || isDirect(room.name) || room.pending;
  }

  open() {
    const room = this.state.currentRoom();
    if (!room || isDirect(room.name)) return;
    const dialog = this.dialog ?? this.build();
    this.room = room.name;
    dialog.querySelector('.invite-title').textContent = t('invite.title', { room: `#${room.name}` });
    this.query.value = '';
    this.found.replaceChildren();
    this.link.value = '';
    this.linkRow.hidden = true;
    this.status.textContent = '';
    openDialog(dialog, '.invite-query');
    this.loadLinks();
  }

  async find() {
    const q = this.query.value.trim();
    if (!q) { this.found.replaceChildren(); return; }
    const asked = q;
    try {
      const reply = await this.conn.request({ type: 'users', q, limit: 8 });
      if (asked !== this.query.value.trim()) return;
      const me = this.state.me?.id;
      this.found.replaceChildren(...(reply.users || []).filter((u) => u.id !== me).map((u) => h('li', { class: 'member-item', 'data-testid': 'invite-person' },
        presenceAvatar(u, u.status),
        h('span', { class: 'member-nick' }, u.nick ?? ''),
        h('button', { type: 'button', class: 'btn btn-small btn-primary invite-person', 'data-testid': 'invite-person-button', dataset: { userId: u.id, nick: u.nick ?? '' } }, t('invite.invite')))));
    } catch (err) {
      this.status.textContent = t('invite.find-failed', { reason: errorSentence(err, null) });
    }
  }

  async invitePerson(button) {
    button.disabled = true;
    try {
      await this.conn.request({ type: 'invite', room: this.room, user: button.dataset.userId });
      button.textContent = t('invite.invited');
      this.toast(t('invite.now-in', { nick: button.dataset.nick, room: `#${this.room}` }));
    } catch (err) {
      button.disabled = false;
      this.status.textContent = errorSentence(err, 'invite.failed');
    }
  }

  async makeLink() {
    this.make.disabled = true;
    try {
      const reply = await this.conn.request({ type: 'invite', room: this.room, uses: Number(this.uses.value), minutes: Number(this.expiry.value) });
      this.link.value = reply.url;
      this.linkRow.hidden = false;
      this.link.select();
      this.loadLinks();
    } catch (err) {
      this.status.textContent = errorSentence(err, 'invite.link-failed');
    } finally {
      this.make.disabled = false;
    }
  }

  async copy() {
    try {
      await navigator.clipboard.writeText(this.link.value);
      this.copyButton.textContent = t('code.copied');
      setTimeout(() => { this.copyButton.textContent = t('code.copy'); }, 1500);
    } catch {
      this.link.select(); // the browser refused the clipboard: the link is selected for Ctrl+C
    }
  }

  async loadLinks() {
    const room = this.room;
    try {
      const reply = await this.conn.request({ type: 'invites', room });
      if (room !== this.room) return;
      const links = reply.invites || [];
      this.links.replaceChildren(...links.map((i) => h('li', { class: 'invite-link-item', 'data-testid': 'invite-link-item' },
        h('span', null, t('invite.uses-left', { left: i.usesLeft, uses: i.uses, until: until(i.expires) })),
        h('button', { type: 'button', class: 'btn btn-ghost btn-small invite-revoke', 'data-testid': 'invite-revoke', dataset: { id: i.id } }, t('invite.revoke')))));
      this.linksHead.textContent = t(links.length ? 'invite.open-links' : 'invite.no-links');
    } catch (err) {
      this.linksHead.textContent = t('invite.list-failed', { reason: errorSentence(err, null) });
    }
  }

  async revoke(id) {
    try {
      await this.conn.request({ type: 'uninvite', code: id });
    } catch (err) {
      this.status.textContent = errorSentence(err, 'invite.revoke-failed');
    }
    this.loadLinks();
  }

  build() {
    const options = (pairs, chosen) => pairs.map(([value, label]) => h('option', { value, selected: value === chosen || null }, label));
    this.query = h('input', { class: 'invite-query', 'data-testid': 'invite-query', type: 'search', placeholder: t('invite.find'), autocomplete: 'off', 'aria-label': t('invite.find') });
    this.found = h('ul', { class: 'member-list invite-found', 'data-testid': 'invite-found' });
    this.uses = h('select', { 'data-testid': 'invite-uses', 'aria-label': t('invite.uses-label') }, ...options(USES, '5'));
    this.expiry = h('select', { 'data-testid': 'invite-expiry', 'aria-label': t('invite.expiry-label') }, ...options(EXPIRY, '10080'));
    this.make = h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-testid': 'invite-make-link' }, t('invite.create'));
    this.link = h('input', { class: 'invite-url', 'data-testid': 'invite-url', readonly: true, 'aria-label': t('invite.link') });
    this.copyButton = h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'invite-copy' }, t('code.copy'));
    this.linkRow = h('div', { class: 'invite-row', hidden: true }, this.link, this.copyButton);
    this.linksHead = h('h3', { class: 'invite-links-head' });
    this.links = h('ul', { class: 'invite-links', 'data-testid': 'invite-links' });
    this.status = h('p', { class: 'form-error', role: 'alert' });
    const dialog = setupDialog(h('dialog', { class: 'dialog invite-dialog', 'data-testid': 'invite-dialog', 'aria-labelledby': 'invite-title' },
      h('div', { class: 'dialog-body' },
        h('h2', { id: 'invite-title', class: 'invite-title' }),
        h('h3', null, t('invite.add-now')),
        this.query, this.found,
        h('h3', null, t('invite.share')),
        h('div', { class: 'invite-row' }, h('span', null, t('invite.for-uses')), this.uses, h('span', null, t('invite.for-time')), this.expiry, this.make),
        this.linkRow, this.linksHead, this.links, this.status,
        h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'btn btn-ghost', 'data-action': 'cancel' }, t('page.close'))))));
    let timer = 0;
    this.query.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => this.find(), 200); });
    this.found.addEventListener('click', (e) => {
      const b = e.target.closest('.invite-person');
      if (b) this.invitePerson(b);
    });
    this.make.addEventListener('click', () => this.makeLink());
    this.copyButton.addEventListener('click', () => this.copy());
    this.links.addEventListener('click', (e) => {
      const b = e.target.closest('.invite-revoke');
      if (b) this.revoke(b.dataset.id);
    });
    document.body.append(dialog);
    this.dialog = dialog;
    return dialog;
  }
}
