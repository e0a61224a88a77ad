package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Bystander;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.Seeds;
import dev.parley.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The audit's {@code users} attack, small: someone in thousands of rooms asks who matches, over and
 * over, from several connections. The answer used to walk every user ever created times the asker's
 * rooms on the event loop (12 s a frame in 20,000 rooms; 24 frames froze the server for 46 s). Now
 * it comes from the membership and presence indexes, bounded, off the event loops, and one at a
 * time per user: everyone else is served meanwhile, and the answers stay right.
 */
class UsersFrameAttackTest {

  private static final int USERS = 20_000;
  private static final int HUB_ROOMS = 2_000;
  private static final int CONNECTIONS = 4;
  private static final long ATTACK_MILLIS = 2000;
  private static final String HUB_TOKEN = "hub-token-" + System.nanoTime();

  /**
   * Users person0..person19999, none online; hub shares room hub{i} with person{i} for i below
   * HUB_ROOMS.
   */
  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(
          Seeds.then(
                      s -> {
                        s.user("uhub", "hub", HUB_TOKEN);
                        for (int i = 0; i < USERS; i++)
                          s.user("up" + i, "person" + i, "token-" + i);
                        for (int i = 0; i < HUB_ROOMS; i++)
                          s.room("hub" + i, "", "uhub", 0)
                              .member("hub" + i, "uhub")
                              .member("hub" + i, "up" + i);
                      })
                  .andThen(c -> c.withRate(100_000, 100_000))
              ::apply);

  @Test
  void aUserInThousandsOfRoomsAskingOverAndOverDoesNotStallOthers() throws Exception {
    TestClient hub = server.client();
    hub.resume(HUB_TOKEN);

    // the answers are right: an offline co-member is found, an offline stranger is not
    assertThat(ids(hub.call(obj("type", "users", "q", "PERSON" + (HUB_ROOMS - 1)))))
        .containsExactly("up" + (HUB_ROOMS - 1));
    assertThat(ids(hub.call(obj("type", "users", "q", "person" + (USERS - 1))))).isEmpty();
    TestClient online = server.user("person-online");
    assertThat(ids(hub.call(obj("type", "users", "q", "person-on")))).containsExactly(online.id());

    List<TestClient> tabs = new ArrayList<>();
    tabs.add(hub);
    for (int i = 1; i < CONNECTIONS; i++) tabs.add(server.tabOf(hub));
    Bystander bystander = Bystander.watch(server);
    Thread.sleep(200); // the bystander has had a round before the attack

    // each connection asks again as soon as it is answered, for a while
    Map<String, Integer> outcomes = new java.util.concurrent.ConcurrentSkipListMap<>();
    java.util.concurrent.atomic.AtomicLong slowest = new java.util.concurrent.atomic.AtomicLong();
    long end = System.nanoTime() + ATTACK_MILLIS * 1_000_000;
    List<Thread> threads = new ArrayList<>();
    for (TestClient tab : tabs) {
      Thread t =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  long t0 = System.nanoTime();
                  JsonNode reply = tab.call(obj("type", "users", "q", "person"));
                  slowest.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                  String outcome =
                      "users".equals(reply.path("type").asString())
                          ? "users"
                          : reply.path("code").asString();
                  outcomes.merge(outcome, 1, Integer::sum);
                  if (outcome.equals("users") && reply.path("users").size() != 20)
                    outcomes.merge("short answer", 1, Integer::sum);
                }
              });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) t.join();
    Thread.sleep(300); // the bystander asks again after the last answer
    System.out.printf(
        "UsersFrameAttackTest: users frames for %d ms from %d connections of a user in %d rooms among %d users: %s, "
            + "slowest answer %d ms; bystander %s%n",
        ATTACK_MILLIS, CONNECTIONS, HUB_ROOMS, USERS, outcomes, slowest.get(), bystander.worst());

    bystander.assertServed();
    assertThat(outcomes.keySet()).as("outcomes").isSubsetOf("users", "rate_limited");
    // one at a time and a few a second for one user: about a burst plus the rate, however many
    // connections
    assertThat(outcomes.getOrDefault("users", 0))
        .as("lookups answered (%s)", outcomes)
        .isBetween(5, 25);
  }

  private static List<String> ids(JsonNode reply) {
    assertThat(reply.path("type").asString()).as("reply %s", reply).isEqualTo("users");
    return reply.path("users").findValuesAsString("id");
  }
}
