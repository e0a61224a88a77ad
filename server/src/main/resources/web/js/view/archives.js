// view/archives.js — Imported archives: the "Archives" section of the sidebar and the read-only viewer (same message rendering, a local search, no composer, no actions).

import { h, $ } from '../dom.js';
import { t } from '../i18n.js';
import { formatDateTime } from '../i18n/intl.js';
import { dayKey, dayLabel } from '../format.js';
import { isDirect } from '../direct.js';
import { deviceCache } from '../device-cache.js';
import { readArchive, searchArchive } from '../archive.js';
import { renderMessage, renderNotice, renderDay } from './message.js';
import { MarkdownGate, builtFrom, builtTooEarly, onMarkdownChange } from './markdown-gate.js';

/** Rows rendered at once; "Show older" adds as many again. */
const PAGE = 300;
/** Messages from one person closer together than this share one header (as in the live view). */
const GROUP_WINDOW_MS = 5 * 60_000;
const SEARCH_DELAY_MS = 150;

/** The archive's title: `#room`, or the people of a direct conversation. */
export function archiveLabel(archive, me) {
  if (!isDirect(archive.name)) return `#${archive.name}`;
  const nicks = new Set();
  for (const ev of archive.events) if (ev.from?.nick && ev.from.id !== me?.id) nicks.add(ev.from.nick);
  return nicks.size ? t('archive.with', { people: [...nicks].join(t('people.list-separator')) }) : t('archive.direct');
}

