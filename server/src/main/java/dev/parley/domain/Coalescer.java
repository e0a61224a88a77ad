package dev.parley.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Presence changes and join and leave notices, gathered for one short tick and published together.
 * Why: every login announces its user to everyone online and, for a new user, joins {@code
 * general}, so a storm of N logins costs N frames per login, N² in all. Gathered, a connection that
 * asked for batches ({@code hello} with {@code coalesce}) gets one {@code batch} frame per tick
 * instead, and the others still get each frame (a user's latest status only, when it changed twice
 * in one tick).
 *
 * <p>Presence waits longer while many are online: each presence publication is a write to every
 * connection, so at 100 ms ten thousand people arriving cost ten writes a second to each of them
 * (run 21: the core full while people arrived, three quarters of the event loops' time in those
 * writes). A change waits one tick per {@link #PEOPLE_PER_TICK} people online, at most {@link
 * #MOST_TICKS}: presence costs about ten thousand writes a second up to ten thousand people, and a
 * lone change after a quiet spell still goes out at the next tick. Notices keep the short tick:
 * they go to a room's members and hold up its next message.
 *
 * <p>Order: a room's gathered notices are published before any later event of that room, on the
 * store's writer thread, where room events are published in seq order; so nobody sees a message
 * before the notice stored ahead of it.
 */
final class Coalescer {
  /**
   * How long a presence change or a notice may wait to be gathered with others. Each tick that has
   * something costs a write to every connection, so during a storm the tick, not the logins, sets
   * the number of writes.
   */
  static final long TICK_MILLIS = 100;

  /** People online per tick a presence change waits. */
  static final int PEOPLE_PER_TICK = 1_000;

  /** The most ticks a presence change waits (one second). */
  static final int MOST_TICKS = 10;

  private final Bus bus;
  private final Store store;

  /**
   * How many people are online on any node: a bound on the connections here, each of which a
   * presence publication writes to.
   */
  private final IntSupplier online;

  /** Ticks since presence last went out; touched only by {@link #tick}'s one timer. */
  private int ticksSincePresence = MOST_TICKS;

  /** The newest change per user since the last tick, oldest first; guarded by this. */
  private final Map<String, Out.Presence> presence = new LinkedHashMap<>();

  /** Notices stored but not yet published, per room; touched only on the writer thread. */
  private final Map<String, List<Event>> notices = new LinkedHashMap<>();

  /** Set on the writer thread, read by the tick: whether a flush is worth queuing. */
  private volatile boolean noticesPending;

  Coalescer(Bus bus, Store store, IntSupplier online) {
    this.bus = bus;
    this.store = store;
    this.online = online;
  }

  /** How many ticks presence waits with {@code people} online: 1 to {@link #MOST_TICKS}. */
  static int presenceTicks(int people) {
    return Math.max(1, Math.min(MOST_TICKS, people / PEOPLE_PER_TICK));
  }

  /** Any thread: a user's status changed. */
  synchronized void presence(Profile user, Status status) {
    presence.remove(user.id()); // the newest change goes last
    presence.put(user.id(), new Out.Presence(user, status));
  }

  /** On the writer thread, in seq order: a join or leave notice just stored. */
  void notice(String room, Event notice) {
    notices.computeIfAbsent(room, k -> new ArrayList<>()).add(notice);
    noticesPending = true;
  }

  /** On the writer thread, before any other event of {@code room} is published. */
  void before(String room) {
    if (!noticesPending) return;
    List<Event> run = notices.remove(room);
    if (run != null) publish(room, run);
    if (notices.isEmpty()) noticesPending = false;
  }

  /**
   * Every {@link #TICK_MILLIS}, from one timer: publishes the notices gathered and, when due, the
   * presence changes. Both go out from the writer thread one after the other, so the fan-out
   * usually writes them to a connection together, in one write.
   */
  void tick() {
    boolean changes;
    synchronized (this) {
      changes = !presence.isEmpty();
    }
    if (ticksSincePresence < MOST_TICKS) ticksSincePresence++;
    boolean presenceDue = changes && ticksSincePresence >= presenceTicks(online.getAsInt());
    if (presenceDue) ticksSincePresence = 0;
    if (presenceDue || noticesPending) store.afterQueued(() -> flush(presenceDue));
  }

  /** On the writer thread. */
  private void flush(boolean withPresence) {
    List<Out> changes = null;
    if (withPresence) {
      synchronized (this) {
        changes = presence.isEmpty() ? null : new ArrayList<>(presence.values());
        presence.clear();
      }
    }
    if (changes != null) bus.publishPresence(changes);
    for (Map.Entry<String, List<Event>> e : notices.entrySet()) publish(e.getKey(), e.getValue());
    notices.clear();
    noticesPending = false;
  }

  private void publish(String room, List<Event> run) {
    List<Out> frames = new ArrayList<>(run.size());
    for (Event e : run) frames.add(new Out.Live(e));
    bus.publishCoalesced(Audience.room(room), frames);
  }
}
