package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Guards;
import dev.parley.ParleyConfig;
import dev.parley.testing.Bystander;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The audit's room spam, small: one user with many connections sends {@code create} as fast as each
 * connection's rate allows. The per-connection rate multiplied by the connections used to be the
 * only bound (20,040 rooms in 20 s); the room quota now is, and everyone else is served meanwhile.
 */
class RoomSpamTest {

  private static final int QUOTA = Guards.defaults().roomQuota();
  private static final int CONNECTIONS = 8;

  /** One burst of the contract's per-connection rate: none of these is refused for the rate. */
  private static final int CREATES_EACH = ParleyConfig.defaults().rateBurst();

  /** Rounds the bystander asks while the attack goes on (the bystander's own minimum is 3). */
  private static final int MIN_ROUNDS = 5;

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withGuards(c.guards().withRoomQuota(QUOTA)));

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void oneUserWithManyConnectionsCreatesNoMoreThanTheQuotaWhileOthersAreServed() throws Exception {
    Bystander bystander = Bystander.watch(server);
    TestClient spammer = server.user("spammer");
    List<TestClient> tabs = new ArrayList<>();
    tabs.add(spammer);
    for (int i = 1; i < CONNECTIONS; i++) tabs.add(server.tabOf(spammer));

    Map<TestClient, List<String>> refs = new ConcurrentHashMap<>();
    List<Thread> threads = new ArrayList<>();
    long roundsBefore = bystander.rounds();
    for (TestClient tab : tabs) {
      Thread t =
          new Thread(
              () -> {
                List<String> mine = new ArrayList<>();
                for (int i = 0; i < CREATES_EACH; i++)
                  mine.add(
                      tab.request(
                          obj("type", "create", "room", ParleyServerExtension.room("spam"))));
                // then on at the rate allowed, until the bystander has asked a few times during the
                // attack
                while (bystander.rounds() < roundsBefore + MIN_ROUNDS) {
                  mine.add(
                      tab.request(
                          obj("type", "create", "room", ParleyServerExtension.room("spam"))));
                  pause(1000 / ParleyConfig.defaults().ratePerSecond());
                }
                refs.put(tab, mine);
              });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) t.join();

    Map<String, Integer> outcomes = new TreeMap<>();
    for (Map.Entry<TestClient, List<String>> e : refs.entrySet()) {
      for (String ref : e.getValue()) {
        JsonNode reply = e.getKey().awaitRef(ref);
        String outcome =
            "ok".equals(reply.path("type").asString()) ? "ok" : reply.path("code").asString();
        outcomes.merge(outcome, 1, Integer::sum);
      }
    }
    System.out.printf(
        "RoomSpamTest: %d creates from %d connections of one user: %s; bystander %s%n",
        outcomes.values().stream().mapToInt(Integer::intValue).sum(),
        CONNECTIONS,
        outcomes,
        bystander.worst());

    assertThat(outcomes.getOrDefault("ok", 0))
        .as("rooms created by one user (%s)", outcomes)
        .isEqualTo(QUOTA);
    // the rest are refused for the quota (or, where a rate across the user's connections applies,
    // for that)
    assertThat(outcomes.keySet()).as("outcomes").isSubsetOf("ok", "quota", "rate_limited");
    assertThat(outcomes.getOrDefault("quota", 0))
        .as("creates refused for the quota (%s)", outcomes)
        .isPositive();
    bystander.assertServed();
  }
}
