package dev.parley.bench.jmh;

import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Profile;
import dev.parley.domain.Store;
import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The store's writer (one thread, one SQLite connection in WAL mode with {@code
 * synchronous=NORMAL}, the server's own settings) through the public API, {@link SqlStore#open} and
 * {@link Store#append}: what grouping appends into one transaction buys. Every score is appends per
 * second (each method's ops are single appends).
 *
 * <ul>
 *   <li>{@code oneAtATime}: append, wait for its callback, append the next: every append is its own
 *       transaction and commit (a batch of one) plus a thread hand-off each way;
 *   <li>{@code queued10}, {@code queued100}, {@code queued1000}: queue that many appends at once,
 *       then wait for the last callback; the writer takes whatever is queued (up to its 1000-op
 *       cap) into one transaction, as it does in the server when many events arrive together.
 * </ul>
 *
 * <p>Each message has a unique client id, so the writer's duplicate lookup runs as in the server. A
 * fresh database file per fork under {@code java.io.tmpdir}, removed at the end.
 *
 * <p>Run: {@code java -cp bench/target/parley-bench.jar org.openjdk.jmh.Main StoreWriter -f 1 -wi 3
 * -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoreWriterBench {

  private static final String ROOM = "general"; // exists in every new database

  private Path dir;
  private SqlStore store;
  private final Profile alice = new Profile("u_7Hk2pQ9xLm3Vn8Rt", "alice", null);
  private final String text = "Lunch at noon? The usual place, or the new one by the station.";
  private long next;

  /** Counts callbacks; wakes the benchmark thread when the awaited one arrives. */
  private final class Waiter implements Store.Appended {
    final AtomicInteger done = new AtomicInteger();
    volatile int target;
    volatile Thread parked;
    volatile Throwable failure;

    @Override
    public void stored(Event event, boolean duplicate) {
      finished();
    }

    @Override
    public void failed(Throwable cause) {
      failure = cause;
      finished();
    }

    private void finished() {
      if (done.incrementAndGet() >= target) {
        Thread t = parked;
        if (t != null) LockSupport.unpark(t);
      }
    }

    /** Queues n appends and returns when all n were answered. */
    void appendAndWait(int n) {
      done.set(0);
      target = n;
      parked = Thread.currentThread();
      for (int i = 0; i < n; i++) {
        long k = next++;
        store.append(
            Message.draft(ROOM, "c-" + k, alice, 1_764_070_000_000L + k, text, null), this);
      }
      while (done.get() < n) LockSupport.park(this);
      if (failure != null) throw new IllegalStateException("append failed", failure);
    }
  }

  private final Waiter waiter = new Waiter();

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("parley-jmh-store");
    store = SqlStore.open("jdbc:sqlite:" + dir.resolve("parley.db"), new SimpleMeterRegistry());
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public void oneAtATime() {
    waiter.appendAndWait(1);
  }

  @Benchmark
  @OperationsPerInvocation(10)
  public void queued10() {
    waiter.appendAndWait(10);
  }

  @Benchmark
  @OperationsPerInvocation(100)
  public void queued100() {
    waiter.appendAndWait(100);
  }

  @Benchmark
  @OperationsPerInvocation(1000)
  public void queued1000() {
    waiter.appendAndWait(1000);
  }
}
