// offline-shell.js — Registers sw.js and hands it the files this page already loaded, so the next start works with the server unreachable.

const SHELL = 'parley-shell-v1';

export async function keepShellOffline() {
  if (!('serviceWorker' in navigator) || !window.caches) return;
  try {
    await navigator.serviceWorker.register('/sw.js');
    // The files loaded before the worker took over: fetch them once more into its cache.
    const own = performance.getEntriesByType('resource')
      .map((e) => new URL(e.name))
      .filter((u) => u.origin === location.origin && !/^\/(api|ws|uploads)(\/|$)/.test(u.pathname) && /\.(js|css|svg|json|png|webp|woff2)$/.test(u.pathname))
      .map((u) => u.pathname + u.search);
    const cache = await caches.open(SHELL);
    await Promise.all([...new Set(['/', ...own])].map((path) => cache.add(path).catch(() => {})));
  } catch (err) {
    console.warn('parley: offline start-up is not available', err);
  }
}

/** Part of clearing the device: the kept files go too. */
export async function forgetShell() {
  if (window.caches) await caches.delete(SHELL).catch(() => {});
}
