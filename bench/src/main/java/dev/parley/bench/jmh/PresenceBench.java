package dev.parley.bench.jmh;

import dev.parley.domain.Audience;
import dev.parley.domain.Bus;
import dev.parley.domain.Change;
import dev.parley.domain.Chat;
import dev.parley.domain.Client;
import dev.parley.domain.Out;
import dev.parley.domain.Session;
import dev.parley.domain.Snapshot;
import dev.parley.domain.Subscriptions;
import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a {@code hello} and the away scan ({@code tick}) cost as the number of registered users
 * grows while the number online stays the same: welcome lists and tick scans only the users online,
 * so {@code registered=100000} should cost what {@code registered=0} does. (They used to scan every
 * user ever seen: about five seconds for a thousand hellos at 100,000 registered.) Moved here from
 * {@code OnlineUsersTest}, where it was a timed test.
 *
 * <p>Each op: one of {@value #ACTIVE} known users says hello again with its token (the others of
 * them are online), the tick runs, it disconnects. Users are loaded from a SQLite store, as a node
 * starts.
 *
 * <p>Run: {@code java -cp bench/target/parley-bench.jar org.openjdk.jmh.Main Presence -f 1 -wi 3 -i
 * 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PresenceBench {
  /** Users online during the measurement. */
  static final int ACTIVE = 1000;

  @Param({"0", "100000"})
  public int registered;

  private Path dir;
  private SqlStore store;
  private Chat chat;
  private final List<String> tokens = new ArrayList<>();
  private final List<Session> online = new ArrayList<>();
  private int next;

  /** A connection that keeps only the token of its welcome. */
  private static final class Tab implements Client {
    String token;

    @Override
    public void send(Out frame) {
      if (frame instanceof Out.Welcome w) token = w.token();
    }

    @Override
    public void close(int code, String reason) {}
  }

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("parley-jmh-presence");
    String url = "jdbc:sqlite:" + dir.resolve("parley.db");
    try (SqlStore filling = SqlStore.open(url, new SimpleMeterRegistry())) {
      for (int i = 0; i < registered; i++) {
        filling.write(
            new Change.UserSaved(new Snapshot.UserRow("x" + i, "old" + i, null, "h" + i, 0)));
      }
    } // closing commits what is queued
    store = SqlStore.open(url, new SimpleMeterRegistry());
    Bus quiet =
        new Bus() {
          @Override
          public void publish(Audience to, Out frame) {}

          @Override
          public void publishCoalesced(Audience to, java.util.List<Out> frames) {}

          @Override
          public void publishPresence(java.util.List<Out> frames) {}

          @Override
          public void close() {}
        };
    chat =
        new Chat(
            store,
            quiet,
            dev.parley.domain.Cluster.ALONE,
            null,
            new Chat.Settings(
                "bench",
                new Out.Limits(1000, 1, 1, 1, 1),
                60_000,
                dev.parley.domain.Retention.KEEP_ALL,
                Integer.MAX_VALUE,
                Integer.MAX_VALUE),
            System::currentTimeMillis);
    chat.subscriptions(
        new Subscriptions() {
          @Override
          public void attach(String userId, Client client, Set<String> rooms) {}

          @Override
          public void detach(String userId, Client client) {}

          @Override
          public void joined(String room, String userId) {}

          @Override
          public void left(String room, String userId) {}
        });
    for (int i = 0; i < ACTIVE; i++) {
      Tab tab = new Tab();
      online.add(chat.hello(tab, "user" + i, null, null, null));
      tokens.add(tab.token);
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** One user's tab closes and comes back: a welcome listing who is online, then the away scan. */
  @Benchmark
  public void helloAndTick() {
    int i = next++ % ACTIVE;
    chat.disconnect(online.get(i));
    online.set(i, chat.hello(new Tab(), null, null, tokens.get(i), null));
    chat.tick();
  }
}
