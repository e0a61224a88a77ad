// The message catalogues (js/i18n/*.js) and the client's use of them: every language has every key
// with the same placeholders and its plural forms, every key the client names exists, every error
// code of docs/protocol.md has a sentence, and a view that writes user-visible text writes it from a
// catalogue (a source scan, with an explicit, shrinking list of files not converted yet).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import en from '../../main/resources/web/js/i18n/en.js';
import zhCN from '../../main/resources/web/js/i18n/zh-CN.js';
import { LANGUAGES, pickLanguage, t, useLanguage } from '../../main/resources/web/js/i18n.js';
import { errorSentence } from '../../main/resources/web/js/i18n/errors.js';
import { formatSize, relativeTime, formatNumber } from '../../main/resources/web/js/i18n/intl.js';

const WEB = fileURLToPath(new URL('../../main/resources/web/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CATALOGUES = { en, 'zh-CN': zhCN };

/**
 * Files whose user-visible texts are still written in English, not from a catalogue. Other work was
 * changing them when the catalogues came in (threads, replies, search, notifications, pins, saved
 * messages, the message toolbar and room menu...), or they are simply not converted yet. Remove a
 * file from here when you convert it: the scan then keeps it converted. The list may only shrink.
 */
const OTHER_WORK = [
  // being changed by other work when the catalogues came in (some of these files may not exist yet)
  'js/threads.js', 'js/replies.js', 'js/jump.js', 'js/search.js', 'js/view/search.js', 'js/view/search-outcome.js',
  'js/notify.js', 'js/notify-level.js', 'js/thread-rules.js', 'js/view/pins-view.js',
  'js/view/saved-view.js', 'js/view/message-quote.js', 'js/view/message-toolbar.js', 'js/view/room-menu.js',
  'js/view/room-options.js', 'js/view/read-marks-view.js', 'js/view/timeline.js', 'sw.js',
];
const NOT_CONVERTED = [
  // not converted yet: their sentences are still English literals
  'js/view/thread-panel.js',
];
const NOT_YET_CONVERTED = new Set([...OTHER_WORK, ...NOT_CONVERTED]);

/** Every script of the client, as {name (relative to web/), text}. */
function modules(dir = WEB) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith('.js') ? [{ name: relative(WEB, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }] : [];
  });
}

