// view/settings.js — The settings dialog, in three sections with a row to jump between them: who you are, the theme, desktop notifications, export, where you are signed in (and a code for another device), linking to single sign-on, this device (kept history, import, clear), and log out.

import { h, $ } from '../dom.js';
import { avatarNode } from '../avatar.js';
import { currentTheme, setTheme } from '../theme.js';
import { setupDialog, openDialog } from './dialogs.js';
import { ExportPanel } from './export-panel.js';
import { DeviceSettings } from './device-settings.js';
import { t } from '../i18n.js';

export class SettingsView {
  constructor({ state, notifier, onLogout, device, onEditProfile, sessions, passkeys, ssoLink }) {
    this.state = state;
    this.notifier = notifier;
    this.onEditProfile = onEditProfile;
    this.notifyToggle = $('#notify-toggle');
    this.notifyHint = $('#notify-hint');
    this.notifyToggle.addEventListener('change', () => {
      notifier.setEnabled(this.notifyToggle.checked);
      this.renderNotify();
    });
    notifier.onChange = () => this.renderNotify();
    this.dialog = setupDialog($('#settings-dialog'));
    this.exports = new ExportPanel({ state });
    this.device = new DeviceSettings({ ...device, close: () => this.dialog.close() });
    this.me = $('#settings-me');
    this.sessions = sessions;
    this.dialog.addEventListener('close', () => sessions.hide());
    $('#settings-button').addEventListener('click', () => {
      this.render();
      for (const radio of this.dialog.querySelectorAll('input[name="theme"]')) radio.checked = radio.value === currentTheme();
      this.renderNotify();
      this.exports.render();
      this.device.render();
      this.sessions.render();
      passkeys?.render();
      ssoLink?.render();
      openDialog(this.dialog, 'input[name="theme"]:checked');
    });
    // The jump row: scrolls to a section (not a link: the address's #fragment means sign-in codes).
    this.dialog.querySelector('.settings-nav').addEventListener('click', (e) => {
      const section = e.target.closest('[data-section]')?.dataset.section;
      if (section) document.getElementById(section)?.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    });
    this.dialog.addEventListener('change', (e) => {
      if (e.target.name === 'theme') setTheme(e.target.value);
    });
    $('#logout-button').addEventListener('click', () => {
      this.dialog.close();
      onLogout();
    });
  }

  renderNotify() {
    const n = this.notifier;
    this.notifyToggle.checked = n.enabled;
    this.notifyToggle.disabled = !n.supported;
    const why = !n.supported ? t('settings.no-notifications')
      : n.enabled && n.permission === 'denied' ? t('settings.notifications-blocked') : t('settings.notifications-hint');
    this.notifyHint.textContent = why;
  }

  render() {
    const me = this.state.me;
    // The top bar's settings button is the user menu: it wears my avatar once I am known.
    const button = $('#settings-button');
    button.querySelector('.me-avatar')?.remove();
    if (me) button.prepend(Object.assign(avatarNode(me, { size: 'sm' }), { title: me.nick ?? '' }));
    button.querySelector('.avatar')?.classList.add('me-avatar');
    button.title = me ? t('settings.button-me', { nick: me.nick }) : t('settings.button');
    this.me.replaceChildren(...(me ? [
      avatarNode(me, { size: 'lg' }),
      h('div', { class: 'me-text' },
        h('span', { class: 'me-nick', 'data-testid': 'settings-nick' }, me.nick ?? ''),
        h('span', { class: 'hint' }, t('settings.signed-in-here'))),
      h('button', { type: 'button', class: 'btn btn-ghost btn-small me-edit', 'data-testid': 'edit-profile', onclick: () => { this.dialog.close(); this.onEditProfile?.(); } }, t('settings.edit-profile')),
    ] : []));
  }
}
