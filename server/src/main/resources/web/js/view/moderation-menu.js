// view/moderation-menu.js — What a moderator may do to one member of a room, as a small dialog opened from the member list: make moderator or member (the owner), kick with a reason, mute for a while, ban with a reason and an optional end. Each step says what it did or why the server refused.

import { h } from '../dom.js';
import { setupDialog, openDialog } from './dialogs.js';
import { canModerate, canSetRoles } from '../moderation-text.js';
import { t } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';

const MUTE_FOR = [['10', t('mod.ten-minutes')], ['60', t('mod.hour')], ['1440', t('mod.day')], ['custom', t('page.custom')]];
const BAN_FOR = [['', t('mod.until-lifted')], ['60', t('mod.hour')], ['1440', t('mod.day')], ['10080', t('mod.week')], ['custom', t('page.custom')]];
const MAX_MINUTES = 525600;

/** `conn` sends the steps; `onDone(room)` after one succeeded (the list reloads); `toast` says it. */
export class ModerationMenu {
  constructor({ conn, toast, onDone }) {
    Object.assign(this, { conn, toast, onDone });
    this.dialog = null;
  }

  /** `member` {id, nick, roomRole}; `mine` my role in `room` (moderation-text.js myRole). */
  open(room, member, mine) {
    const dialog = this.dialog ?? this.build();
    Object.assign(this, { room, member, mine });
    const theirs = member.roomRole ?? 'member';
    this.title.textContent = t('mod.title', { nick: member.nick, room: `#${room}` });
    this.role.textContent = t(`mod.role-${theirs === 'moderator' || theirs === 'owner' || theirs === 'admin' ? theirs : 'member'}`);
    const chooser = [];
    if (canSetRoles(mine, theirs)) {
      const next = theirs === 'moderator' ? 'member' : 'moderator';
      chooser.push(this.choice('role', t(next === 'moderator' ? 'mod.make-moderator' : 'mod.make-member'), () => this.setRole(next)));
    }
    if (canModerate(mine, theirs)) {
      chooser.push(this.choice('kick', t('mod.kick-choice'), () => this.show('kick')),
        this.choice('mute', t('mod.mute-choice'), () => this.show('mute')),
        this.choice('ban', t('mod.ban-choice'), () => this.show('ban'), true));
    }
    this.choices.replaceChildren(...chooser);
    this.form.hidden = true;
    this.status.textContent = '';
    openDialog(dialog, '.mod-choice');
  }

  choice(action, label, onclick, danger) {
    return h('button', {
      type: 'button', class: `btn ${danger ? 'btn-danger' : 'btn-ghost'} mod-choice mod-choice-${action}`, 'data-testid': `mod-${action}`, onclick,
    }, label);
  }

  /** The form of one step (kick, mute, ban): a reason, and how long for a mute or a ban. */
  show(action) {
    this.action = action;
    const nick = this.member.nick;
    this.legend.textContent = t(`mod.${action}-legend`, { nick, room: `#${this.room}` });
    this.hint.textContent = t(`mod.${action}-hint`);
    const options = action === 'mute' ? MUTE_FOR : action === 'ban' ? BAN_FOR : null;
    this.durationRow.hidden = !options;
    if (options) this.duration.replaceChildren(...options.map(([value, label]) => h('option', { value }, label)));
    this.customRow.hidden = true;
    this.reason.value = '';
    this.custom.value = '';
    this.submit.textContent = t(`mod.${action}`);
    this.submit.className = `btn ${action === 'mute' ? 'btn-primary' : 'btn-danger'}`;
    this.status.textContent = '';
    for (const b of this.choices.querySelectorAll('.mod-choice')) b.setAttribute('aria-pressed', String(b.classList.contains(`mod-choice-${action}`)));
    this.form.hidden = false;
    (options ? this.duration : this.reason).focus();
  }

  /** Minutes chosen: a number, null for no end (a ban until lifted), or undefined when the custom value is wrong. */
  minutes() {
    const value = this.duration.value;
    if (value === '') return null;
    if (value !== 'custom') return Number(value);
    const n = Number(this.custom.value);
    return Number.isInteger(n) && n >= 1 && n <= MAX_MINUTES ? n : undefined;
  }