const forms = (value) => (typeof value === 'object' ? Object.values(value) : [value]);
const placeholders = (value) => [...new Set(forms(value).flatMap((f) => [...f.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort();

test('every catalogue has exactly the keys of every other', () => {
  for (const [a, ca] of Object.entries(CATALOGUES)) {
    for (const [b, cb] of Object.entries(CATALOGUES)) {
      const missing = Object.keys(ca).filter((k) => !(k in cb));
      assert.deepEqual(missing, [], `${b} lacks keys that ${a} has`);
    }
  }
  assert.deepEqual(Object.keys(LANGUAGES).sort(), Object.keys(CATALOGUES).sort());
});

test('a key has the same placeholders in every language', () => {
  for (const [lang, catalogue] of Object.entries(CATALOGUES)) {
    const differ = Object.keys(en).filter((k) => JSON.stringify(placeholders(catalogue[k])) !== JSON.stringify(placeholders(en[k])));
    assert.deepEqual(differ, [], `${lang}: placeholders differ from en.js`);
  }
});

test('a plural has every form its language uses, and a count', () => {
  for (const [lang, catalogue] of Object.entries(CATALOGUES)) {
    const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    for (const [key, value] of Object.entries(catalogue)) {
      if (typeof value === 'string') continue;
      assert.equal(typeof en[key], 'object', `${lang} ${key}: a plural where en.js has a sentence`);
      for (const form of needed) assert.equal(typeof value[form], 'string', `${lang} ${key} lacks the "${form}" form`);
      assert.ok(placeholders(value).includes('count'), `${lang} ${key}: a plural without {count}`);
    }
  }
});

test('no catalogue value is empty', () => {
  for (const [lang, catalogue] of Object.entries(CATALOGUES)) {
    const empty = Object.entries(catalogue).filter(([, v]) => forms(v).some((f) => !f.trim())).map(([k]) => k);
    assert.deepEqual(empty, [], `${lang}: empty sentences`);
  }
});

test('t() inserts params as text, picks plurals and falls back to English', async () => {
  try {
    await useLanguage('en');
    assert.equal(t('room.members', { count: 1 }), '1 member');
    assert.equal(t('room.members', { count: 1200 }), '1,200 members');
    assert.equal(t('browse.join-label', { room: '<b>x</b>' }), 'Join <b>x</b>');
    assert.equal(t('no.such-key'), 'no.such-key');
    await useLanguage('zh-CN');
    assert.equal(t('room.members', { count: 1 }), '1 位成员');
    assert.equal(t('typing.two', { a: 'Ann', b: '小明' }), 'Ann 和 小明 正在输入…');
    assert.equal(errorSentence({ code: 'slow_down', retryAfter: 30, message: 'Too many' }), '你所在网络的尝试次数过多，请 30 秒后再试。');
    assert.equal(errorSentence({ code: 'nick_taken', message: 'Someone already uses that nickname.' }), zhCN['error.nick_taken']);
    assert.match(errorSentence({ code: 'muted', until: Date.now() + 60_000 }), /^你已被管理员禁言，直到 .+。$/);
    assert.equal(errorSentence({ code: 'passkey_gone', message: 'Server words' }, null), 'Server words');
    assert.match(relativeTime(Date.now() - 5 * 60_000), /5\s*分钟前/);
    assert.equal(formatNumber(12345), '12,345');
    assert.match(formatSize(1536 * 1024), /1\.5\s*MB/);
  } finally {
    await useLanguage('en');
  }
});

test('the language is the stored choice, else the first of the browser\'s that Parley speaks', () => {
  assert.equal(pickLanguage(null, ['zh-CN', 'en']), 'zh-CN');
  assert.equal(pickLanguage(null, ['zh-TW']), 'zh-CN');
  assert.equal(pickLanguage(null, ['zh']), 'zh-CN');
  assert.equal(pickLanguage(null, ['fr-FR', 'en-GB', 'zh-CN']), 'en');
  assert.equal(pickLanguage(null, ['fr-FR', 'de']), 'en');
  assert.equal(pickLanguage('en', ['zh-CN']), 'en');
  assert.equal(pickLanguage('zh-CN', ['en-US']), 'zh-CN');
  assert.equal(pickLanguage('xx', ['zh-HK']), 'zh-CN');
});

test('every key the client names exists in the catalogues', () => {
  const namespaces = new Set(Object.keys(en).map((k) => k.split('.')[0]));
  const missing = [];
  for (const { name, text } of modules()) {
    if (name.startsWith('js/i18n/')) continue;
    for (const m of text.matchAll(/'([a-z]+)\.([a-z0-9_-]+)'/g)) {
      if (namespaces.has(m[1]) && !(`${m[1]}.${m[2]}` in en) && !/\.(js|css|json)$/.test(m[0].slice(1, -1))) missing.push(`${name}: ${m[1]}.${m[2]}`);
    }
    for (const m of text.matchAll(/\bt\(\s*'([^']+)'/g)) if (!(m[1] in en)) missing.push(`${name}: ${m[1]}`);
  }
  assert.deepEqual(missing, []);
});

test('every data-i18n key of index.html exists, and no static text of it is left untranslated', () => {
  const page = readFileSync(join(WEB, 'index.html'), 'utf8');
  const keys = [...page.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(keys.length > 100, `only ${keys.length} data-i18n keys`);
  assert.deepEqual(keys.filter((k) => !(k in en)), []);
  const body = page.slice(page.indexOf('<body>'), page.lastIndexOf('</body>')).replace(/<noscript>[\s\S]*?<\/noscript>/, '');
  // A text node with words whose element carries no data-i18n (the brand name and key caps aside).
  const bare = [...body.matchAll(/<([a-z0-9]+)([^<>]*)>([^<>]*[A-Za-z]{2}[^<>]*)</g)]
    .filter((m) => !/data-i18n="/.test(m[2]) && !['Parley', 'Ctrl K'].includes(m[3].trim()) && m[1] !== 'code' && m[1] !== 'kbd')
    .map((m) => m[3].trim());
  assert.deepEqual(bare, []);
  const attrs = [...body.matchAll(/<[a-z][^<>]*>/g)].flatMap((m) => ['aria-label', 'title', 'placeholder', 'alt']
    .filter((a) => new RegExp(`\\s${a}="[^"]*[A-Za-z]{2}`).test(m[0]) && !m[0].includes(`data-i18n-${a}=`))
    .map((a) => `${a} in ${m[0].slice(0, 60)}`));
  assert.deepEqual(attrs, []);
});

test('every error code of docs/protocol.md has a sentence in every catalogue', () => {
  const docs = readFileSync(join(ROOT, 'docs/protocol.md'), 'utf8');
  const table = docs.slice(docs.indexOf('## 6. Errors'), docs.indexOf('## 7.'));
  const codes = [...table.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
  assert.ok(codes.length >= 20, `only ${codes.length} codes found in the table`);
  // Codes named in the frames' own sections, and the client's own (a lost or silent connection).
  codes.push('bad_reply', 'bad_thread', 'unreachable', 'disconnected', 'timeout');
  for (const [lang, catalogue] of Object.entries(CATALOGUES)) {
    assert.deepEqual(codes.filter((c) => typeof catalogue[`error.${c}`] !== 'string'), [], `${lang} lacks error sentences`);
  }
});

test('the early login script writes en.js\'s own words', () => {
  const boot = readFileSync(join(WEB, 'js/login-boot.js'), 'utf8');
  assert.match(boot, new RegExp(`textContent = '${en['login.joining']}'`));
  assert.match(boot, /return false/); // any Chinese browser language: no early English form
});

/** The string literal starting at text[i] (a quote), without its ${…} parts. */
function literalAt(text, i) {
  const quote = text[i];
  let out = '';
  for (let j = i + 1; j < text.length; j += 1) {
    const c = text[j];
    if (c === '\\') { out += text[j + 1]; j += 1; continue; }
    if (c === quote) return out;
    if (quote === '`' && c === '$' && text[j + 1] === '{') {
      let depth = 1;
      j += 2;
      while (j < text.length && depth) { if (text[j] === '{') depth += 1; else if (text[j] === '}') depth -= 1; j += 1; }
      j -= 1;
      continue;
    }
    out += c;
  }
  return out;
}

/** Where a view writes text a person reads: the literal that follows each of these is checked. */
const SINKS = [
  /\.(?:textContent|innerText|title|placeholder|alt)\s*=\s*(?=['"`])/g,
  /setAttribute\(\s*'(?:aria-label|title|placeholder|alt)'\s*,\s*(?=['"`])/g,
  /(?:'aria-label'|\btitle|\bplaceholder|\balt|\blabel|\btext)\s*:\s*(?=['"`])/g,
  /\b(?:toast|confirm|alert|prompt|setError|showError)\(\s*(?=['"`])/g,
  /(?:\}|\bnull)\s*,\s*(?=['"`])/g, // a text child of h(tag, props, 'text')
];
const WORDS = /[A-Za-z]{2}/;
/** A name in code rather than words (an attribute, a language tag): 'aria-current', 'zh-CN'. */
const IDENTIFIER = /^[a-z]+(-[a-zA-Z]+)*$/;

test('a converted file writes no user-visible text that is not from a catalogue', () => {
  const offenders = [];
  for (const { name, text } of modules()) {
    if (NOT_YET_CONVERTED.has(name) || name.startsWith('js/i18n/') || name === 'js/login-boot.js') continue;
    const code = text.replace(/^\s*\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const sink of SINKS) {
      for (const m of code.matchAll(sink)) {
        const literal = literalAt(code, m.index + m[0].length);
        if (WORDS.test(literal) && !IDENTIFIER.test(literal) && !/^[a-z]+\.[a-z0-9_.-]+$/.test(literal)) offenders.push(`${name}: ${m[0].trim()} '${literal.slice(0, 50)}'`);
      }
    }
  }
  assert.deepEqual(offenders, []);
});

test('the list of files not converted yet names only files that exist and still need it', () => {
  const names = new Set(modules().map((m) => m.name));
  for (const name of NOT_CONVERTED) assert.ok(names.has(name), `${name} does not exist`);
});
