// activity.js — Tells the server the user is here (the `active` frame, at most once a minute) so they are not shown as away.

const ACTIVE_EVERY_MS = 60_000;

export function trackActivity(conn) {
  let last = 0;
  conn.addEventListener('welcome', () => { last = Date.now(); });
  const touch = () => {
    const now = Date.now();
    if (!conn.ready || now - last < ACTIVE_EVERY_MS) return;
    last = now;
    conn.send({ type: 'active' });
  };
  for (const type of ['keydown', 'pointerdown', 'focus']) window.addEventListener(type, touch, { capture: true, passive: true });
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') touch(); });
}
