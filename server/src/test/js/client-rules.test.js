// The web client's house rules (docs/architecture.md, CONTRIBUTING.md), checked on its source so that
// they hold without anyone remembering them. Each names the files that break it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = fileURLToPath(new URL('../../main/resources/web/', import.meta.url));
const MAX_LINES = 350;

/** Every script of the client, as {name (relative to web/), text}. */
function modules(dir = WEB) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith('.js') ? [{ name: relative(WEB, path), text: readFileSync(path, 'utf8') }] : [];
  });
}

/** The lines of every module (but `except`) that match `pattern`, as "file:line: text". */
function offences(pattern, except = []) {
  const found = [];
  for (const { name, text } of modules()) {
    if (except.includes(name)) continue;
    text.split('\n').forEach((line, i) => { if (pattern.test(line)) found.push(`${name}:${i + 1}: ${line.trim()}`); });
  }
  return found;
}

test('the client is all there to be checked', () => {
  const names = modules().map((m) => m.name);
  for (const name of ['js/main.js', 'js/state.js', 'js/room.js', 'js/http.js', 'js/view/messages.js']) assert.ok(names.includes(name), name);
});

test(`no module is over ${MAX_LINES} lines`, () => {
  const long = modules().map(({ name, text }) => ({ name, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0) }))
    .filter((m) => m.lines > MAX_LINES).map((m) => `${m.name}: ${m.lines} lines`);
  assert.deepEqual(long, []);
});

test('production code never finds an element by data-testid (those are for tests: it uses ids and classes)', () => {
  assert.deepEqual(offences(/\[data-testid|dataset\.testid/), []);
});

test('every element the client looks up by id is in index.html', () => {
  const ids = new Set([...readFileSync(join(WEB, 'index.html'), 'utf8').matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
  const missing = [];
  for (const { name, text } of modules()) {
    for (const line of text.split('\n').filter((l) => /\$\(|querySelector|openDialog\(|getElementById\(/.test(l))) {
      for (const m of line.matchAll(/(['"])#([a-z][\w-]*)\1/g)) if (!ids.has(m[2])) missing.push(`${name}: #${m[2]}`);
      for (const m of line.matchAll(/getElementById\((['"])([\w-]+)\1/g)) if (!ids.has(m[2])) missing.push(`${name}: #${m[2]}`);
    }
  }
  assert.deepEqual(missing, []);
  assert.ok(ids.has('message-list') && ids.has('composer-input'));
});

test('only State (state.js, over room.js) writes the model: nobody else assigns to a room or to State', () => {
  const model = ['js/state.js', 'js/room.js'];
  const roomWrite = /(?<![.\w])(room|held|rm|r|pending|current)\.[a-zA-Z]+(\.[a-zA-Z]+)*\s*([-+*/]?=(?!=)|\+\+|--)/;
  const collections = /(?<![.\w])(room|held|rm|r)\.(unread|mentions|typing|bySeq|events)\.(add|delete|clear|set|push|splice)\(/;
  const roomMethods = /(?<![.\w])(room|held|rm|r)\.(insert|receive|markRead|resetLog|startRev|applyRetention|applyInfo|applyFrame|recomputeSynced|latestPage|olderPage|empty|countUnread|mention|noteRev|startRevCatchUp|endRevCatchUp|restore|restoreRev|openPending)\(/;
  const stateWrite = /(?<![.\w])(this\.)?state\.[a-zA-Z]+(\.[a-zA-Z]+)*\s*([-+*/]?=(?!=)|\+\+|--)|(?<![.\w])(this\.)?state\.(users|directory|rooms)\.(set|delete|clear)\(/;
  assert.deepEqual(offences(roomWrite, model), []);
  assert.deepEqual(offences(collections, model), []);
  assert.deepEqual(offences(roomMethods, model), []);
  assert.deepEqual(offences(stateWrite, model), []);
});

test('render topics are named constants (TOPIC), never strings', () => {
  assert.deepEqual(offences(/\.(on|touch)\(\s*['"`]/, ['js/topics.js']).filter((line) => !/addEventListener/.test(line)), []);
});

test('only direct.js knows what a direct room\'s name looks like', () => {
  assert.deepEqual(offences(/dm:/, ['js/direct.js']), []);
});

test('every HTTP request goes through http.js (the offline shell, sw.js, fetches the client\'s own files)', () => {
  assert.deepEqual(offences(/(?<![.\w])fetch\(|XMLHttpRequest|sendBeacon/, ['js/http.js', 'sw.js']), []);
});
