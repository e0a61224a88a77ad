package dev.parley.bus;

import dev.parley.domain.Audience;
import dev.parley.domain.Bus;
import dev.parley.domain.Cluster;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Out;
import dev.parley.domain.Store;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Rooms' events and changes to messages, this node's and the other nodes', handed to the domain
 * ({@link Cluster.Log#logged}, {@link Cluster.Log#amended}) and then to this node's sockets: events
 * in seq order, changes in rev order (one {@link RoomOrders} each), each once.
 *
 * <p>Why changes need an order of their own: two nodes' changes to one message can cross on their
 * way to a third, and a client that keeps the higher rev (the contract's rule) would otherwise drop
 * an edit that came late. A room's rev order starts at the rev this node had delivered when the
 * room's first change arrived (in a cluster the domain moves a room's rev only through here, its
 * own changes included).
 *
 * <p>A change reaches members only after the message it changes: one whose message is still held
 * (it came from another node and the seqs before it have not all arrived) waits for it, with every
 * later change of the room behind it, so nobody sees an edit before what it edits, and the tail
 * keeps the edit.
 *
 * <p>The bus's inbound thread owns it: every method runs there.
 */
final class RoomDelivery {
  /** How often held items are checked against {@link RoomOrders#GAP_MILLIS}. */
  static final long CHECK_MILLIS = 50;

  /** A room's event and the bytes its members receive. */
  record LiveEvent(Event event, byte[] json) {}

  /** A change to a message: the message as it now is, and the members' frame. */
  record LiveChange(Message message, byte[] frame) {}

  private final Cluster.Log log;
  private final Bus.Sink sink;
  private final RoomOrders<LiveEvent> seqs;
  private final RoomOrders<LiveChange> revs;

  /**
   * Changes waiting for their message, by room, in rev order: the first waits, the rest behind it.
   */
  private final Map<String, ArrayDeque<LiveChange>> waiting = new HashMap<>();

  RoomDelivery(
      Cluster.Log log,
      Bus.Sink sink,
      Store store,
      Function<Out, byte[]> encoder,
      Executor inbound) {
    this.log = log;
    this.sink = sink;
    this.seqs =
        new RoomOrders<>(
            "seqs", log::lastSeq, new EventsFromStore(store, encoder), this::deliver, inbound);
    this.revs =
        new RoomOrders<>(
            "revs",
            log::lastRev,
            new ChangesFromStore(store, encoder),
            this::afterTheirMessages,
            inbound);
  }

  /** A room's event, from this node or another. */
  void event(LiveEvent e) {
    seqs.offer(e.event().room(), e.event().seq(), e);
  }

  /** A change to a message, from this node or another. */
  void change(LiveChange c) {
    revs.offer(c.message().room(), c.message().rev(), c);
  }

  /** Every {@value #CHECK_MILLIS} ms: gaps open too long are read from the store. */
  void checkGaps() {
    long now = RoomOrders.now();
    seqs.checkGaps(now);
    revs.checkGaps(now);
  }

  /** The events' order, for the sweep of last seqs. */
  RoomOrders<LiveEvent> seqs() {
    return seqs;
  }

  /** The changes' order, for the sweep of last revs. */
  RoomOrders<LiveChange> revs() {
    return revs;
  }

  /** A run of one room's events, in seq order; then the changes that waited for them. */
  private void deliver(List<LiveEvent> events) {
    for (LiveEvent e : events) {
      log.logged(e.event());
      sink.deliver(Audience.room(e.event().room()), e.json());
    }
    String room = events.get(0).event().room();
    ArrayDeque<LiveChange> held = waiting.get(room);
    if (held == null) return;
    LiveChange next;
    while ((next = held.peek()) != null && seqs.reached(room, next.message().seq()))
      apply(held.poll());
    if (held.isEmpty()) waiting.remove(room);
  }

  private void afterTheirMessages(List<LiveChange> changes) {
    for (LiveChange c : changes) afterItsMessage(c);
  }

  private void afterItsMessage(LiveChange c) {
    String room = c.message().room();
    if (!waiting.containsKey(room) && seqs.reached(room, c.message().seq())) {
      apply(c);
      return;
    }
    waiting.computeIfAbsent(room, r -> new ArrayDeque<>()).add(c);
  }

  private void apply(LiveChange c) {
    log.amended(c.message()); // this node's own: already in its tail, and the tail keeps the newer
    sink.deliver(Audience.room(c.message().room()), c.frame());
  }
}
