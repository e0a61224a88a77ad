package dev.parley.bus;

import dev.parley.domain.Store;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every room's items of one gapless counter back in order on this node of a cluster: a room's
 * events by seq, or its changes to messages by rev. The same rules serve both, so they are written
 * once. Each room gets a {@link SeqOrder} when its first item arrives, starting at what the domain
 * had delivered then ({@code known}; a room it does not know is skipped: nobody here to deliver
 * to). What can be delivered goes to {@code ready}, in order, never empty. A gap still open after
 * {@value #GAP_MILLIS} ms ({@link #checkGaps}), or one a {@link Sweep} found ({@link #storedAt}),
 * is read from the store through the counter's {@link Source}, one read at a time per room.
 *
 * <p>The bus's inbound thread owns every instance: each method runs there, and what the store
 * answers is brought back there.
 */
final class RoomOrders<T> {
  private static final Logger LOG = LoggerFactory.getLogger(RoomOrders.class);

  /** How long an early item waits for the ones before it before they are read from the store. */
  static final long GAP_MILLIS = 250;

  /** The most items one read from the store fills in. */
  static final int FILL_LIMIT = 200;

  /** How one counter's missing items are read back from the store and put in order. */
  interface Source<T> {
    /** Reads the room's items after {@code gap[0]}: those up to {@code gap[1]} are missing here. */
    CompletableFuture<Store.Page> read(String room, long[] gap);

    /**
     * Offers {@code order} what the read found; hands each run it can now deliver to {@code ready}.
     */
    void filled(SeqOrder<T> order, long[] gap, Store.Page page, long now, Consumer<List<T>> ready);
  }

  private final String what;
  private final ToLongFunction<String> known;
  private final Source<T> source;
  private final Consumer<List<T>> ready;
  private final Executor inbound;
  private final Map<String, SeqOrder<T>> orders = new HashMap<>();

  /** Rooms with a read from the store under way. */
  private final Set<String> filling = new HashSet<>();

  /**
   * @param what the counter's name in the log ("seqs", "revs")
   * @param known the counter the domain has delivered for a room; -1 for a room it does not know
   */
  RoomOrders(
      String what,
      ToLongFunction<String> known,
      Source<T> source,
      Consumer<List<T>> ready,
      Executor inbound) {
    this.what = what;
    this.known = known;
    this.source = source;
    this.ready = ready;
    this.inbound = inbound;
  }

  /**
   * The room's item numbered {@code n}: delivered now, with the held ones it lets through, or held.
   */
  void offer(String room, long n, T item) {
    SeqOrder<T> order = orders.get(room);
    if (order == null) {
      long last = known.applyAsLong(room);
      if (last < 0) return; // a room this node does not know has nobody here to deliver to
      order = new SeqOrder<>(last);
      orders.put(room, order);
    }
    hand(order.offer(n, item, now()));
  }

  /**
   * Whether every item of the room up to {@code n} has been delivered (true for a room not ordered
   * yet).
   */
  boolean reached(String room, long n) {
    SeqOrder<T> order = orders.get(room);
    return order == null || n <= order.delivered();
  }

  /** Reads from the store each gap that has been open for {@value #GAP_MILLIS} ms. */
  void checkGaps(long now) {
    for (Map.Entry<String, SeqOrder<T>> e : orders.entrySet()) {
      if (e.getValue().overdue(now, GAP_MILLIS)) fill(e.getKey(), e.getValue().missing());
    }
  }

  /**
   * A sweep found the room's stored counter at {@code stored} (a sweep ago, so far longer than a
   * publication takes): what this node still lacks of it is read from the store, unless items are
   * held (that gap is {@link #checkGaps}'s).
   */
  void storedAt(String room, long stored) {
    SeqOrder<T> order = orders.get(room);
    if (order == null) {
      long last = known.applyAsLong(room);
      if (last < 0 || last >= stored) return;
      order = new SeqOrder<>(last);
      orders.put(room, order);
    }
    if (order.held() == 0 && order.delivered() < stored)
      fill(room, new long[] {order.delivered(), stored});
  }

  /** The clock of every hold: milliseconds of {@link System#nanoTime}. */
  static long now() {
    return System.nanoTime() / 1_000_000;
  }

  /** Reads {@code gap[0] + 1 .. gap[1]} of the room from the store, unless a read is under way. */
  private void fill(String room, long[] gap) {
    if (!filling.add(room)) return;
    LOG.debug(
        "{}: {} {}..{} did not arrive; reading them from the store",
        room,
        what,
        gap[0] + 1,
        gap[1]);
    source
        .read(room, gap)
        .whenComplete((page, err) -> inbound.execute(() -> filled(room, gap, page, err)));
  }

  private void filled(String room, long[] gap, Store.Page page, Throwable err) {
    filling.remove(room);
    if (err != null) {
      LOG.warn(
          "could not read the {} of {} after {} to fill a gap; trying again",
          what,
          room,
          gap[0],
          err);
      return;
    }
    source.filled(orders.get(room), gap, page, now(), this::hand);
  }

  private void hand(List<T> items) {
    if (!items.isEmpty()) ready.accept(items);
  }
}
