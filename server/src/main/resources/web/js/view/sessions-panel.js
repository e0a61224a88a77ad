// view/sessions-panel.js — The settings' "Where you're signed in" (each device, this one marked, "Sign out" per other device, "Sign out everywhere else") and "Sign in on another device" (a one-use code, its link and the time left).

import { h, $ } from '../dom.js';
import { describeAgent, timeLeft, signInLink } from '../sessions.js';
import { ago } from '../format.js';

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
    this.others.addEventListener('click', () => this.act(() => this.sessions.revokeOthers(), 'Signed out everywhere else.'));
    this.linkButton.addEventListener('click', () => this.makeLink());
    $('#link-copy').addEventListener('click', () => {
      navigator.clipboard?.writeText(this.linkUrl.value).then(() => this.toast('Link copied.'), () => this.linkUrl.select());
    });
  }

  /** The dialog opened: ask the server for the list again. */
  async render() {
    this.status.textContent = 'Loading…';
    try {
      this.show(await this.sessions.list());
      this.status.textContent = '';
    } catch {
      this.list.replaceChildren();
      this.others.hidden = true;
      this.status.textContent = 'Your devices show here while you are connected.';
    }
  }

  show(list) {
    this.list.replaceChildren(...list.map((s) => h('li', { class: 'session-item', 'data-testid': 'session-item', dataset: { current: s.current ? '1' : '' } },
      h('div', { class: 'session-text' },
        h('span', { class: 'session-name' }, describeAgent(s.agent)),
        h('span', { class: 'hint' }, s.current ? 'This device' : `Last seen ${ago(s.lastSeen)}`)),
      s.current
        ? h('span', { class: 'session-here', 'data-testid': 'session-current' }, 'This device')
        : h('button', { type: 'button', class: 'btn btn-ghost btn-small btn-danger-text', 'data-testid': 'session-signout',
          onclick: () => this.act(() => this.sessions.revoke(s.id), `Signed out ${describeAgent(s.agent)}.`) }, 'Sign out'))));
    this.others.hidden = !list.some((s) => !s.current);
  }

  async act(request, done) {
    try {
      await request();
      this.toast(done);
    } catch (err) {
      this.toast(err.message || 'Could not sign that device out.');
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
        this.linkLeft.textContent = left ? `Valid for ${left}, once.` : 'This code has expired: make a new one.';
        if (!left) { clearInterval(this.timer); this.linkBox.classList.add('expired'); }
      };
      this.linkBox.classList.remove('expired');
      tick();
      this.timer = setInterval(tick, 1000);
      this.linkButton.textContent = 'Make a new code';
    } catch (err) {
      this.toast(err.message || 'Could not make a sign-in code.');
    } finally {
      this.linkButton.disabled = false;
    }
  }

  /** The dialog closed: the countdown stops, the code is no longer shown. */
  hide() {
    clearInterval(this.timer);
    this.linkBox.hidden = true;
    this.linkButton.textContent = 'Show a sign-in code';
  }
}
