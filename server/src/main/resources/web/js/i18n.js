// i18n.js — Every sentence of the interface comes from a message catalogue (js/i18n/<lang>.js): t(key, params) in the language the user chose in settings, else the first one of the browser's that Parley speaks. Also localizes the static page (data-i18n attributes in index.html) as soon as the modules run, and sets <html lang>.

import en from './i18n/en.js';
import { storage } from './storage.js';

/**
 * The languages Parley speaks, each named in itself (the settings choice shows these names). Only
 * English is loaded with the app (it is the fallback of every key); another language's catalogue
 * is fetched when it is the one in use, so nobody downloads a catalogue they do not read.
 */
export const LANGUAGES = {
  en: { name: 'English', load: async () => en },
  'zh-CN': { name: '简体中文', load: async () => (await import('./i18n/zh-CN.js')).default },
};
export const FALLBACK = 'en';
const catalogues = { en };

/** The stored choice if Parley speaks it, else the first browser language it speaks (any Chinese: Simplified), else English. */
export function pickLanguage(stored, preferred = []) {
  if (stored && LANGUAGES[stored]) return stored;
  for (const tag of preferred) {
    const lower = String(tag).toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
    const base = Object.keys(LANGUAGES).find((l) => lower === l.toLowerCase() || lower.startsWith(`${l.split('-')[0].toLowerCase()}-`) || lower === l.split('-')[0].toLowerCase());
    if (base) return base;
  }
  return FALLBACK;
}

const browserLanguages = () => (typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language].filter(Boolean));

let current = FALLBACK;
let plurals = new Intl.PluralRules(current);
let numbers = new Intl.NumberFormat(current);

/** The interface language: 'en' or 'zh-CN'. */
export const language = () => current;

/** Loads a language's catalogue and makes it the one t() speaks; English if it cannot be loaded. */
export async function useLanguage(lang) {
  let chosen = LANGUAGES[lang] ? lang : FALLBACK;
  try {
    catalogues[chosen] ??= await LANGUAGES[chosen].load();
  } catch {
    chosen = FALLBACK; // offline with the catalogue never fetched: English rather than no app
  }
  current = chosen;
  plurals = new Intl.PluralRules(current);
  numbers = new Intl.NumberFormat(current);
  return current;
}

await useLanguage(pickLanguage(storage.language(), browserLanguages()));

/** Remembers the choice and reloads, so every view (and every text already shown) is in the new language. */
export function setLanguage(lang) {
  if (!LANGUAGES[lang] || lang === current) return;
  storage.saveLanguage(lang);
  location.reload();
}

const show = (value) => (typeof value === 'number' ? numbers.format(value) : String(value ?? ''));

/**
 * The sentence for `key`, with `{name}` replaced by params.name (as text: the caller sets it as
 * textContent, never HTML). A value {one, other, …} is a plural: params.count picks the form by
 * Intl.PluralRules. A key missing in the language falls back to English, then to the key itself.
 */
export function t(key, params) {
  const value = catalogues[current][key] ?? en[key];
  if (value == null) return key;
  const text = typeof value === 'object' ? (value[plurals.select(Number(params?.count ?? 0))] ?? value.other) : value;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (params && name in params ? show(params[name]) : whole));
}

/**
 * Like t(), for a sentence with elements in it ("{who} pinned {target}"): the parts in order, strings
 * for the words and the params that are objects (Nodes, or {who} for moderation-text.js) where
 * their placeholders are; for h(tag, props, ...parts).
 */
export function tParts(key, params = {}) {
  const marked = t(key, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, isNode(v) ? `\u0000${k}\u0000` : v])));
  return marked.split('\u0000').map((part, i) => (i % 2 ? params[part] : part)).filter((part) => part !== '');
}
const isNode = (v) => typeof v === 'object' && v !== null;

const ATTRIBUTES = ['aria-label', 'title', 'placeholder', 'alt'];

/** Puts the catalogue's text into every data-i18n element under root and the data-i18n-<attribute> attributes. */
export function localize(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const attr of ATTRIBUTES) {
    for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`)));
  }
}

// The page is hidden until a screen shows (js/login-boot.js shows the login early only to an English
// reader), so a Chinese reader sees no English first.
if (typeof document !== 'undefined' && document.documentElement) {
  document.documentElement.lang = current;
  localize(document);
}
