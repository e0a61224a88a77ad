// theme.js — Applies the light/dark/system theme choice and remembers it.

import { storage } from './storage.js';

export const THEMES = ['light', 'dark', 'system'];

export function applyTheme(theme) {
  const root = document.documentElement;
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  else delete root.dataset.theme;
  themeColor(theme);
}

/**
 * The browser's bar (and an installed app's title bar) takes the colour of the theme in use: a
 * theme chosen in Settings switches on its own meta and off the other; the system's choice goes
 * back to the media queries. theme-boot.js does the same before the first paint.
 */
function themeColor(theme) {
  const chosen = theme === 'light' || theme === 'dark';
  for (const meta of document.querySelectorAll('meta[name="theme-color"][data-theme]')) {
    const own = meta.dataset.theme;
    meta.media = chosen ? (own === theme ? 'all' : 'not all') : `(prefers-color-scheme: ${own})`;
  }
}

export function currentTheme() {
  const t = storage.theme();
  return THEMES.includes(t) ? t : 'system';
}

export function setTheme(theme) {
  storage.saveTheme(theme);
  applyTheme(theme);
}

export function initTheme() {
  applyTheme(currentTheme());
}
