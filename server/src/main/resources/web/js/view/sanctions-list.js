// view/sanctions-list.js — Under a room's member list, for its moderators: who is banned from the room and who is muted in it now (the `sanctions` frame), each with who did it, why and until when, and a button that lifts it early (`unban`, `unmute`). Without it a moderator could only lift a mistake by remembering the name and typing /unban.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { errorSentence } from '../i18n/errors.js';
import { untilText } from '../format.js';

/** `conn` asks and lifts; `toast` says what happened; `onLifted(room)` after a lift (the member list reloads). */
export class SanctionsList {
  constructor({ conn, toast, onLifted }) {
    Object.assign(this, { conn, toast, onLifted });
    this.list = h('ul', { class: 'sanction-list', 'data-testid': 'sanction-list' });
    this.heading = h('h3', { class: 'sanctions-title' }, t('sanction.title'));
    this.el = h('section', { class: 'sanctions', 'data-testid': 'sanctions', hidden: true }, this.heading, this.list);
    this.list.addEventListener('click', (e) => {
      const button = e.target.closest('button[data-lift]');
      if (button) this.lift(button);
    });
  }

  /** Shows `room`'s sanctions when I moderate it (else hides the section); a refusal hides it too. */
  async load(room, moderates) {
    this.room = room;
    this.el.hidden = true;
    if (!moderates) return;
    try {
      const reply = await this.conn.request({ type: 'sanctions', room });
      if (room !== this.room) return;
      this.render(reply.bans || [], reply.mutes || []);
    } catch {
      this.el.hidden = true; // no longer a moderator, or offline: the member list still shows
    }
  }

  render(bans, mutes) {
    const rows = [...bans.map((s) => this.row(s, 'ban')), ...mutes.map((s) => this.row(s, 'mute'))];
    this.list.replaceChildren(...rows);
    this.el.hidden = rows.length === 0;
  }

  row(s, kind) {
    const nick = s.user?.nick ?? '';
    const what = t(kind === 'ban' ? 'sanction.banned' : 'sanction.muted');
    const until = s.until ? t('sanction.until', { when: untilText(s.until) }) : kind === 'ban' ? t('sanction.until-lifted') : '';
    const by = s.by?.nick ? t('sanction.by', { nick: s.by.nick }) : '';
    return h('li', { class: 'sanction-item', 'data-testid': `sanction-${kind}`, dataset: { userId: s.user?.id ?? '' } },
      h('span', { class: 'sanction-text' },
        h('span', { class: 'member-nick' }, nick),
        h('span', { class: 'sanction-detail' }, what + until + by + (s.reason ? t('sanction.reason', { reason: s.reason }) : ''))),
      h('button', {
        type: 'button', class: 'btn btn-ghost btn-small', 'data-testid': `lift-${kind}`,
        dataset: { lift: kind === 'ban' ? 'unban' : 'unmute', userId: s.user?.id ?? '', nick },
        'aria-label': t(kind === 'ban' ? 'sanction.lift-ban-label' : 'sanction.unmute-label', { nick }),
      }, t(kind === 'ban' ? 'sanction.lift-ban' : 'sanction.unmute')));
  }

  async lift(button) {
    const { lift, userId, nick } = button.dataset;
    const room = this.room;
    button.disabled = true;
    try {
      await this.conn.request({ type: lift, room, user: userId });
      this.toast(t(lift === 'unban' ? 'sanction.unbanned' : 'sanction.unmuted', { nick, room: `#${room}` }));
      this.onLifted?.(room);
    } catch (err) {
      button.disabled = false;
      this.toast(errorSentence(err, 'sanction.refused'), { error: true });
    }
  }
}
