// push.js — Notifications on this device through Web Push (issue 20), wired from features.js: the Settings section that subscribes this browser (permission asked only from the Enable click), the server told whether this tab is visible (it pushes only while none of my tabs is), and a room opened from a notification (sw.js posts `parley-open-room`, or a new window starts at /?room=…).

import { $ } from './dom.js';
import { t } from './i18n.js';
import { errorSentence } from './i18n/errors.js';

/** The server's VAPID key (base64url) as the bytes pushManager.subscribe takes. */
export function keyBytes(base64url) {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

/** The room a notification's new window was opened for, from `?room=`, or null. */
export function roomFromSearch(search) {
  return new URLSearchParams(search).get('room');
}

const supported = () => 'serviceWorker' in navigator && 'PushManager' in window && typeof window.Notification === 'function';

/** `app`: { state, conn, actions, toast }. */
export function initPush({ state, conn, actions, toast }) {
  const button = $('#push-enable');
  const status = $('#push-status');
  const registration = () => navigator.serviceWorker.ready;
  const current = async () => (supported() ? (await registration()).pushManager.getSubscription() : null);

  const tellVisible = () => conn.send({ type: 'visible', on: document.visibilityState === 'visible' });
  document.addEventListener('visibilitychange', tellVisible);

  let wanted = roomFromSearch(location.search);
  conn.addEventListener('welcome', () => setTimeout(async () => {
    tellVisible();
    if (wanted && state.room(wanted)) {
      actions.openRoom(wanted);
      history.replaceState(null, '', location.pathname + location.hash);
      wanted = null;
    }
    // Renew this device's subscription: the server may have lost it, or another account used it.
    const sub = await current().catch(() => null);
    if (sub) conn.request({ type: 'push', subscription: sub.toJSON() }).catch(() => {});
  }, 0));

  if ('serviceWorker' in navigator) {
    // The worker titles push notifications in this page's language (sw.js keeps these words).
    const words = Object.fromEntries(['notify.push-room', 'notify.direct', 'notify.someone'].map((k) => [k, t(k)]));
    navigator.serviceWorker.ready.then((r) => r.active?.postMessage({ type: 'parley-words', words })).catch(() => {});
    navigator.serviceWorker.addEventListener('message', (event) => {
      const room = event.data?.type === 'parley-open-room' ? event.data.room : null;
      if (room && state.room(room)) actions.openRoom(room);
    });
  }

  async function render() {
    if (!supported()) {
      status.textContent = t('push.unsupported');
      button.hidden = true;
      return;
    }
    const sub = await current().catch(() => null);
    if (Notification.permission === 'denied') {
      status.textContent = t('push.blocked');
      button.hidden = true;
    } else if (sub) {
      status.textContent = t('push.on');
      button.textContent = t('push.turn-off');
      button.hidden = false;
    } else {
      status.textContent = t('push.off');
      button.textContent = t('push.enable');
      button.hidden = false;
    }
  }

  async function enable() {
    // Asked from this click only: browsers ignore (or punish) a request on load.
    if (await Notification.requestPermission() !== 'granted') return;
    const { key } = await conn.request({ type: 'push_key' });
    const reg = await registration();
    const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) });
    await conn.request({ type: 'push', subscription: sub.toJSON() });
    toast?.(t('push.turned-on'));
  }

  async function disable() {
    const sub = await current();
    if (!sub) return;
    await conn.request({ type: 'unpush', endpoint: sub.endpoint }).catch(() => {});
    await sub.unsubscribe();
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      if (await current().catch(() => null)) await disable();
      else await enable();
    } catch (err) {
      toast?.(err?.code ? errorSentence(err) : err?.message ? t('push.failed-because', { reason: err.message }) : t('push.failed'));
    } finally {
      button.disabled = false;
      render();
    }
  });
  render();
  return { render };
}
