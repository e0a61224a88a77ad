package dev.parley.bus;

import dev.parley.bus.RoomDelivery.LiveChange;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Out;
import dev.parley.domain.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A gap in a room's changes to messages filled from the store: the messages changed after the gap's
 * start, as they are now ({@code Store.changes}). Each comes at its latest rev, so a change missing
 * here is either among them or was overtaken by a later change to the same message, which is; the
 * revs between are skipped, and so is the rest of the gap once the store has no more (retention
 * removed them).
 */
final class ChangesFromStore implements RoomOrders.Source<LiveChange> {
  private final Store store;
  private final Function<Out, byte[]> encoder;

  ChangesFromStore(Store store, Function<Out, byte[]> encoder) {
    this.store = store;
    this.encoder = encoder;
  }

  @Override
  public CompletableFuture<Store.Page> read(String room, long[] gap) {
    return store.changes(room, gap[0], RoomOrders.FILL_LIMIT);
  }

  @Override
  public void filled(
      SeqOrder<LiveChange> order,
      long[] gap,
      Store.Page page,
      long now,
      Consumer<List<LiveChange>> ready) {
    List<LiveChange> out = new ArrayList<>();
    for (Event e : page.events()) {
      Message m = (Message) e;
      // the message whole (a reaction held at that rev carries only itself, and the changes
      // skipped just below may be the ones it overtook)
      LiveChange whole = new LiveChange(m, encoder.apply(new Out.Live(m)));
      order.replace(m.rev(), whole);
      out.addAll(order.skipTo(m.rev() - 1, now)); // the revs between were overtaken by later ones
      out.addAll(order.offer(m.rev(), whole, now));
    }
    if (!page.more()) out.addAll(order.skipTo(gap[1], now)); // not stored any more (retention)
    ready.accept(out);
  }
}
