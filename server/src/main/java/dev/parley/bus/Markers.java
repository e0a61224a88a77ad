package dev.parley.bus;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Catching up with the other nodes: a marker this node publishes to itself. Redis hands every
 * subscriber the channel's messages in the order it received them, so when the marker is back (on
 * the inbound thread, which applies in arrival order) everything any node published before it has
 * been applied here. Without Redis a wait ends after {@value #WAIT_MILLIS} ms anyway.
 *
 * <p>Thread-safe: any thread asks; markers come back on the inbound thread.
 */
final class Markers {
  /** How long a catch-up waits for its marker before running anyway (Redis away). */
  static final long WAIT_MILLIS = 2_000;

  private final String node;
  private final Outbox outbox;
  private final ScheduledExecutorService inbound;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Runnable> waiting = new ConcurrentHashMap<>();

  Markers(String node, Outbox outbox, ScheduledExecutorService inbound) {
    this.node = node;
    this.outbox = outbox;
    this.inbound = inbound;
  }

  /** Runs {@code then} once this node has applied what every node published before this call. */
  void catchUp(Runnable then) {
    long id = ids.incrementAndGet();
    waiting.put(id, then);
    inbound.schedule(() -> back(id), WAIT_MILLIS, TimeUnit.MILLISECONDS);
    outbox.send(new Envelope.Marker(node, id));
  }

  /** This node's marker {@code id} came back (or its wait ran out): its task runs, once. */
  void back(long id) {
    Runnable then = waiting.remove(id);
    if (then != null) Outbox.runSafely(then);
  }
}
