// sessions.js — This device's session on the server and the others of the same user: list them, sign one out (or all but this one), make a code that signs another device in, and read a `#signin=CODE` link. The browser summary of a User-Agent is pure (unit-tested).

import { t } from './i18n.js';

/** The `#signin=CODE` part of a sign-in link, or null. */
export function codeFromHash(hash) {
  const m = /^#signin=([A-Za-z0-9-]{4,16})$/.exec(hash || '');
  return m ? m[1].toUpperCase() : null;
}

/** The link another device opens to sign in with `code`. */
export function signInLink(origin, code) {
  return `${origin}/#signin=${code}`;
}

/** "Firefox on Linux" from a User-Agent; "Unknown browser" when it says nothing we know. */
export function describeAgent(agent) {
  const ua = agent || '';
  const browser = /Edg\//.test(ua) ? 'Edge'
    : /OPR\/|Opera/.test(ua) ? 'Opera'
      : /Firefox\//.test(ua) ? 'Firefox'
        : /Chrom(e|ium)\//.test(ua) ? 'Chrome'
          : /Safari\//.test(ua) ? 'Safari'
            : null;
  const os = /iPhone|iPad|iPod/.test(ua) ? 'iOS'
    : /Android/.test(ua) ? 'Android'
      : /Windows/.test(ua) ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua) ? 'macOS'
          : /CrOS/.test(ua) ? 'ChromeOS'
            : /Linux/.test(ua) ? 'Linux'
              : null;
  if (browser && os) return t('sessions.agent', { browser, os });
  return browser || os || t('sessions.unknown-agent');
}

/** "9:41" left until `expires` (ms), or null once it passed. */
export function timeLeft(expires, now = Date.now()) {
  const s = Math.ceil((expires - now) / 1000);
  if (s <= 0) return null;
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export class Sessions {
  /** `conn`: the Connection. */
  constructor(conn) {
    this.conn = conn;
    /** This device's session id, from the last welcome. */
    this.current = null;
  }

  follow(welcome) {
    this.current = welcome.session ?? null;
  }

  /** The user's sessions: [{id, created, lastSeen, agent?, current}]. */
  async list() {
    const reply = await this.conn.request({ type: 'sessions' });
    return reply.sessions ?? [];
  }

  revoke(id) {
    return this.conn.request({ type: 'revoke', session: id });
  }

  revokeOthers() {
    return this.conn.request({ type: 'revoke', others: true });
  }

  /** {code, expires} of a new sign-in code. */
  link() {
    return this.conn.request({ type: 'link' });
  }

  /** Logging out: the server ends this device's session (sent before the socket closes). */
  endHere() {
    if (this.current && this.conn.ready) this.conn.raw({ type: 'revoke', session: this.current });
    this.current = null;
  }
}
