package dev.parley.testing;

import dev.parley.domain.Event;
import dev.parley.domain.Store;
import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A room's log as the cluster's database holds it, read through a store of its own (no node in
 * between): what a test compares every client's view with after nodes died or Redis went.
 */
public final class StoredLog {
  private StoredLog() {}

  /** Every stored event of {@code room} after seq {@code after}, in seq order. */
  public static List<Event> after(String jdbcUrl, String room, long after) {
    SqlStore store = SqlStore.open(jdbcUrl, new SimpleMeterRegistry());
    try {
      List<Event> out = new ArrayList<>();
      long from = after;
      while (true) {
        Store.Page page =
            store.history(room, null, from, 200).orTimeout(20, TimeUnit.SECONDS).join();
        out.addAll(page.events());
        if (!page.more() || page.events().isEmpty()) return out;
        from = page.events().get(page.events().size() - 1).seq();
      }
    } finally {
      store.close();
    }
  }
}