export class ArchivesView {
  constructor({ state, onChosen, toast }) {
    this.state = state;
    this.onChosen = onChosen;
    this.toast = toast;
    this.archives = [];
    this.user = null;
    this.open = null;
    this.limit = PAGE;
    this.chat = $('.chat');
    this.roomsPanel = $('#rooms-panel');
    this.heading = $('#archive-heading');
    this.list = $('#archive-list');
    this.view = $('#archive-view');
    this.title = $('#archive-title');
    this.meta = $('#archive-meta');
    this.search = $('#archive-search');
    this.count = $('#archive-count');
    this.messages = $('#archive-messages');
    /** The archive's messages appear once their Markdown is parsed; those shown before are redone when it is. */
    this.markdown = new MarkdownGate(() => this.renderMessages());
    this.built = [];
    onMarkdownChange(() => { if (this.open && this.built.some(builtTooEarly)) this.renderMessages(); });

    this.list.addEventListener('click', (e) => {
      const item = e.target.closest('.archive-item');
      if (item) this.show(item.dataset.archive);
    });
    // Choosing a room (or a direct conversation) leaves the archive.
    this.roomsPanel.addEventListener('click', (e) => {
      if (e.target.closest('.room-item:not(.archive-item)')) this.close();
    }, true);
    $('#archive-close').addEventListener('click', () => { this.close(); this.backToChat(); });
    // Removing asks first: an archive on the device may be the only copy its user has at hand.
    this.removeConfirm = $('#archive-remove-confirm');
    $('#archive-remove').addEventListener('click', () => {
      this.removeConfirm.hidden = false;
      $('#archive-remove-cancel').focus();
    });
    $('#archive-remove-cancel').addEventListener('click', () => {
      this.removeConfirm.hidden = true;
      $('#archive-remove').focus();
    });
    $('#archive-remove-confirm-button').addEventListener('click', () => {
      this.removeConfirm.hidden = true;
      this.remove();
    });
    let timer = 0;
    this.search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => { this.limit = PAGE; this.renderMessages(); }, SEARCH_DELAY_MS);
    });
    this.messages.addEventListener('click', (e) => {
      if (!e.target.closest('.archive-more')) return;
      this.limit += PAGE;
      this.renderMessages();
    });
  }

  /** Shows the archives kept for `user` (nobody else's). */
  async load(user) {
    this.user = user;
    this.close();
    let archives = [];
    if (user) {
      try { archives = await deviceCache.archives(user); } catch (err) { console.warn('parley: archives could not be read', err); }
    }
    if (this.user !== user) return;
    this.archives = archives;
    this.renderList();
  }

  /** Reads a `.json` export, keeps it and opens it; rejects with a sentence for people. */
  async import(file) {
    const user = this.state.me?.id;
    if (!user) throw new Error(t('archive.log-in'));
    const archive = await readArchive(file, user);
    await deviceCache.saveArchive(archive);
    this.archives.unshift(archive);
    this.renderList();
    this.show(archive.id);
    return archive;
  }

  /** Forgets what is shown (the data itself is deleted elsewhere). */
  reset() {
    this.archives = [];
    this.user = null;
    this.close();
    this.renderList();
  }

  renderList() {
    const none = !this.archives.length;
    this.heading.hidden = none;
    this.list.hidden = none;
    const me = this.state.me;
    this.list.replaceChildren(...this.archives.map((a) => {
      const current = this.open?.id === a.id;
      return h('li', null, h('button', {
        type: 'button',
        class: `room-item archive-item${current ? ' current' : ''}`,
        'data-testid': 'archive-item',
        dataset: { archive: a.id, room: a.name },
        'aria-current': current ? 'page' : null,
        title: a.fileName || null,
      },
      h('span', { class: 'archive-icon', 'aria-hidden': 'true' }, '🗄'),
      h('span', { class: 'room-name' }, archiveLabel(a, me)),
      h('span', { class: 'sr-only' }, t('archive.sr'))));
    }));
  }

  show(id) {
    const archive = this.archives.find((a) => a.id === id);
    if (!archive) return;
    const switched = this.open !== archive;
    this.open = archive;
    if (switched) { this.search.value = ''; this.limit = PAGE; }
    this.view.hidden = false;
    this.chat.classList.add('archive-open');
    this.roomsPanel.classList.add('showing-archive');
    this.title.textContent = archiveLabel(archive, this.state.me);
    const messages = archive.events.filter((ev) => ev.type === 'message').length;
    const imported = formatDateTime(archive.importedTs);
    this.meta.textContent = archive.fileName ? t('archive.meta-file', { count: messages, imported, file: archive.fileName }) : t('archive.meta', { count: messages, imported });
    this.renderList();
    this.renderMessages();
    this.messages.scrollTop = this.messages.scrollHeight;
    this.onChosen?.();
  }

  /** The author of the archived message a name or face belongs to (for the user card). */
  authorOf(el) {
    const seq = Number(el.closest('.msg')?.dataset.seq);
    return this.open?.events.find((ev) => ev.seq === seq)?.from ?? null;
  }

  close() {
    if (!this.open) return;
    this.open = null;
    this.removeConfirm.hidden = true;
    this.view.hidden = true;
    this.chat.classList.remove('archive-open');
    this.roomsPanel.classList.remove('showing-archive');
    this.messages.replaceChildren();
    this.renderList();
  }

  async remove() {
    const archive = this.open;
    if (!archive) return;
    try {
      await deviceCache.removeArchive(archive.id);
    } catch (err) {
      this.toast(t('archive.remove-failed'), { error: true });
      return;
    }
    this.archives = this.archives.filter((a) => a !== archive);
    this.close();
    this.backToChat();
    this.toast(t('archive.removed', { name: archiveLabel(archive, this.state.me) }));
  }

  /** After Close or Remove, focus returns to the conversation the archive covered. */
  backToChat() {
    const composer = $('#composer-input');
    (composer.offsetParent ? composer : $('#message-list')).focus({ preventScroll: true });
  }

  renderMessages() {
    const archive = this.open;
    if (!archive) return;
    const query = this.search.value;
    const found = searchArchive(archive, query);
    const shown = found.slice(-this.limit);
    const searching = !!query.trim();
    const texts = shown.filter((ev) => ev.type === 'message' && !ev.deleted && typeof ev.text === 'string').map((ev) => ev.text);
    if (this.markdown.holds(texts)) return;
    this.built = texts.map(builtFrom);
    this.count.textContent = searching ? t('archive.matches', { count: found.length }) : '';
    const me = this.state.me;
    const mentions = { myNick: me?.nick ?? '', nicks: new Set() };
    const rows = [];
    if (shown.length < found.length) {
      rows.push(h('div', { class: 'timeline-top' },
        h('button', { type: 'button', class: 'btn btn-ghost btn-small archive-more', 'data-testid': 'archive-more' },
          t('archive.older', { count: found.length - shown.length }))));
    } else if (!searching) {
      rows.push(h('div', { class: 'timeline-top start' }, h('p', { class: 'start-title' }, t('archive.start', { name: archiveLabel(archive, me) }))));
    }
    if (searching && !found.length) rows.push(h('p', { class: 'archive-empty', 'data-testid': 'archive-no-match' }, t('archive.no-match')));
    let day = null;
    let prev = null;
    for (const ev of shown) {
      const key = dayKey(ev.ts);
      if (key !== day) { day = key; prev = null; rows.push(renderDay(dayLabel(ev.ts))); }
      if (ev.type === 'message') {
        const cont = !searching && !!prev && prev.from?.id === ev.from?.id && ev.ts - prev.ts < GROUP_WINDOW_MS && ev.ts >= prev.ts;
        rows.push(renderMessage(ev, { cont, mine: ev.from?.id === me?.id, mentioned: false, mentions }));
        prev = ev;
      } else {
        rows.push(renderNotice(ev));
        prev = null;
      }
    }
    this.messages.replaceChildren(...rows);
    // Read-only: a reaction is not a control here.
    for (const b of this.messages.querySelectorAll('.msg .reaction-chip')) b.disabled = true;
    if (searching) this.messages.scrollTop = this.messages.scrollHeight;
  }
}
