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
  // being changed by other work when the catalogues came in: all converted since
];
const NOT_CONVERTED = [
  // not converted yet: their sentences are still English literals
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
    assert.equal(errorSentence({ code: 'muted', reason: 'off topic', message: 'Server words' }), 'A moderator muted you in this room. Reason: off topic');
    assert.equal(t('browse.join-label', { room: '<b>x</b>' }), 'Join <b>x</b>');
    assert.equal(t('no.such-key'), 'no.such-key');
    await useLanguage('zh-CN');
    assert.equal(t('room.members', { count: 1 }), '1 位成员');
    assert.equal(t('typing.two', { a: 'Ann', b: '小明' }), 'Ann 和 小明 正在输入…');
    assert.equal(errorSentence({ code: 'slow_down', retryAfter: 30, message: 'Too many' }), '你所在网络的尝试次数过多，请 30 秒后再试。');
    // a busy server's refusal is not the reader's tries: its own sentence, in the reader's language
    assert.equal(errorSentence({ code: 'slow_down', retryAfter: 2, busy: true, message: 'The server is busy checking passwords; try again in 2 s.' }), '服务器正忙于验证密码，请 2 秒后再试。');
    assert.equal(errorSentence({ code: 'slow_down', frame: { code: 'slow_down', retryAfter: 2, busy: true } }), '服务器正忙于验证密码，请 2 秒后再试。');
    assert.equal(errorSentence({ code: 'nick_taken', message: 'Someone already uses that nickname.' }), zhCN['error.nick_taken']);
    assert.match(errorSentence({ code: 'muted', until: Date.now() + 60_000 }), /^你已被管理员禁言，直到 .+。$/);
    // the moderator's reason is a field of its own, inside the reader's sentence, never the server's English
    assert.equal(errorSentence({ code: 'banned', reason: 'spam links', message: 'You are banned from ops: spam links.' }), '你已被封禁。原因：spam links');
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

/** Where a view writes text a person reads: the expression that follows each of these is checked. */
const SINKS = [
  /\.(?:textContent|innerText|title|placeholder|alt)\s*=\s*/g,
  /setAttribute\(\s*'(?:aria-label|title|placeholder|alt)'\s*,\s*/g,
  /(?:'aria-label'|\btitle|\bplaceholder|\balt|\blabel|\btext|\bbody|\berror)\s*:\s*/g,
  /\b(?:toast|confirm|alert|prompt|setError|showError|Notification|showNotification)\(\s*/g,
  /\breturn\s+(?=['"`[])/g, // a sentence a helper returns (a label, a status line's parts)
  /(?:\?\?|\|\||\?)\s*(?=['"`])/g, // a fallback or a choice: `nick ?? 'Someone'`, `a ? 'x' : 'y'` anywhere
  /\b[a-z]\w*\(\s*'[a-z-]+'\s*,\s*(?=['"`])/g, // a helper's label after its name: button('reply', 'Reply', …)
  /(?:\}|\bnull|\))\s*,\s*(?=[^\s{(])/g, // a text child of h(tag, props, 'text') or after an element child
];
const WORDS = /[A-Za-z]{2}/;
/** A name in code rather than words (an attribute, a language tag): 'aria-current', 'zh-CN'. */
const IDENTIFIER = /^[a-z]+([-_][a-zA-Z]+)*$/;
/** Words of a sentence anywhere in a literal: a capitalized word with more after it, or three words and a stop. */
const PROSE = [/\b[A-Z][a-z]+\b[^]*(\s|[.…!?:]$)/, /\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b[^]*[.:;!?…]/];
/** Literals that read like words but are not said to anyone: a header's scheme, an emoji group's name in data, names. */
const NOT_PROSE = new Set(['Bearer ', 'Animals & Nature', 'not all', 'Parley', ' · Parley',
  'Edge', 'Opera', 'Firefox', 'Chrome', 'Safari', 'Android', 'Windows', 'Linux']);
/** Class names ('mention mention-me') and media queries ('(prefers-color-scheme: dark)'), not words. */
const NOT_WORDS = (literal) => /^\(/.test(literal) || (/-/.test(literal) && literal.trim().split(/\s+/).every((w) => /^[a-z]+(-[a-z0-9]+)*$/.test(w)));

/** Each string literal of the expression starting at text[i], outside any call or brackets in it: both sides of `a ? 'x' : 'y'`, `b || 'z'`. */
function expressionLiterals(text, i) {
  const out = [];
  let depth = 0;
  for (let j = i; j < text.length; j += 1) {
    const c = text[j];
    if (c === '\'' || c === '"' || c === '`') {
      if (depth === 0) out.push(literalAt(text, j));
      j = endOfLiteral(text, j);
    } else if ('([{'.includes(c)) depth += 1;
    else if (')]}'.includes(c)) { if (depth === 0) break; depth -= 1; }
    else if ((c === ',' || c === ';') && depth === 0) break;
  }
  return out;
}

/** The index of the quote closing the literal that starts at text[i]. */
function endOfLiteral(text, i) {
  const quote = text[i];
  for (let j = i + 1; j < text.length; j += 1) {
    if (text[j] === '\\') { j += 1; continue; }
    if (text[j] === quote) return j;
    if (quote === '`' && text[j] === '$' && text[j + 1] === '{') {
      let depth = 1;
      for (j += 2; j < text.length && depth; j += 1) {
        if (text[j] === '{') depth += 1;
        else if (text[j] === '}') depth -= 1;
        else if (text[j] === '`' || text[j] === '\'' || text[j] === '"') j = endOfLiteral(text, j);
      }
      j -= 1;
    }
  }
  return text.length;
}

/** The source without its comments and regex literals (each regex becomes /r/); strings kept whole. */
function code(text) {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\'' || c === '"' || c === '`') {
      const end = endOfLiteral(text, i);
      out += text.slice(i, end + 1);
      i = end;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i += 1;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1 || text.length;
    } else if (c === '/' && /(?:^|[(,=:[!&|?{};]|\breturn)\s*$/.test(out.slice(-12))) {
      for (i += 1; i < text.length && text[i] !== '/'; i += 1) {
        if (text[i] === '\\') i += 1;
        else if (text[i] === '[') while (i < text.length && text[i] !== ']') i += text[i] === '\\' ? 2 : 1;
      }
      while (/[a-z]/.test(text[i + 1] ?? '')) i += 1; // its flags
      out += '/r/';
    } else out += c;
  }
  return out;
}

/** Whether a literal (its ${…} parts left out) says something: words with a space, or one capitalized word ('Done', 'Reply…'). */
const says = (literal) => WORDS.test(literal) && !NOT_PROSE.has(literal) && !NOT_WORDS(literal) && !IDENTIFIER.test(literal) && !/^[a-z]+\.[a-z0-9_.-]+$/.test(literal)
  && !/^\s*</.test(literal) && !/^[a-z-]+\(/.test(literal) && (/\S\s+\S/.test(literal) || /^[A-Z][a-z]+\W?$/.test(literal.trim()));

/** What a source file writes that a person reads and that is not from a catalogue. */
export function untranslated(name, text) {
  const found = [];
  const source = code(text);
  // Sinks are looked for outside the literals: each literal's inside blanked, at the same offsets.
  let outside = '';
  for (let i = 0; i < source.length; i += 1) {
    if (source[i] !== '\'' && source[i] !== '"' && source[i] !== '`') { outside += source[i]; continue; }
    const end = endOfLiteral(source, i);
    outside += source[i] + ' '.repeat(Math.max(0, end - i - 1)) + (source[end] ?? '');
    i = end;
  }
  for (const sink of SINKS) {
    for (const m of outside.matchAll(sink)) {
      for (const literal of expressionLiterals(source, m.index + m[0].length)) {
        if (says(literal)) found.push(`${name}: ${m[0].trim()} '${literal.slice(0, 50)}'`);
      }
    }
  }
  // Any literal that reads as a sentence, wherever it goes (a constant, a thrown Error shown later).
  const plain = source.replace(/^\s*import .*$/gm, '').replace(/console\.\w+\([^\n]*/g, '');
  for (let i = 0; i < plain.length; i += 1) {
    const c = plain[i];
    if (c !== '\'' && c !== '"' && c !== '`') continue;
    const literal = literalAt(plain, i);
    if (!NOT_PROSE.has(literal) && !/^\s*<|^\w+=/.test(literal) && PROSE.some((p) => p.test(literal))) found.push(`${name}: '${literal.slice(0, 50)}'`);
    i = endOfLiteral(plain, i);
  }
  return [...new Set(found)];
}

test('a converted file writes no user-visible text that is not from a catalogue', () => {
  const offenders = [];
  for (const { name, text } of modules()) {
    if (NOT_YET_CONVERTED.has(name) || name.startsWith('js/i18n/') || name === 'js/login-boot.js') continue;
    offenders.push(...untranslated(name, text));
  }
  assert.deepEqual(offenders, []);
});

test('the list of files not converted yet names only files that exist and still need it', () => {
  const names = new Set(modules().map((m) => m.name));
  for (const name of NOT_CONVERTED) assert.ok(names.has(name), `${name} does not exist`);
});
