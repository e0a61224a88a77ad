package dev.parley.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A quick measure, not a benchmark: one room written at once by one sender on each of three nodes,
 * against the same three senders on one PostgreSQL node. Prints messages per second until every
 * member has every message; checks only that they all arrived, in seq order.
 */
class HotRoomAcrossNodesTest {
  private static final int SENDERS = 3;
  private static final int MESSAGES_EACH = 1_500;

  @RegisterExtension
  static final ParleyCluster cluster = ParleyCluster.of(3, c -> c.withRate(100_000, 100_000));

  @RegisterExtension
  static final ParleyServerExtension single =
      ParleyServerExtension.onPostgres(c -> c.withRate(100_000, 100_000));

  @Test
  void aHotRoomWrittenFromThreeNodesKeepsUp() throws Exception {
    double one = run("one node", n -> single.user("solo" + n));
    double three = run("three nodes", n -> cluster.user(n % cluster.size(), "node" + n));
    System.out.printf(
        "hot room: %.0f messages/s on one node, %.0f across three nodes%n", one, three);
    assertThat(three).isPositive();
  }

  private static double run(String label, IntFunction<TestClient> user) throws Exception {
    String room = ParleyServerExtension.room("hot");
    List<TestClient> senders = new ArrayList<>();
    for (int n = 0; n < SENDERS; n++) senders.add(user.apply(n));
    senders.get(0).create(room);
    for (TestClient c : senders.subList(1, SENDERS)) c.join(room);
    TestClient last = senders.get(SENDERS - 1);
    for (TestClient c : senders) {
      c.await(
          "notice",
          f ->
              room.equals(f.path("room").asString())
                  && last.id().equals(f.path("user").path("id").asString()));
      c.clear();
    }
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    CountDownLatch go = new CountDownLatch(1);
    try {
      for (TestClient s : senders) {
        pool.submit(
            () -> {
              go.await();
              for (int i = 0; i < MESSAGES_EACH; i++) s.sayAsync(room, "m" + i);
              return null;
            });
      }
      long t0 = System.nanoTime();
      go.countDown();
      int total = SENDERS * MESSAGES_EACH;
      for (TestClient c : senders) {
        var got =
            c.awaitCount(
                "message",
                f -> room.equals(f.path("room").asString()),
                total,
                Duration.ofSeconds(120));
        assertThat(got)
            .extracting(f -> f.path("seq").asLong())
            .as("%s, %s", label, c)
            .isSorted()
            .doesNotHaveDuplicates()
            .hasSize(total);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      return total / seconds;
    } finally {
      pool.shutdownNow();
      for (TestClient c : senders) c.close();
    }
  }
}
