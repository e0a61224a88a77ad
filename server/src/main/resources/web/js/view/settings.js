// view/settings.js — The settings dialog: who you are, the theme, and log out.

import { h, $ } from '../dom.js';
import { avatarNode } from '../avatar.js';
import { currentTheme, setTheme } from '../theme.js';
import { setupDialog, openDialog } from './dialogs.js';

export class SettingsView {
  constructor({ state, onLogout }) {
    this.state = state;
    this.dialog = setupDialog($('#settings-dialog'));
    this.me = $('[data-testid="settings-me"]');
    $('[data-testid="settings-button"]').addEventListener('click', () => {
      this.render();
      for (const radio of this.dialog.querySelectorAll('input[name="theme"]')) radio.checked = radio.value === currentTheme();
      openDialog(this.dialog, 'input[name="theme"]:checked');
    });
    this.dialog.addEventListener('change', (e) => {
      if (e.target.name === 'theme') setTheme(e.target.value);
    });
    $('[data-testid="logout-button"]').addEventListener('click', () => {
      this.dialog.close();
      onLogout();
    });
  }

  render() {
    const me = this.state.me;
    this.me.replaceChildren(...(me ? [
      avatarNode(me, { size: 'lg' }),
      h('div', { class: 'me-text' },
        h('span', { class: 'me-nick', 'data-testid': 'settings-nick' }, me.nick ?? ''),
        h('span', { class: 'hint' }, 'Signed in on this browser')),
    ] : []));
  }
}
