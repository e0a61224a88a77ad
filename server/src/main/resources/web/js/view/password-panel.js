// view/password-panel.js — The settings' "Protect your name": set or change a password (with the server's strength estimate while typing), and the one gentle offer to do it after a first conversation.

import { h, $ } from '../dom.js';
import { t } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';

const LEVELS = ['password.very-weak', 'password.weak', 'password.fair', 'password.strong', 'password.very-strong'];
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
      ? t('password.lead-protected') : t('password.lead');
    this.submit.textContent = t(this.isProtected ? 'password.change' : 'password.protect');
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
      : reply.weak ? t('password.refused-level', { level: t(LEVELS[reply.score]) }) : t(LEVELS[reply.score]);
  }

  async save() {
    const password = this.input.value;
    if (password.length < 8) { this.status.textContent = t('password.weak-password'); this.input.focus(); return; }
    this.submit.disabled = true;
    this.status.textContent = t('editor.saving');
    try {
      await this.conn.request({ type: 'protect', password, ...(this.isProtected ? { current: this.current.value } : {}) });
      this.isProtected = true;
      this.form.reset();
      this.showStrength(null);
      this.render();
      this.status.textContent = t('password.saved');
    } catch (err) {
      this.status.textContent = err.code === 'weak_password' ? t('password.weak-password')
        : err.code === 'bad_credentials' ? t('password.not-current') : errorSentence({ ...err, retryAfter: err.frame?.retryAfter ?? err.retryAfter }, 'password.failed');
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
      t('password.offer'), ' ',
      h('button', { type: 'button', class: 'toast-action', onclick: (e) => { e.target.closest('.toast')?.remove(); this.openSettings(); requestAnimationFrame(() => this.input.focus()); } }, t('password.offer-yes')),
      h('button', { type: 'button', class: 'toast-action', 'aria-label': t('password.offer-no'), onclick: (e) => e.target.closest('.toast')?.remove() }, t('password.offer-no'))));
  }
}
