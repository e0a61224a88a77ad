// view/moderation-menu.js — What a moderator may do to one member of a room, as a small dialog opened from the member list: make moderator or member (the owner), kick with a reason, mute for a while, ban with a reason and an optional end. Each step says what it did or why the server refused.

import { h } from '../dom.js';
import { setupDialog, openDialog } from './dialogs.js';
import { canModerate, canSetRoles } from '../moderation-text.js';

const MUTE_FOR = [['10', '10 minutes'], ['60', 'An hour'], ['1440', 'A day'], ['custom', 'Custom…']];
const BAN_FOR = [['', 'Until lifted'], ['60', 'An hour'], ['1440', 'A day'], ['10080', 'A week'], ['custom', 'Custom…']];
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
    this.title.textContent = `${member.nick} in #${room}`;
    this.role.textContent = theirs === 'member' ? 'Member' : theirs[0].toUpperCase() + theirs.slice(1);
    const chooser = [];
    if (canSetRoles(mine, theirs)) {
      const next = theirs === 'moderator' ? 'member' : 'moderator';
      chooser.push(this.choice('role', next === 'moderator' ? 'Make moderator' : 'Make member', () => this.setRole(next)));
    }
    if (canModerate(mine, theirs)) {
      chooser.push(this.choice('kick', 'Kick…', () => this.show('kick')),
        this.choice('mute', 'Mute…', () => this.show('mute')),
        this.choice('ban', 'Ban…', () => this.show('ban'), true));
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
    this.legend.textContent = { kick: `Kick ${nick}`, mute: `Mute ${nick}`, ban: `Ban ${nick} from #${this.room}` }[action];
    this.hint.textContent = {
      kick: 'They leave the room now and may join again.',
      mute: 'They can still read and react, but not write here, until the time is up.',
      ban: 'They leave the room and cannot join again until the ban ends or is lifted.',
    }[action];
    const options = action === 'mute' ? MUTE_FOR : action === 'ban' ? BAN_FOR : null;
    this.durationRow.hidden = !options;
    if (options) this.duration.replaceChildren(...options.map(([value, label]) => h('option', { value }, label)));
    this.customRow.hidden = true;
    this.reason.value = '';
    this.custom.value = '';
    this.submit.textContent = { kick: 'Kick', mute: 'Mute', ban: 'Ban' }[action];
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
      role === 'moderator' ? `${member.nick} is now a moderator of #${room}.` : `${member.nick} is now a member of #${room}.`);
  }

  async send() {
    const { room, member, action } = this;
    const frame = { type: action, room, user: member.id };
    const reason = this.reason.value.trim();
    if (reason) frame.reason = reason;
    if (action !== 'kick') {
      const minutes = this.minutes();
      if (minutes === undefined) {
        this.status.textContent = `Give the minutes as a whole number from 1 to ${MAX_MINUTES}.`;
        this.custom.focus();
        return;
      }
      if (minutes != null) frame.minutes = minutes;
    }
    const done = { kick: `${member.nick} was removed from #${room}.`, mute: `${member.nick} is muted in #${room}.`, ban: `${member.nick} is banned from #${room}.` };
    await this.step(frame, done[action]);
  }

  async step(frame, done) {
    this.status.textContent = 'Working…';
    try {
      await this.conn.request(frame);
      this.dialog.close('done');
      this.toast(done);
      this.onDone(frame.room);
    } catch (err) {
      this.status.textContent = err?.code === 'disconnected' || err?.code === 'timeout'
        ? 'Not done: no connection. Try again when it is back.'
        : `Not done: ${err?.message || err?.code}`;
    }
  }

  build() {
    this.title = h('h2', { id: 'mod-title' });
    this.role = h('p', { class: 'hint', 'data-testid': 'mod-their-role' });
    this.choices = h('div', { class: 'mod-choices', role: 'group', 'aria-label': 'Actions' });
    this.legend = h('legend');
    this.hint = h('p', { class: 'hint' });
    this.reason = h('input', { id: 'mod-reason', type: 'text', maxlength: 500, autocomplete: 'off', 'data-testid': 'mod-reason' });
    this.duration = h('select', { id: 'mod-duration', 'data-testid': 'mod-duration' });
    this.custom = h('input', { id: 'mod-minutes', type: 'number', min: 1, max: MAX_MINUTES, step: 1, inputmode: 'numeric', 'data-testid': 'mod-minutes' });
    this.durationRow = h('div', null, h('label', { class: 'field-label', for: 'mod-duration' }, 'For how long'), this.duration);
    this.customRow = h('div', null, h('label', { class: 'field-label', for: 'mod-minutes' }, 'Minutes'), this.custom);
    this.duration.addEventListener('change', () => {
      this.customRow.hidden = this.duration.value !== 'custom';
      if (!this.customRow.hidden) this.custom.focus();
    });
    this.submit = h('button', { type: 'submit', class: 'btn btn-danger', 'data-testid': 'mod-submit' });
    this.form = h('form', { class: 'mod-form', 'data-testid': 'mod-form', hidden: true },
      h('fieldset', null, this.legend, this.hint,
        this.durationRow, this.customRow,
        h('label', { class: 'field-label', for: 'mod-reason' }, 'Reason (optional, they will see it)'), this.reason),
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => { this.form.hidden = true; this.choices.querySelector('[aria-pressed="true"]')?.setAttribute('aria-pressed', 'false'); this.choices.querySelector(`.mod-choice-${this.action}`)?.focus(); } }, 'Back'),
        this.submit));
    this.form.addEventListener('submit', (e) => { e.preventDefault(); this.send(); });
    this.status = h('p', { class: 'hint mod-status', role: 'status', 'data-testid': 'mod-status' });
    const dialog = setupDialog(h('dialog', { class: 'dialog moderation', 'data-testid': 'moderation-dialog', 'aria-labelledby': 'mod-title' },
      h('div', { class: 'dialog-body' }, this.title, this.role, this.choices, this.form, this.status,
        h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'btn btn-ghost', 'data-action': 'cancel' }, 'Close')))));
    document.body.append(dialog);
    this.dialog = dialog;
    return dialog;
  }
}
