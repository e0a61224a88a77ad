package dev.parley.bus;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds what no gap reveals: a lost publication that nothing follows (the last event or change
 * before a quiet spell, those missed while Redis was away or while this node started). Every
 * {@value #EVERY_MILLIS} ms it reads every room's stored counter (one query) and hands the previous
 * sweep's figures to the {@link RoomOrders}, which reads from the store a room still behind them
 * with nothing held. One instance per counter: last seqs, last revs.
 *
 * <p>{@link #run} is scheduled on the bus's inbound thread, which owns the previous figures.
 */
final class Sweep {
  private static final Logger LOG = LoggerFactory.getLogger(Sweep.class);

  /** How often the rooms' stored counters are read. */
  static final long EVERY_MILLIS = 2_000;

  private final String what;
  private final Supplier<CompletableFuture<Map<String, Long>>> stored;
  private final RoomOrders<?> orders;
  private final Executor inbound;

  /** The stored counters the previous sweep found. */
  private Map<String, Long> previous = Map.of();

  /**
   * @param what the counter's name in the log ("last seqs", "last revs")
   */
  Sweep(
      String what,
      Supplier<CompletableFuture<Map<String, Long>>> stored,
      RoomOrders<?> orders,
      Executor inbound) {
    this.what = what;
    this.stored = stored;
    this.orders = orders;
    this.inbound = inbound;
  }

  void run() {
    stored
        .get()
        .whenComplete(
            (now, err) ->
                inbound.execute(
                    () -> {
                      if (err != null) {
                        LOG.warn("could not read the rooms' {}", what, err);
                        return;
                      }
                      for (Map.Entry<String, Long> e : previous.entrySet())
                        orders.storedAt(e.getKey(), e.getValue());
                      previous = now;
                    }));
  }
}
