// view/sessions-panel.js — The settings' "Where you're signed in" (each device, this one marked, "Sign out" per other device, "Sign out everywhere else") and "Sign in on another device" (a one-use code, its link and the time left).

import { h, $ } from '../dom.js';
import { describeAgent, timeLeft, signInLink } from '../sessions.js';
import { ago } from '../format.js';
import { t } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';

export class SessionsPanel {
  /** `sessions`: the Sessions; `toast(text)` for failures. */
  constructor({ sessions, toast }) {
    this.sessions = sessions;
    this.toast = toast;
    this.list = $('#sessions-list');
    this.status = $('#sessions-status');
    this.others = $('#sessions-others');
    this.linkButton = $('#link-make');
    this.linkBox = $('#link-box');
    this.linkCode = $('#link-code');
    this.linkUrl = $('#link-url');
    this.linkLeft = $('#link-left');
    this.timer = 0;
    this.others.addEventListener('click', () => this.act(() => this.sessions.revokeOthers(), t('sessions.others-out')));
    this.linkButton.addEventListener('click', () => this.makeLink());
    $('#link-copy').addEventListener('click', () => {
      navigator.clipboard?.writeText(this.linkUrl.value).then(() => this.toast(t('sessions.link-copied')), () => this.linkUrl.select());
    });
  }

  /** The dialog opened: ask the server for the list again. */
  async render() {
    this.status.textContent = t('common.loading');
    try {
      this.show(await this.sessions.list());
      this.status.textContent = '';
    } catch {
      this.list.replaceChildren();
      this.others.hidden = true;
      this.status.textContent = t('sessions.offline');
    }
  }

  show(list) {
    this.list.replaceChildren(...list.map((s) => h('li', { class: 'session-item', 'data-testid': 'session-item', dataset: { current: s.current ? '1' : '' } },
      h('div', { class: 'session-text' },
        h('span', { class: 'session-name' }, describeAgent(s.agent)),
        h('span', { class: 'hint' }, s.current ? t('sessions.this-device') : t('sessions.last-seen', { ago: ago(s.lastSeen) }))),
      s.current
        ? h('span', { class: 'session-here', 'data-testid': 'session-current' }, t('sessions.this-device'))
        : h('button', { type: 'button', class: 'btn btn-ghost btn-small btn-danger-text', 'data-testid': 'session-signout',
          onclick: () => this.act(() => this.sessions.revoke(s.id), t('sessions.signed-out', { device: describeAgent(s.agent) })) }, t('sessions.sign-out')))));
    this.others.hidden = !list.some((s) => !s.current);
  }

  async act(request, done) {
    try {
      await request();
      this.toast(done);
    } catch (err) {
      this.toast(errorSentence(err, 'sessions.sign-out-failed'), { error: true });
    }
    await this.render();
  }

  async makeLink() {
    this.linkButton.disabled = true;
    try {
      const { code, expires } = await this.sessions.link();
      this.linkCode.textContent = code;
      this.linkUrl.value = signInLink(location.origin, code);
      this.linkBox.hidden = false;
      clearInterval(this.timer);
      const tick = () => {
        const left = timeLeft(expires);
        this.linkLeft.textContent = left ? t('sessions.code-left', { left }) : t('sessions.code-expired');
        if (!left) { clearInterval(this.timer); this.linkBox.classList.add('expired'); }
      };
      this.linkBox.classList.remove('expired');
      tick();
      this.timer = setInterval(tick, 1000);
      this.linkButton.textContent = t('sessions.new-code');
    } catch (err) {
      this.toast(errorSentence(err, 'sessions.code-failed'), { error: true });
    } finally {
      this.linkButton.disabled = false;
    }
  }

  /** The dialog closed: the countdown stops, the code is no longer shown. */
  hide() {
    clearInterval(this.timer);
    this.linkBox.hidden = true;
    this.linkButton.textContent = t('sessions.show-code');
  }
}
