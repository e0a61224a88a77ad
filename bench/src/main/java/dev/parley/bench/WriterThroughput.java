package dev.parley.bench;

import dev.parley.domain.Change;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Profile;
import dev.parley.domain.Store;
import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * How many appends per second go through the store's writer, with several producer threads each on
 * a room of its own, the way the server's event loops hand it messages: a quick before/after figure
 * for a change to the writer (a few seconds), where {@code StoreWriterBench} (JMH) is the careful
 * one. Prints appends/s and the batches the writer made; fails only if an append does.
 *
 * <p>{@code java -cp bench/target/parley-bench.jar dev.parley.bench.WriterThroughput [APPENDS]
 * [PRODUCERS] [JDBC_URL]} (defaults 50,000, 4, a fresh SQLite file under {@code java.io.tmpdir},
 * removed after; a PostgreSQL URL should name an empty schema). Was {@code WriterThroughputTest}, a
 * test that could only fail if an append failed.
 */
public final class WriterThroughput {
  /** Appends before the measured run, so that the JIT has compiled the writer's path. */
  private static final int WARM_UP = 2_000;

  private static final long WAIT_SECONDS = 300;

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int producers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    Path dir = args.length > 2 ? null : Files.createTempDirectory("parley-writer");
    String url = dir == null ? args[2] : "jdbc:sqlite:" + dir.resolve("parley.db");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (SqlStore store = SqlStore.open(url, registry)) {
      for (int r = 0; r < producers; r++) store.write(new Change.RoomSaved("r" + r, "", null, 0));
      run(store, WARM_UP, producers, "warm-up");
      DistributionSummary batches = registry.get("parley.store.batch.size").summary();
      long batchesBefore = batches.count();
      double opsBefore = batches.totalAmount();
      long perSecond = run(store, total, producers, "measured");
      long n = batches.count() - batchesBefore;
      System.out.printf(
          Locale.ROOT,
          "writer on %s: %d appends/s (%d appends, %d producers; %d batches, mean %.0f ops per batch)%n",
          dir == null ? url.replaceAll("(?i)(password=)[^&]*", "$1***") : "SQLite",
          perSecond,
          total,
          producers,
          n,
          (batches.totalAmount() - opsBefore) / Math.max(1, n));
    } finally {
      if (dir != null) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  /**
   * Appends {@code total} messages from {@code producers} threads; the rate, once all are stored.
   */
  private static long run(Store store, int total, int producers, String tag)
      throws InterruptedException {
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
    Thread[] threads = new Thread[producers];
    long start = System.nanoTime();
    for (int t = 0; t < producers; t++) {
      int me = t;
      threads[t] =
          new Thread(
              () -> {
                Profile who = new Profile("u" + me, "user" + me, null);
                for (int i = me; i < total; i += producers) {
                  store.append(
                      Message.draft("r" + me, tag + "-" + i, who, i, "message number " + i, null),
                      cb);
                }
              });
      threads[t].start();
    }
    if (!done.await(WAIT_SECONDS, TimeUnit.SECONDS))
      throw new IllegalStateException(tag + ": appends still unanswered");
    long nanos = System.nanoTime() - start;
    if (failed.get() > 0)
      throw new IllegalStateException(tag + ": " + failed.get() + " appends failed");
    return total * 1_000_000_000L / nanos;
  }
}