  async setRole(role) {
    const { room, member } = this;
    await this.step({ type: 'role', room, user: member.id, role },
      t(role === 'moderator' ? 'mod.now-moderator' : 'mod.now-member', { nick: member.nick, room: `#${room}` }));
  }

  async send() {
    const { room, member, action } = this;
    const frame = { type: action, room, user: member.id };
    const reason = this.reason.value.trim();
    if (reason) frame.reason = reason;
    if (action !== 'kick') {
      const minutes = this.minutes();
      if (minutes === undefined) {
        this.status.textContent = t('mod.minutes-range', { max: MAX_MINUTES });
        this.custom.focus();
        return;
      }
      if (minutes != null) frame.minutes = minutes;
    }
    await this.step(frame, t(`mod.${action}-done`, { nick: member.nick, room: `#${room}` }));
  }

  async step(frame, done) {
    this.status.textContent = t('mod.working');
    try {
      await this.conn.request(frame);
      this.dialog.close('done');
      this.toast(done);
      this.onDone(frame.room);
    } catch (err) {
      this.status.textContent = err?.code === 'disconnected' || err?.code === 'timeout'
        ? t('mod.failed-offline')
        : t('mod.failed', { reason: errorSentence(err, null) });
    }
  }

  build() {
    this.title = h('h2', { id: 'mod-title' });
    this.role = h('p', { class: 'hint', 'data-testid': 'mod-their-role' });
    this.choices = h('div', { class: 'mod-choices', role: 'group', 'aria-label': t('mod.actions') });
    this.legend = h('legend');
    this.hint = h('p', { class: 'hint' });
    this.reason = h('input', { id: 'mod-reason', type: 'text', maxlength: 500, autocomplete: 'off', 'data-testid': 'mod-reason' });
    this.duration = h('select', { id: 'mod-duration', 'data-testid': 'mod-duration' });
    this.custom = h('input', { id: 'mod-minutes', type: 'number', min: 1, max: MAX_MINUTES, step: 1, inputmode: 'numeric', 'data-testid': 'mod-minutes' });
    this.durationRow = h('div', null, h('label', { class: 'field-label', for: 'mod-duration' }, t('mod.how-long')), this.duration);
    this.customRow = h('div', null, h('label', { class: 'field-label', for: 'mod-minutes' }, t('mod.minutes')), this.custom);
    this.duration.addEventListener('change', () => {
      this.customRow.hidden = this.duration.value !== 'custom';
      if (!this.customRow.hidden) this.custom.focus();
    });
    this.submit = h('button', { type: 'submit', class: 'btn btn-danger', 'data-testid': 'mod-submit' });
    this.form = h('form', { class: 'mod-form', 'data-testid': 'mod-form', hidden: true },
      h('fieldset', null, this.legend, this.hint,
        this.durationRow, this.customRow,
        h('label', { class: 'field-label', for: 'mod-reason' }, t('mod.reason')), this.reason),
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => { this.form.hidden = true; this.choices.querySelector('[aria-pressed="true"]')?.setAttribute('aria-pressed', 'false'); this.choices.querySelector(`.mod-choice-${this.action}`)?.focus(); } }, t('mod.back')),
        this.submit));
    this.form.addEventListener('submit', (e) => { e.preventDefault(); this.send(); });
    this.status = h('p', { class: 'hint mod-status', role: 'status', 'data-testid': 'mod-status' });
    const dialog = setupDialog(h('dialog', { class: 'dialog moderation', 'data-testid': 'moderation-dialog', 'aria-labelledby': 'mod-title' },
      h('div', { class: 'dialog-body' }, this.title, this.role, this.choices, this.form, this.status,
        h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'btn btn-ghost', 'data-action': 'cancel' }, t('page.close'))))));
    document.body.append(dialog);
    this.dialog = dialog;
    return dialog;
  }
}
