package dev.parley.bench;

import dev.parley.domain.Change;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Profile;
import dev.parley.domain.Store;
import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What one message costs the store's writer at the rates real rooms run at: messages a few
 * milliseconds apart, so that each is a batch of its own and finds the caches cold, as at 20,000
 * deliveries a second in rooms of 100 (200 messages a second). {@link WriterThroughput} measures
 * the opposite end (a saturated writer, hundreds per batch). This counts the writer thread's own
 * CPU time ({@link ThreadMXBean}), not the wall clock, so a busy machine moves it less than a
 * latency would; the appender waits for each answer, then sleeps the gap.
 *
 * <p>{@code java -cp bench/target/parley-bench.jar dev.parley.bench.WriterCost [MESSAGES] [GAP_MS]
 * [ROOMS]} (defaults 4,000, 5, 10; a fresh SQLite file, removed after). Prints the writer's CPU
 * microseconds per message for a warm-up pass and three measured passes.
 */
public final class WriterCost {
  private static final String WRITER = "parley-store-writer";

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
    long gapMillis = args.length > 1 ? Long.parseLong(args[1]) : 5;
    int rooms = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Path dir = Files.createTempDirectory("parley-writer-cost");
    try (SqlStore store =
        SqlStore.open("jdbc:sqlite:" + dir.resolve("parley.db"), new SimpleMeterRegistry())) {
      for (int r = 0; r < rooms; r++) store.write(new Change.RoomSaved("r" + r, "", null, 0));
      for (int pass = 0; pass <= 3; pass++) {
        double micros = pass(store, pass, messages, gapMillis, rooms);
        System.out.printf(
            Locale.ROOT,
            "%s: %.1f us of the writer's CPU per message (%d messages, %d ms apart, %d rooms)%n",
            pass == 0 ? "warm-up" : "pass " + pass,
            micros,
            messages,
            gapMillis,
            rooms);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Appends {@code messages} one at a time; the writer's CPU nanoseconds per message, in us. */
  private static double pass(Store store, int pass, int messages, long gapMillis, int rooms)
      throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long writer = writerId();
    long before = threads.getThreadCpuTime(writer);
    for (int i = 0; i < messages; i++) {
      Profile who = new Profile("u" + (i % 100), "user" + (i % 100), null);
      CompletableFuture<Event> stored = new CompletableFuture<>();
      store.append(
          Message.draft(
              "r" + (i % rooms),
              "p" + pass + "-" + i,
              who,
              System.currentTimeMillis(),
              "message number " + i + " of pass " + pass + ", about as long as a chat line",
              null),
          new Store.Appended() {
            @Override
            public void stored(Event event, boolean duplicate) {
              stored.complete(event);
            }

            @Override
            public void failed(Throwable cause) {
              stored.completeExceptionally(cause);
            }
          });
      stored.get(30, TimeUnit.SECONDS);
      Thread.sleep(gapMillis);
    }
    return (threads.getThreadCpuTime(writer) - before) / 1_000.0 / messages;
  }

  private static long writerId() {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(WRITER)) return t.getId();
    }
    throw new IllegalStateException("no thread named " + WRITER);
  }
}
