// connection.js — Owns the WebSocket: hello/welcome, reconnect with backoff and jitter, keepalive, request/reply by ref, and pacing within the server's rate limit.

import { localUntil } from './format.js';

const BACKOFF_FIRST_MS = 500;
const BACKOFF_CAP_MS = 30_000;
const PING_EVERY_MS = 25_000;
const PONG_WITHIN_MS = 10_000;
const REQUEST_TIMEOUT_MS = 20_000;
/** After start-up, how long a first connection that has not succeeded yet still shows as "connecting", not as an error. */
const SETTLE_MS = 3_000;
/** Used until welcome tells us the server's limits; we stay a little under them. */
const DEFAULT_LIMITS = { text: 8000, rate: 20, burst: 60 };

/**
 * Statuses: 'idle' (not started), 'connecting' (first attempt), 'connected' (welcomed),
 * 'reconnecting' (lost it, retrying), 'offline' (the browser is offline, or we gave up).
 *
 * Events: 'status', 'welcome' (detail: frame), 'helloerror' (detail: error frame),
 * 'frame' (detail: any other server frame, including errors that no request awaits),
 * 'unreachable' (a connection closed before any welcome while not auto-reconnecting).
 */
export class Connection extends EventTarget {
  /** @param hello () => the fields of the hello frame (nick, avatar, token) */
  constructor(hello) {
    super();
    this.hello = hello;
    this.status = 'idle';
    this.ready = false;
    this.ws = null;
    this.autoReconnect = false;
    this.attempt = 0;
    this.retryTimer = 0;
    this.retryAt = 0;
    /** A hello to send again on the same socket after a busy refusal (helloAgainAfter). */
    this.helloAgainTimer = 0;
    this.pingTimer = 0;
    this.pongTimer = 0;
    this.lastError = null;
    this.pending = new Map();
    this.refCounter = 0;
    this.limits = { ...DEFAULT_LIMITS };
    this.tokens = DEFAULT_LIMITS.burst;
    this.tokensAt = performance.now();
    /** Until then (performance.now()), before any welcome, the indicators show "connecting" whatever happens. */
    this.settleUntil = 0;
    this.queue = [];
    this.drainTimer = 0;

    window.addEventListener('online', () => this.retryNow());
    window.addEventListener('offline', () => { if (!this.ready && this.status !== 'idle') this.setStatus('offline'); });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && this.retryTimer) this.retryNow();
    });
  }

  /** Connects; with autoReconnect the connection keeps coming back until stop(). */
  start({ autoReconnect }) {
    this.autoReconnect = autoReconnect;
    this.stopped = false;
    if (!this.everWelcomed && !this.settleUntil) {
      this.settleUntil = performance.now() + SETTLE_MS;
      // Settled: whatever the status is now, show it as it is.
      setTimeout(() => this.dispatchEvent(new CustomEvent('status', { detail: this.status })), SETTLE_MS + 1);
    }
    if (this.ws && this.ws.readyState === WebSocket.OPEN && !this.ready) this.sendHello();
    else if (!this.ws) this.connect();
  }

  /** Still starting up: nothing has been welcomed yet and the first attempts have had less than SETTLE_MS. */
  get settling() {
    return !this.everWelcomed && (this.status === 'idle' || performance.now() < this.settleUntil);
  }

  /** The status the indicators show: while settling, 'connecting' (a reload or a slow first answer is not an error). */
  get shownStatus() {
    return this.settling && !this.ready ? 'connecting' : this.status;
  }

  /** For log out: closes and forgets everything. */
  stop() {
    this.stopped = true;
    this.autoReconnect = false;
    clearTimeout(this.retryTimer);
    this.retryTimer = 0;
    this.detach(1000, 'logout');
    this.attempt = 0;
    this.setStatus('idle');
  }

  retryNow() {
    if (this.stopped || this.ready || !this.autoReconnect) return;
    if (this.ws && this.ws.readyState === WebSocket.CONNECTING) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = 0;
    this.connect();
  }

  connect() {
    this.retryTimer = 0;
    this.lastError = null;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    let ws;
    try {
      ws = new WebSocket(`${scheme}//${location.host}/ws`);
    } catch {
      this.onClosed(null, { code: 1006 });
      return;
    }
    this.ws = ws;
    this.ready = false;
    if (this.status !== 'offline' || navigator.onLine) {
      this.setStatus(this.everWelcomed ? 'reconnecting' : 'connecting');
    }
    ws.addEventListener('open', () => { if (ws === this.ws) this.sendHello(); });
    ws.addEventListener('message', (e) => { if (ws === this.ws) this.onMessage(e.data); });
    ws.addEventListener('close', (e) => { if (ws === this.ws) this.onClosed(ws, e); });
  }

  /**
   * Says hello again on this same socket after `seconds`: the server refused it as busy (`busy: true`,
   * its password line full) and keeps the place this connection first asked for while it stays
   * (docs/protocol.md). A socket that closed meanwhile says hello anyway when it comes back.
   */
  helloAgainAfter(seconds) {
    const ws = this.ws;
    clearTimeout(this.helloAgainTimer);
    this.helloAgainTimer = setTimeout(() => {
      if (ws === this.ws && !this.ready && ws.readyState === WebSocket.OPEN) this.sendHello();
    }, Math.max(1, Number(seconds) || 2) * 1000);
  }

  sendHello() {
    // coalesce: presence changes and join notices of a busy moment come as one batch frame
    this.raw({ type: 'hello', ...this.hello(), coalesce: true, ref: `hello-${++this.refCounter}` });
  }

  onMessage(data) {
    let frame;
    try { frame = JSON.parse(data); } catch { return; }
    this.onFrame(frame);
  }

  onFrame(frame) {
    if (!frame || typeof frame.type !== 'string') return;
    if (frame.type === 'batch') {
      // frames gathered over one tick, each exactly as it would have come alone
      if (Array.isArray(frame.frames)) for (const inner of frame.frames) this.onFrame(inner);
      return;
    }

    if (frame.type === 'pong') {
      clearTimeout(this.pongTimer);
      this.pongTimer = 0;
      return;
    }
    if (frame.type === 'welcome') {
      this.ready = true;
      this.everWelcomed = true;
      this.autoReconnect = true;
      this.attempt = 0;
      this.applyLimits(frame.server?.limits);
      this.startKeepalive();
      this.setStatus('connected');
      this.dispatchEvent(new CustomEvent('welcome', { detail: frame }));
      return;
    }
    if (frame.type === 'error') {
      frame.message = localUntil(frame.message, frame.until); // a ban's or mute's end, in the reader's time
      this.lastError = frame.code;
      this.lastReason = frame.reason ?? null;
    }
    if (!this.ready && frame.type === 'error') {
      this.dispatchEvent(new CustomEvent('helloerror', { detail: frame }));
      return;
    }
    const waiter = frame.ref != null ? this.pending.get(frame.ref) : null;
    if (waiter) {
      this.pending.delete(frame.ref);
      clearTimeout(waiter.timer);
      if (frame.type === 'error') waiter.reject(Object.assign(new Error(frame.message || frame.code), { code: frame.code, frame }));
      else waiter.resolve(frame);
      return;
    }
    this.dispatchEvent(new CustomEvent('frame', { detail: frame }));
  }

  onClosed(ws, event) {
    const wasReady = this.ready;
    this.ready = false;
    this.ws = null;
    this.stopKeepalive();
    this.queue = [];
    for (const [, waiter] of this.pending) {
      clearTimeout(waiter.timer);
      waiter.reject(Object.assign(new Error('disconnected'), { code: 'disconnected' }));
    }
    this.pending.clear();
    if (this.stopped) return;

    // 4001: this device's session was revoked (signed out from another device): its token is dead.
    if (event.code === 4001) {
      this.autoReconnect = false;
      this.setStatus('idle');
      this.dispatchEvent(new CustomEvent('revoked'));
      return;
    }

    // 4003: an administrator banned this user; the error just before said why.
    if (event.code === 4003) {
      this.autoReconnect = false;
      this.setStatus('idle');
      this.dispatchEvent(new CustomEvent('banned', { detail: this.lastError === 'banned' ? this.lastReason : null }));
      return;
    }

    // The server closes 1008 after hello_required: retrying would only repeat the mistake.
    if (event.code === 1008 && this.lastError === 'hello_required') {
      this.autoReconnect = false;
      this.setStatus('offline');
      return;
    }
    if (!this.autoReconnect) {
      this.setStatus('idle');
      if (!wasReady) this.dispatchEvent(new CustomEvent('unreachable'));
      return;
    }
    this.scheduleRetry();
  }

  scheduleRetry() {
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_FIRST_MS * 2 ** this.attempt);
    const delay = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
    this.attempt++;
    this.retryAt = Date.now() + delay;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delay);
    this.setStatus(navigator.onLine ? 'reconnecting' : 'offline');
  }

  /** Drops the current socket at once, without waiting for a closing handshake that may never come. */
  detach(code, reason) {
    const ws = this.ws;
    if (!ws) return;
    this.ws = null;
    try { ws.close(code, reason); } catch { /* already closing */ }
    this.onClosed(ws, { code: 4000 });
  }

  startKeepalive() {
    this.stopKeepalive();
    this.pingTimer = setInterval(() => {
      if (!this.ready || this.pongTimer) return;
      this.raw({ type: 'ping' });
      this.pongTimer = setTimeout(() => {
        this.pongTimer = 0;
        const ws = this.ws;
        this.ws = null;
        try { ws?.close(4000, 'no pong'); } catch { /* ignore */ }
        this.onClosed(ws, { code: 4000 });
      }, PONG_WITHIN_MS);
    }, PING_EVERY_MS);
  }

  stopKeepalive() {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
    this.pingTimer = 0;
    this.pongTimer = 0;
  }

  applyLimits(limits) {
    if (!limits) return;
    this.limits = {
      text: limits.text || DEFAULT_LIMITS.text,
      rate: limits.rate || DEFAULT_LIMITS.rate,
      burst: limits.burst || limits.rate || DEFAULT_LIMITS.burst,
    };
    this.tokens = Math.min(this.tokens, this.limits.burst);
  }

  /** Fire-and-forget frame, paced under the rate limit. False when not connected. */
  send(frame) {
    if (!this.ready) return false;
    this.queue.push(frame);
    this.drain();
    return true;
  }

  /** A frame whose reply (ok, history, error...) resolves or rejects the returned promise. */
  request(frame) {
    if (!this.ready) return Promise.reject(Object.assign(new Error('not connected'), { code: 'disconnected' }));
    const ref = `r${++this.refCounter}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(ref);
        reject(Object.assign(new Error('timeout'), { code: 'timeout' }));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(ref, { resolve, reject, timer });
      this.send({ ...frame, ref });
    });
  }

  drain() {
    if (this.drainTimer) return;
    // A token bucket a notch under the server's, so a burst (a flushed outbox) never trips it.
    const rate = Math.max(1, this.limits.rate * 0.9);
    const burst = Math.max(1, Math.floor(this.limits.burst * 0.9));
    const now = performance.now();
    this.tokens = Math.min(burst, this.tokens + ((now - this.tokensAt) / 1000) * rate);
    this.tokensAt = now;
    while (this.queue.length && this.tokens >= 1) {
      this.tokens -= 1;
      this.raw(this.queue.shift());
    }
    if (this.queue.length) {
      this.drainTimer = setTimeout(() => { this.drainTimer = 0; this.drain(); }, Math.ceil(1000 / rate));
    }
  }

  raw(frame) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.dispatchEvent(new CustomEvent('status', { detail: status }));
  }
}
