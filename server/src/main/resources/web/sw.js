// sw.js — Keeps the client's own files (never the API, the socket or uploads) so Parley still opens, with the history kept on the device, when the server cannot be reached; and shows Web Push notifications (see the end). A versioned file (/v/<version>/…, /webjars/<name>/<version>/…) never changes: it is served from the cache without asking the server. The page and the unversioned files are network first: a reachable server always serves its current page, which names the current version.

const SHELL = 'parley-shell-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/** The app's page and its own static files; never the API, the socket, uploads, metrics or health. */
function isShell(req, url) {
  if (url.origin !== self.location.origin || /^\/(api|ws|uploads)(\/|$)/.test(url.pathname)) return false;
  if (req.mode === 'navigate') return url.pathname === '/' || url.pathname === '/index.html';
  return /\.(js|mjs|css|svg|json|webmanifest|png|webp|woff2)$/.test(url.pathname);
}

/** A path whose content never changes: the server versions it. */
const isVersioned = (url) => /^\/(v|webjars)\//.test(url.pathname);

/** Only an answer the server marked immutable is kept for good (another version's path is not). */
const immutable = (res) => res.ok && /immutable/.test(res.headers.get('cache-control') ?? '');

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || !isShell(req, url)) return;
  event.respondWith((async () => {
    const cache = await caches.open(SHELL);
    if (isVersioned(url)) {
      const held = await cache.match(req);
      if (held) return held;
      const res = await fetch(req);
      if (immutable(res)) await cache.put(req, res.clone());
      return res;
    }
    try {
      const res = await fetch(req);
      if (res.ok) await cache.put(req.mode === 'navigate' ? '/' : req, res.clone());
      return res;
    } catch (err) {
      const held = await cache.match(req.mode === 'navigate' ? '/' : req, { ignoreSearch: req.mode === 'navigate' });
      if (held) return held;
      throw err;
    }
  })());
});

// Web Push (issue 20): the server pushes a mention, a direct message or a reply in my thread while
// none of my tabs is visible; the payload (decrypted by the browser) is {room, label, seq, from,
// text, reason}. One notification per room (tag), the next replacing it and alerting again.
// The title is in the page's language: the worker cannot load the page's catalogues (js/i18n.js reads
// the choice from localStorage, which a worker has not), so each page posts the few sentences it
// needs (`parley-words`, from push.js) and the worker keeps them in the Cache API (it may be stopped
// between two pushes). Until a page has, English: the same sentences as js/i18n/en.js (i18n.test.js).
const WORDS = 'parley-words-v1';
const ENGLISH = { 'notify.push-room': '{who} in #{room}', 'notify.direct': '{who} (direct message)', 'notify.someone': 'Someone' };

self.addEventListener('message', (event) => {
  const given = event.data?.type === 'parley-words' ? event.data.words : null;
  if (!given || typeof given !== 'object') return;
  const words = Object.fromEntries(Object.keys(ENGLISH).filter((k) => typeof given[k] === 'string').map((k) => [k, given[k].slice(0, 200)]));
  event.waitUntil(caches.open(WORDS).then((c) => c.put('/parley-words', new Response(JSON.stringify(words)))));
});

async function words() {
  try {
    const held = await (await caches.open(WORDS)).match('/parley-words');
    return { ...ENGLISH, ...(held ? await held.json() : {}) };
  } catch {
    return ENGLISH;
  }
}

const fill = (sentence, params) => sentence.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));

self.addEventListener('push', (event) => {
  let note = {};
  try { note = event.data ? event.data.json() : {}; } catch { note = {}; }
  if (!note.room) return;
  event.waitUntil((async () => {
    const w = await words();
    const who = note.from ?? w['notify.someone'];
    const title = note.label ? fill(w['notify.push-room'], { who, room: note.label }) : fill(w['notify.direct'], { who });
    await self.registration.showNotification(title, {
      body: String(note.text ?? ''),
      tag: `parley:${note.room}`,
      renotify: true,
      icon: '/favicon.svg',
      data: { room: note.room, seq: note.seq },
    });
  })());
});

// A click opens the room: in an open Parley tab if there is one, else in a new window.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const room = event.notification.data?.room;
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const mine = windows.find((c) => new URL(c.url).origin === self.location.origin);
    if (mine) {
      await mine.focus();
      if (room) mine.postMessage({ type: 'parley-open-room', room });
      return;
    }
    await self.clients.openWindow(room ? `/?room=${encodeURIComponent(room)}` : '/');
  })());
});
