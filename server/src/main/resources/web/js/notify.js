// notify.js — Desktop notifications while the tab is hidden, by the level chosen for each room (notify-level.js: by default mentions and direct messages); permission is asked only from a click.

import { $ } from './dom.js';
import { storage } from './storage.js';
import { isDirect, isGroup, roomLabel } from './direct.js';
import { noticeRule } from './notify-level.js';
import { isForMe, mentionsMeSoon } from './mentions.js';
import { emojify } from './emoji/emojify.js';
import { excerpt } from './format.js';
import { t } from './i18n.js';

const EXCERPT_CHARS = 140;

export class Notifier {
  constructor({ state, actions }) {
    this.state = state;
    this.actions = actions;
    this.supported = typeof window.Notification === 'function';
    this.banner = $('#notify-banner');
    $('#notify-enable').addEventListener('click', () => {
      storage.saveNotifications(true);
      this.ask();
    });
    $('#notify-dismiss').addEventListener('click', () => {
      storage.saveNotifyAsked();
      this.renderBanner();
    });
  }

  get enabled() { return storage.notifications(); }

  get permission() { return this.supported ? Notification.permission : 'denied'; }

  /** The settings toggle. Turning it on asks for permission when the browser has not been asked yet. */
  setEnabled(on) {
    storage.saveNotifications(on);
    if (on) this.ask();
    this.renderBanner();
  }

  /** Only ever called from a click: browsers (rightly) ignore or punish a request on load. */
  async ask() {
    storage.saveNotifyAsked();
    if (this.supported && Notification.permission === 'default') {
      try { await Notification.requestPermission(); } catch { /* an old callback-only API: ignore */ }
    }
    this.renderBanner();
    this.onChange?.();
  }

  /** The one-time question, shown while nothing was decided and notifications are on. */
  renderBanner() {
    this.banner.hidden = !(this.supported && this.enabled && this.permission === 'default' && !storage.notifyAsked());
  }

  /** A live message: notify when it is for me, the tab is hidden, and the user wants it. */
  async consider(room, ev) {
    if (document.visibilityState !== 'hidden' || !this.enabled || this.permission !== 'granted') return;
    // The level I chose for the room (view/room-options.js), else the default.
    const rule = noticeRule(this.levelOf?.(room.name), ev, this.state.me?.id);
    const wanted = rule === 'mentions' ? await mentionsMeSoon(this.state, room, ev)
      : rule === 'default' ? await isForMe(this.state, room, ev) : rule;
    if (!wanted) return;
    // The sender's name now, not the one the message was sent under (people.js).
    const who = this.state.people.current(ev.from)?.nick ?? t('notify.someone');
    const title = isGroup(room.name) ? t('notify.in-group', { who, room: roomLabel(this.state, room) })
      : isDirect(room.name) ? t('notify.direct', { who }) : t('notify.in-room', { who, room: roomLabel(this.state, room) });
    let note;
    try {
      note = new Notification(title, { body: body(ev), tag: `parley:${room.name}`, icon: '/favicon.svg' });
    } catch (err) {
      console.warn('parley: notification failed', err);
      return;
    }
    note.addEventListener('click', () => {
      window.focus();
      if (this.state.room(room.name)) this.actions.openRoom(room.name);
      note.close();
    });
  }
}

/** Plain text for the notification's body: the message's first words, whitespace folded. */
function body(ev) {
  if (typeof ev.text === 'string' && ev.text.trim()) return emojify(excerpt(ev, EXCERPT_CHARS));
  return ev.image ? t('notify.image') : ev.file?.duration != null ? t('notify.voice') : ev.file ? t('notify.file') : '';
}
