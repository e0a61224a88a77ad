package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyCluster;
import dev.parley.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15's bug: on two nodes (PostgreSQL and Redis), eight users, four on each node, each send 25
 * messages at once, well inside the burst of 60 that welcome advertises; between 2 and 18 of each
 * user's sends came back {@code rate_limited}. A quiet user's first {@code burst} frames are served
 * on whichever node they reach, without waiting for Redis.
 */
class BurstAcrossNodesTest {
  private static final int USERS = 8;
  private static final int SENDS = 25;
  private static final int ROUNDS = 4;

  /** The product's rate and burst (20 a second, 60 at once). */
  @RegisterExtension static final ParleyCluster cluster = ParleyCluster.of(2, c -> c);

  @Test
  void eightUsersOnTwoNodesEachSendingTwentyFiveAtOnceAreAllServed() throws Exception {
    assertThat(cluster.node(0).port()).isPositive();
    ExecutorService pool = Executors.newFixedThreadPool(USERS);
    try {
      List<String> refusals = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        List<TestClient> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) users.add(cluster.user(i % 2, "burst" + round));
        List<CompletableFuture<List<String>>> outcomes = new ArrayList<>();
        for (TestClient u : users)
          outcomes.add(CompletableFuture.supplyAsync(() -> sendAll(u), pool));
        for (int i = 0; i < USERS; i++) {
          for (String outcome : outcomes.get(i).get(30, TimeUnit.SECONDS)) {
            if (!outcome.equals("message"))
              refusals.add(
                  "round " + round + ", user " + i + " on node " + (i % 2) + ": " + outcome);
          }
        }
        for (TestClient u : users) u.close();
      }
      assertThat(refusals)
          .as("sends of %d rounds × %d users × %d refused", ROUNDS, USERS, SENDS)
          .isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  /** Sends {@link #SENDS} messages back to back, then returns how each was answered. */
  private static List<String> sendAll(TestClient u) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < SENDS; i++) {
      String id = TestClient.newId();
      ids.add(id);
      u.send(obj("type", "send", "room", "general", "id", id, "ref", id, "text", "burst " + i));
    }
    List<String> outcomes = new ArrayList<>();
    for (String id : ids) {
      JsonNode answer =
          u.awaitFrame(
              f ->
                  id.equals(f.path("ref").asString())
                      || ("message".equals(f.path("type").asString())
                          && id.equals(f.path("id").asString())));
      outcomes.add(
          "error".equals(answer.path("type").asString())
              ? answer.path("code").asString()
              : answer.path("type").asString());
    }
    return outcomes;
  }
}
