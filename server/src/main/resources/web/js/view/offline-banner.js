// view/offline-banner.js — Says plainly when what is shown comes from the device because the server cannot be reached.

import { $ } from '../dom.js';

export class OfflineBanner {
  constructor({ state, conn }) {
    this.state = state;
    this.conn = conn;
    this.el = $('#offline-banner');
  }

  render() {
    const { conn, state } = this;
    // Starting up (a first attempt under way, or failing for less than a few seconds) is not "offline" yet: no flash on every reload.
    const down = !conn.ready && !conn.settling && conn.status !== 'idle'
      && (conn.status === 'reconnecting' || conn.status === 'offline' || conn.attempt > 0);
    this.el.hidden = !(down && state.me && state.rooms.size);
    document.body.classList.toggle('offline', !this.el.hidden);
  }
}
