// view/language-setting.js — Settings' language choice: each language named in itself (English, 简体中文); a change is remembered on this device and the page reloads in it.

import { h, $ } from '../dom.js';
import { LANGUAGES, language, setLanguage } from '../i18n.js';

export function initLanguageSetting() {
  const select = $('#language-select');
  if (!select) return;
  select.replaceChildren(...Object.entries(LANGUAGES).map(([tag, { name }]) =>
    h('option', { value: tag, lang: tag, selected: tag === language() }, name)));
  select.value = language();
  select.addEventListener('change', () => setLanguage(select.value));
}
