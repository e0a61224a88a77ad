package dev.parley.bus;

import dev.parley.bus.RoomDelivery.LiveEvent;
import dev.parley.domain.Event;
import dev.parley.domain.Out;
import dev.parley.domain.Store;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A gap in a room's events filled from the store: the seqs after it, up to {@value
 * RoomOrders#FILL_LIMIT} at a time ({@code Store.history} with {@code after}). What the store no
 * longer holds (retention removed it) is skipped.
 */
final class EventsFromStore implements RoomOrders.Source<LiveEvent> {
  private final Store store;
  private final Function<Out, byte[]> encoder;

  EventsFromStore(Store store, Function<Out, byte[]> encoder) {
    this.store = store;
    this.encoder = encoder;
  }

  @Override
  public CompletableFuture<Store.Page> read(String room, long[] gap) {
    int limit = (int) Math.max(1, Math.min(RoomOrders.FILL_LIMIT, gap[1] - gap[0]));
    return store.history(room, null, gap[0], limit);
  }

  @Override
  public void filled(
      SeqOrder<LiveEvent> order,
      long[] gap,
      Store.Page page,
      long now,
      Consumer<List<LiveEvent>> ready) {
    List<Event> events = page.events();
    long first = events.isEmpty() ? gap[1] + 1 : events.get(0).seq();
    if (first > order.delivered() + 1) {
      // The store no longer holds the start of the gap (retention removed it): skip it.
      ready.accept(order.skipTo(Math.min(first - 1, gap[1]), now));
    }
    for (Event event : events) {
      ready.accept(
          order.offer(event.seq(), new LiveEvent(event, encoder.apply(new Out.Live(event))), now));
    }
  }
}
