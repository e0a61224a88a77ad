// theme.js — Applies the light/dark/system theme choice and remembers it.

import { storage } from './storage.js';

export const THEMES = ['light', 'dark', 'system'];

export function applyTheme(theme) {
  const root = document.documentElement;
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  else delete root.dataset.theme;
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
