// view/password-panel.js — The settings' "Protect your name": set or change a password (with the server's strength estimate while typing), and the one gentle offer to do it after a first conversation.

import { h, $ } from '../dom.js';

const ERRORS = {
  weak_password: 'Too easy to guess: use 8 to 256 characters that are not a common password. A few unrelated words work well.',
  bad_credentials: 'That is not your current password.',
  slow_down: (e) => `Too many tries just now. Try again in ${e.frame?.retryAfter || 'a few'} seconds.`,
};
const LEVELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];
/** Own messages after which the offer shows, once per device. */
const OFFER_AFTER = 3;
const OFFERED_KEY = 'parley.protectOffered';

export class PasswordPanel {
  /** `conn`: the Connection; `toast(textOrNode)`; `openSettings()` shows the dialog. */
  constructor({ conn, toast, openSettings }) {
    this.conn = conn;
    this.toast = toast;
    this.openSettings = openSettings;
    this.form = $('#password-form');
    this.lead = $('#password-lead');
    this.currentRow = $('#password-current-row');
    this.current = $('#password-current');
    this.input = $('#password-new');
    this.meter = $('#password-meter');
    this.meterText = $('#password-meter-text');
    this.status = $('#password-status');
    this.submit = $('#password-submit');
    this.isProtected = false;
    this.me = null;
    this.sent = 0;
    this.timer = 0;
    this.asked = 0;
    conn.addEventListener('welcome', (e) => {
      this.me = e.detail.user.id;
      $('#password-username').value = e.detail.user.nick;
      this.isProtected = !!e.detail.user.protected;
      this.render();
    });
    conn.addEventListener('frame', (e) => this.countOwn(e.detail));
    this.input.addEventListener('input', () => { this.status.textContent = ''; this.estimateSoon(); });
    this.form.addEventListener('submit', (e) => { e.preventDefault(); this.save(); });
  }

  render() {
    this.currentRow.hidden = !this.isProtected;
    this.current.required = this.isProtected;
    this.lead.textContent = this.isProtected
      ? 'Your name is protected: it is yours on every device, with your password.'
      : 'Add a password and your name is yours on every device: nobody else can take it, even while you are away.';
    this.submit.textContent = this.isProtected ? 'Change password' : 'Protect my name';
  }

  /** The strength meter follows typing, asked of the server (zxcvbn) a moment after the last key. */
  estimateSoon() {
    clearTimeout(this.timer);
    const password = this.input.value;
    if (!password) { this.showStrength(null); return; }
    this.timer = setTimeout(async () => {
      const asked = ++this.asked;
      try {
        const reply = await this.conn.request({ type: 'strength', password });
        if (asked === this.asked && this.input.value === password) this.showStrength(reply);
      } catch { /* the meter is a hint; the server judges again on save */ }
    }, 250);
  }

  showStrength(reply) {
    this.meter.value = reply ? reply.score + 1 : 0;
    this.meter.dataset.score = reply ? String(reply.score) : '';
    this.meterText.textContent = !reply ? ''
      : reply.weak ? `${LEVELS[reply.score]}: the server would refuse it.` : LEVELS[reply.score];
  }

  async save() {
    const password = this.input.value;
    if (password.length < 8) { this.status.textContent = ERRORS.weak_password; this.input.focus(); return; }
    this.submit.disabled = true;
    this.status.textContent = 'Saving…';
    try {
      await this.conn.request({ type: 'protect', password, ...(this.isProtected ? { current: this.current.value } : {}) });
      this.isProtected = true;
      this.form.reset();
      this.showStrength(null);
      this.render();
      this.status.textContent = 'Saved. Sign in with your name and this password on any device.';
    } catch (err) {
      const known = ERRORS[err.code];
      this.status.textContent = typeof known === 'function' ? known(err) : known || err.message || 'Could not save the password.';
    } finally {
      this.submit.disabled = false;
    }
  }

  /** After a few of my own messages, once per device and only while unprotected: offer it. */
  countOwn(frame) {
    if (frame.type !== 'message' || !this.me || frame.from?.id !== this.me || this.isProtected) return;
    if (++this.sent !== OFFER_AFTER || localStorage.getItem(OFFERED_KEY)) return;
    localStorage.setItem(OFFERED_KEY, '1');
    this.toast(h('span', { class: 'toast-offer', 'data-testid': 'protect-offer' },
      'Keep your name yours on every device? ',
      h('button', { type: 'button', class: 'toast-action', onclick: (e) => { e.target.closest('.toast')?.remove(); this.openSettings(); requestAnimationFrame(() => this.input.focus()); } }, 'Protect your name'),
      h('button', { type: 'button', class: 'toast-action', 'aria-label': 'Not now', onclick: (e) => e.target.closest('.toast')?.remove() }, 'Not now')));
  }
}
