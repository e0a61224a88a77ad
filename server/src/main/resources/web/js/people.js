// people.js — Who each user id is now: the newest nick and avatar the client has learned for it, so that every name on screen (an old message's author, a notice, a notification, a search result) belongs to one id and follows a rename. State (state.js) is its only writer; views read it.

/**
 * A name learned from a live frame (welcome, presence, a `users` or `members` answer, a history
 * page's `authors`) is who the person is now, and the latest such frame wins; one learned from an
 * event is who they were at its `ts`, and only fills in for someone no live frame has named (the
 * newest event winning). Events never undo a live name: comparing an event's server time with this
 * device's clock would let a skewed clock bring back a name given up. A rename always arrives live
 * (presence), and after a reconnect through the welcome, `authors` and `users` by id.
 */
export class People {
  constructor() {
    /** id → {id, nick, avatar, at, live}; `at`: an event's ts (only compared among events). Main thread. */
    this.byId = new Map();
    /** event → the same event with its author as now: one object per (event, name), so views can compare by identity. */
    this.shownCache = new WeakMap();
  }

  /** Someone as a live frame says they are now. Returns true when their nick or avatar changed. */
  now(user) {
    return this.learn(user, 0, true);
  }

  /** Someone as an event showed them at its `ts`: kept unless something newer is known. Returns true on a change. */
  seen(user, ts) {
    return this.learn(user, Number(ts) || 0, false);
  }

  /** People a live frame named; true when any of them changed. */
  nowAll(users) {
    let changed = false;
    for (const u of users) changed = this.now(u) || changed;
    return changed;
  }

  /** The authors of events (a message's `from`, a notice's `user`) at their `ts`; true when any changed. */
  seenIn(events) {
    let changed = false;
    for (const ev of events) changed = this.seen(ev?.type === 'notice' ? ev.user : ev?.from, ev?.ts) || changed;
    return changed;
  }

  learn(user, at, live) {
    if (!user || typeof user.id !== 'string' || typeof user.nick !== 'string' || !user.nick) return false;
    const held = this.byId.get(user.id);
    if (held && !live && (held.live || held.at >= at)) return false;
    const changed = !held || held.nick !== user.nick || (held.avatar ?? null) !== (user.avatar ?? null);
    this.byId.set(user.id, { id: user.id, nick: user.nick, avatar: user.avatar ?? null, at, live });
    return changed;
  }

  /** The nick known now for `id`, or null. */
  nick(id) {
    return this.byId.get(id)?.nick ?? null;
  }

  /** `user` ({id, nick, avatar}) with the nick and avatar known now for its id; itself when nothing newer is known. */
  current(user) {
    const held = user?.id ? this.byId.get(user.id) : null;
    if (!held || (held.nick === user.nick && (held.avatar ?? null) === (user.avatar ?? null))) return user;
    return { ...user, id: held.id, nick: held.nick, avatar: held.avatar ?? undefined };
  }

  /**
   * The event as it is shown now: a message's `from` or a notice's `user` as known now, and
   * `sentAs` (the name stored in the event) when that differs. The same object for as long as
   * neither the event nor the name changes.
   */
  shown(ev) {
    const key = ev?.type === 'notice' ? 'user' : 'from';
    const who = ev?.[key];
    const now = this.current(who);
    if (!ev || now === who) return ev;
    const cached = this.shownCache.get(ev);
    if (cached && cached[key].nick === now.nick && cached[key].avatar === now.avatar) return cached;
    const shown = { ...ev, [key]: now, sentAs: who.nick };
    this.shownCache.set(ev, shown);
    return shown;
  }

}
