// sw.js — Keeps the client's own files (never the API, the socket or uploads) so Parley still opens, with the history kept on the device, when the server cannot be reached. Network first: a reachable server always serves its current files.

const SHELL = 'parley-shell-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/** The app's page and its own static files; never the API, the socket, uploads, metrics or health. */
function isShell(req, url) {
  if (url.origin !== self.location.origin || /^\/(api|ws|uploads)(\/|$)/.test(url.pathname)) return false;
  if (req.mode === 'navigate') return url.pathname === '/' || url.pathname === '/index.html';
  return /\.(js|css|svg|json|png|webp|woff2)$/.test(url.pathname);
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || !isShell(req, new URL(req.url))) return;
  event.respondWith((async () => {
    const cache = await caches.open(SHELL);
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
