// offline-shell.js — Registers sw.js and hands it the files this page loaded before it took over, so the next start works with the server unreachable and a reload asks the server for none of them.

const SHELL = 'parley-shell-v1';

/** The version this page runs, as in its files' paths (/v/<version>/), or null when served unversioned. */
const VERSION_PREFIX = new URL('../', import.meta.url).pathname.match(/^\/v\/[^/]+\//)?.[0] ?? null;

export async function keepShellOffline() {
  if (!('serviceWorker' in navigator) || !window.caches) return;
  try {
    await navigator.serviceWorker.register('/sw.js');
    const own = performance.getEntriesByType('resource')
      .map((e) => new URL(e.name))
      .filter((u) => u.origin === location.origin && !/^\/(api|ws|uploads)(\/|$)/.test(u.pathname) && /\.(js|mjs|css|svg|json|png|webp|woff2)$/.test(u.pathname))
      .map((u) => u.pathname + u.search);
    const cache = await caches.open(SHELL);
    const kept = new Set((await cache.keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search));
    // Files of another version, or from before versions, will not be asked for again: drop them.
    if (VERSION_PREFIX) {
      const stale = (p) => (p.startsWith('/v/') ? !p.startsWith(VERSION_PREFIX) : /^\/(js|css)\/|^\/app\.css$/.test(p));
      await Promise.all([...kept].filter(stale).map((p) => cache.delete(p)));
    }
    // The page itself is refreshed by the worker on each start; a versioned file is kept once (the
    // browser's own cache answers this copy, its answer being immutable).
    const missing = [...new Set(own)].filter((p) => !kept.has(p));
    await Promise.all([...(kept.has('/') ? [] : ['/']), ...missing].map((path) => cache.add(path).catch(() => {})));
  } catch (err) {
    console.warn('parley: offline start-up is not available', err);
  }
}

/** Part of clearing the device: the kept files go too. */
export async function forgetShell() {
  if (window.caches) await caches.delete(SHELL).catch(() => {});
}
