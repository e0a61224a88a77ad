package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Profile;
import dev.parley.domain.Change;
import dev.parley.domain.Store;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A quick measure of how many appends per second go through the writer on SQLite, with four
 * producers on four rooms; it prints the figure and checks only that every append was stored.
 */
class WriterThroughputTest {

  @Test
  void measuresAppendsPerSecondOnSqlite() throws Exception {
    try (Target target = Target.sqlite()) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      SqlStore store = SqlStore.open(target.url(), registry);
      try {
        for (int r = 0; r < 4; r++) store.write(new Change.RoomSaved("r" + r, "", null, 0));
        run(store, 2_000, "warm-up"); // lets the JIT compile the writer's path
        long perSecond = run(store, 50_000, "measured");
        DistributionSummary batches = registry.get("parley.store.batch.size").summary();
        System.out.printf(
            "SQLite writer: %d appends/s (%d batches, mean %.0f ops, max %.0f ops per batch)%n",
            perSecond, batches.count(), batches.mean(), batches.max());
        assertThat(perSecond).isPositive();
      } finally {
        store.close();
      }
    }
  }

  private static long run(Store store, int total, String tag) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(total);
    AtomicInteger failed = new AtomicInteger();
    Store.Appended cb =
        new Store.Appended() {
          @Override
          public void stored(Event event, boolean duplicate) {
            done.countDown();
          }

          @Override
          public void failed(Throwable cause) {
            failed.incrementAndGet();
            done.countDown();
          }
        };
    int producers = 4;
    Thread[] threads = new Thread[producers];
    long start = System.nanoTime();
    for (int t = 0; t < producers; t++) {
      int me = t;
      threads[t] =
          new Thread(
              () -> {
                Profile who = new Profile("u" + me, "user" + me, null);
                for (int i = me; i < total; i += producers) {
                  store.append(Message.draft("r" + me, tag + "-" + i, who, i, "message number " + i, null), cb);
                }
              });
      threads[t].start();
    }
    assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();
    long nanos = System.nanoTime() - start;
    assertThat(failed).hasValue(0);
    return total * 1_000_000_000L / nanos;
  }
}
