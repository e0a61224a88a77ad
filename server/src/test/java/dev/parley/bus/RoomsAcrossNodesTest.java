package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Guards;
import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The room quota and the paged directory in a cluster: a user with connections on two nodes,
 * creating on both at once, gets the quota once, not once per node; and the rooms any node created
 * are in every node's directory.
 */
class RoomsAcrossNodesTest {

  private static final int QUOTA = Guards.defaults().roomQuota();
  private static final int TRIES_EACH = 30;

  @RegisterExtension
  static final ParleyCluster cluster =
      ParleyCluster.of(
          2, c -> c.withRate(100_000, 100_000).withGuards(c.guards().withRoomQuota(QUOTA)));

  @Test
  void oneUserCreatingOnTwoNodesAtOnceGetsTheQuotaOnce() throws Exception {
    TestClient onFirst = cluster.user(0, "ann");
    TestClient onSecond = cluster.client(1);
    onSecond.resume(onFirst.token());

    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    Thread t =
        new Thread(
            () -> {
              for (int i = 0; i < TRIES_EACH; i++)
                second.add(
                    onSecond.request(
                        obj("type", "create", "room", ParleyServerExtension.room("two"))));
            });
    t.start();
    for (int i = 0; i < TRIES_EACH; i++)
      first.add(onFirst.request(obj("type", "create", "room", ParleyServerExtension.room("one"))));
    t.join();

    Map<String, Integer> outcomes = new TreeMap<>();
    for (String ref : first) count(outcomes, onFirst.awaitRef(ref));
    for (String ref : second) count(outcomes, onSecond.awaitRef(ref));
    System.out.printf(
        "RoomsAcrossNodesTest: %d creates on two nodes by one user: %s%n",
        2 * TRIES_EACH, outcomes);

    assertThat(outcomes).isEqualTo(Map.of("ok", QUOTA, "quota", 2 * TRIES_EACH - QUOTA));
    // and later, on either node, whichever learnt of the rooms from the other
    assertThat(
            onFirst
                .error(obj("type", "create", "room", ParleyServerExtension.room("late")))
                .path("code")
                .asString())
        .isEqualTo("quota");
    TestClient third = cluster.client(1);
    third.resume(onFirst.token());
    assertThat(
            third
                .error(obj("type", "create", "room", ParleyServerExtension.room("late")))
                .path("code")
                .asString())
        .isEqualTo("quota");
  }

  @Test
  void everyNodesDirectoryListsTheRoomsOfEveryNode() {
    TestClient ann = cluster.user(0, "ann");
    TestClient bob = cluster.user(1, "bob");
    String tag = "xn" + System.nanoTime() % 100_000;
    for (int i = 0; i < 5; i++)
      ann.ok(obj("type", "create", "room", tag + "-a" + i, "topic", "made on the first node"));
    for (int i = 0; i < 5; i++)
      bob.ok(obj("type", "create", "room", tag + "-b" + i, "topic", "made on the second node"));
    bob.join(tag + "-a0");

    for (int node = 0; node < 2; node++) {
      TestClient reader = cluster.user(node, "reader");
      JsonNode page = awaitDirectory(reader, tag, 10);
      List<String> names = new ArrayList<>();
      page.path("rooms").forEach(d -> names.add(d.path("name").asString()));
      assertThat(names).as("node %d", node).hasSize(10);
      assertThat(names.get(0)).as("the busiest first on node %d", node).isEqualTo(tag + "-a0");
      assertThat(page.path("rooms").get(0).path("members").asInt()).isEqualTo(2);
    }
  }

  /**
   * The directory filtered by {@code q}, once it lists {@code n} rooms (another node's rooms reach
   * this one a moment later).
   */
  private static JsonNode awaitDirectory(TestClient reader, String q, int n) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      JsonNode page = reader.call(obj("type", "directory", "q", q));
      assertThat(page.path("type").asString()).as("reply %s", page).isEqualTo("directory");
      if (page.path("rooms").size() == n && page.path("rooms").get(0).path("members").asInt() == 2)
        return page;
      assertThat(System.nanoTime())
          .as("directory %s never listed %d rooms", page, n)
          .isLessThan(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  private static void count(Map<String, Integer> outcomes, JsonNode reply) {
    String outcome =
        "ok".equals(reply.path("type").asString()) ? "ok" : reply.path("code").asString();
    outcomes.merge(outcome, 1, Integer::sum);
  }
}
