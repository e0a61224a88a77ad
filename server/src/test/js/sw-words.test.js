// The service worker's push notifications speak the page's language (sw.js): a page posts the words
// (push.js), the worker keeps them in the Cache API, and until then says en.js's own English.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import en from '../../main/resources/web/js/i18n/en.js';
import zhCN from '../../main/resources/web/js/i18n/zh-CN.js';

const SW = readFileSync(new URL('../../main/resources/web/sw.js', import.meta.url), 'utf8');
const KEYS = ['notify.push-room', 'notify.direct', 'notify.someone'];

/** sw.js in a fake worker: its handlers, a Cache API in memory, and the notifications it shows. */
function worker() {
  const handlers = {};
  const shown = [];
  const stores = new Map();
  const caches = {
    open: async (name) => {
      if (!stores.has(name)) stores.set(name, new Map());
      const store = stores.get(name);
      return { put: async (key, res) => { store.set(key, await res.text()); }, match: async (key) => (store.has(key) ? new Response(store.get(key)) : undefined) };
    },
  };
  const self = {
    addEventListener: (type, fn) => { handlers[type] = fn; },
    registration: { showNotification: async (title, options) => { shown.push({ title, ...options }); } },
    clients: { claim: async () => {} },
    location: { origin: 'http://127.0.0.1' },
  };
  new Function('self', 'caches', SW)(self, caches);
  const fire = async (type, data) => {
    const waits = [];
    handlers[type]({ data: type === 'push' ? { json: () => data } : data, waitUntil: (p) => waits.push(p) });
    await Promise.all(waits);
  };
  return { fire, shown };
}

const fill = (s, p) => s.replace(/\{(\w+)\}/g, (w, n) => p[n] ?? w);

test('a push is titled in English, en.js\'s sentences, until a page gives its words', async () => {
  const { fire, shown } = worker();
  await fire('push', { room: 'general', label: 'general', seq: 3, from: 'Ann', text: 'hi' });
  await fire('push', { room: 'dm:a:b', seq: 4, text: 'psst' });
  assert.deepEqual(shown.map((n) => n.title), [fill(en['notify.push-room'], { who: 'Ann', room: 'general' }), fill(en['notify.direct'], { who: en['notify.someone'] })]);
  assert.equal(shown[0].title, 'Ann in #general');
});

test('after a Chinese page posts its words, pushes are titled in Chinese; junk is ignored', async () => {
  const { fire, shown } = worker();
  const words = Object.fromEntries(KEYS.map((k) => [k, zhCN[k]]));
  await fire('message', { type: 'parley-words', words: { ...words, 'other.key': 'x', 'notify.direct': 42 } });
  await fire('push', { room: 'general', label: 'general', seq: 3, from: 'Ann', text: 'hi' });
  await fire('push', { room: 'dm:a:b', seq: 4, text: 'psst' });
  assert.deepEqual(shown.map((n) => n.title), [fill(zhCN['notify.push-room'], { who: 'Ann', room: 'general' }), fill(en['notify.direct'], { who: zhCN['notify.someone'] })]);
  assert.match(shown[0].title, /Ann（#general）/);
  assert.equal(shown[0].body, 'hi');
});
