// view/timeline.js — What the open room's timeline shows, row by row: the top, day separators, messages grouped by author, runs of joins and leaves folded into one line, and our own messages still pending. view/messages.js keeps them in the page.

import { h } from '../dom.js';
import { dayKey, dayLabel } from '../format.js';
import { renderMessage, renderNotice, renderNoticeRun, renderPending, renderDay } from './message.js';
import { roomLabel, isDirect } from '../direct.js';
import { mentionOptions, mentionsMeIn } from '../mentions.js';
import { mentionNamesKey } from '../mention-ids.js';
import { renderUnreadDivider } from './unread-divider.js';
import { emojify } from '../emoji/emojify.js';
import { threadOnly } from '../thread-rules.js';
import { t } from '../i18n.js';

/** Messages from one person closer together than this share one header. */
const GROUP_WINDOW_MS = 5 * 60_000;
/** This many joins and leaves in a row, with nothing said between them, fold into one line. */
const COLLAPSE_NOTICES = 3;

/**
 * The rows of `room`'s timeline, in order: {key, version, build, cont?, text?}. A key names the same
 * row across renders (`s:<seq>` an event, `n:<seq>` a run of notices, `p:<id>` a pending message,
 * `d:<day>` a day, `u:new` the "New messages" line, `top`); its version changes exactly when the row must be built again. `pending`:
 * the outbox's items for the room; `online`: whether they can go out now.
 */
export function timelineRows(state, room, { pending, online, onRetry, onDiscard }) {
  const me = state.me;
  const rows = [];
  rows.push(topRow(state, room));
  let prev = null;
  let prevDay = null;
  const pushDay = (ts) => {
    const key = dayKey(ts);
    if (key === prevDay) return;
    prevDay = key;
    prev = null;
    const label = dayLabel(ts);
    rows.push({ key: `d:${key}`, version: label, build: () => renderDay(label) });
  };

  const events = room.events;
  const mentions = mentionOptions(state, room);
  // "New messages" goes before the first message from someone else past the marker the room was opened with.
  const mark = state.unreadMark?.room === room.name ? state.unreadMark : null;
  let marked = !mark;
  for (let i = 0; i < events.length; i++) {
    // Shown with its author's name as known now (people.js): the same object until that changes.
    const ev = state.people.shown(events[i]);
    if (threadOnly(ev)) continue; // the thread's panel shows it (threads.js)
    pushDay(ev.ts);
    if (ev.type === 'message') {
      if (!marked && ev.seq > mark.after && ev.from?.id !== me?.id && !ev.deleted) {
        marked = true;
        rows.push({ key: 'u:new', version: 'new', build: renderUnreadDivider });
        prev = null;
      }
      const cont = groupsWith(prev, ev.from?.id, ev.ts);
      const mine = ev.from?.id === me?.id;
      const quoteGone = !!ev.reply && ev.reply.seq < room.firstSeq;
      const person = (id) => state.people.current({ id, nick: state.people.nick(id) ?? '' });
      const build = () => renderMessage(ev, { cont, mine, mentioned: mentionsMeIn(state, room, ev, mentions), mentions, quoteGone, person });
      const version = versionOf(ev, (id) => state.people.nick(id));
      rows.push({ key: `s:${ev.seq}`, version: quoteGone ? goneVersion(version) : version, cont, text: ev.deleted ? null : ev.text, build });
      prev = { kind: 'message', from: ev.from?.id, ts: ev.ts };
      continue;
    }
    prev = null;
    const run = comingsAndGoings(events, i).map((e) => state.people.shown(e));
    if (run.length >= COLLAPSE_NOTICES) {
      const last = run[run.length - 1];
      const version = `${last.seq}:${run.map((e) => e.user?.nick).join('\n')}`;
      rows.push({ key: `n:${ev.seq}`, version, build: () => renderNoticeRun(run) });
      i += run.length - 1;
    } else {
      rows.push({ key: `s:${ev.seq}`, version: ev, build: () => renderNotice(ev, (id) => state.people.nick(id)) });
    }
  }
  for (const item of pending) {
    if (threadOnly(item)) continue;
    pushDay(item.ts);
    const cont = groupsWith(prev, me?.id, item.ts);
    rows.push({
      key: `p:${item.id}`,
      version: `${item.state}:${item.error ?? ''}:${online}`,
      cont,
      text: item.text || null,
      build: () => renderPending(item, me, { cont, online, mentions, onRetry, onDiscard }),
    });
    prev = { kind: 'message', from: me?.id, ts: item.ts };
  }
  return rows;
}

/** The top of the timeline: loading, the start of the room (nothing older), or room for more. */
function topRow(state, room) {
  if (room.loadingOlder || (room.loadingLatest && !room.events.length)) {
    return { key: 'top', version: 'loading', build: () => h('div', { class: 'timeline-top', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('timeline.loading')) };
  }
  if (!room.hasOlder) {
    return {
      key: 'top', version: `start:${room.name}:${room.topic}:${roomLabel(state, room)}:${room.firstSeq > 1}`,
      build: () => h('div', { class: 'timeline-top start' },
        h('p', { class: 'start-title' }, isDirect(room.name)
          ? t('timeline.start-direct', { who: roomLabel(state, room) })
          : t('timeline.start-room', { room: room.name })),
        room.topic ? h('p', { class: 'start-topic' }, emojify(room.topic)) : null,
        room.firstSeq > 1
          ? h('p', { class: 'start-retention', 'data-testid': 'retention-start' }, t('timeline.retention'))
          : null),
    };
  }
  return { key: 'top', version: 'more', build: () => h('div', { class: 'timeline-top', 'aria-hidden': 'true' }) };
}

/** The join and leave notices from index i on, up to the first other event or the next day. */
function comingsAndGoings(events, i) {
  const run = [];
  const day = dayKey(events[i].ts);
  for (let j = i; j < events.length; j++) {
    const ev = events[j];
    if (ev.type !== 'notice' || (ev.event !== 'join' && ev.event !== 'leave') || dayKey(ev.ts) !== day) break;
    run.push(ev);
  }
  return run;
}

function groupsWith(prev, fromId, ts) {
  return !!prev && prev.kind === 'message' && prev.from === fromId && ts - prev.ts < GROUP_WINDOW_MS && ts >= prev.ts;
}

/** A reply whose parent retention removed is drawn again (its quote says so). */
const goneVersions = new WeakMap();
function goneVersion(version) {
  if (typeof version !== 'object') return `gone:${version}`;
  if (!goneVersions.has(version)) goneVersions.set(version, { gone: version });
  return goneVersions.get(version);
}

/** Rows of messages that mention people by id are drawn again when one of those people's names changes. */
const mentionVersions = new WeakMap();
function versionOf(ev, nickOf) {
  const names = mentionNamesKey(ev, nickOf);
  if (!names) return ev;
  const held = mentionVersions.get(ev);
  if (held?.names === names) return held;
  const version = { names };
  mentionVersions.set(ev, version);
  return version;
}
