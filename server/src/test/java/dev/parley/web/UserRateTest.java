package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The rate limit is the user's, not each connection's (issue 14, item 1: one user with 60
 * connections created 20,040 rooms in 20 s): on a single node too, all of a user's connections
 * after their hello draw on one budget of {@code rate} and {@code burst}, and another user's budget
 * is their own.
 */
class UserRateTest {
  private static final int RATE = 2;
  private static final int BURST = 10;
  private static final int TABS = 6;

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withRate(RATE, BURST));

  /** Sends {@code n} pings on {@code c} without waiting; returns their refs. */
  private static List<String> pings(TestClient c, int n) {
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < n; i++) refs.add(c.request(obj("type", "ping")));
    return refs;
  }

  private static long served(TestClient c, List<String> refs) {
    long pongs = 0;
    for (String ref : refs) {
      JsonNode reply = c.awaitRef(ref);
      if ("pong".equals(reply.path("type").asString())) {
        pongs++;
      } else {
        assertThat(reply.path("code").asString())
            .as("a refusal, not %s", reply)
            .isEqualTo("rate_limited");
      }
    }
    return pongs;
  }

  @Test
  void manyConnectionsOfOneUserShareOneBurst() {
    TestClient first = server.user("hydra");
    List<TestClient> tabs = new ArrayList<>(List.of(first));
    for (int i = 1; i < TABS; i++) tabs.add(server.tabOf(first));

    long start = System.nanoTime();
    List<List<String>> sent = new ArrayList<>();
    for (TestClient tab : tabs) sent.add(pings(tab, BURST));
    long pongs = 0;
    for (int i = 0; i < TABS; i++) pongs += served(tabs.get(i), sent.get(i));
    double seconds = (System.nanoTime() - start) / 1e9;

    // Per connection, each tab would get its burst less its hello: TABS × (BURST - 1) = 54.
    long refill = (long) Math.ceil(seconds * RATE) + 1;
    assertThat(pongs)
        .as("pings served of %d sent by %d tabs in %.2f s", TABS * BURST, TABS, seconds)
        .isGreaterThanOrEqualTo(BURST)
        .isLessThanOrEqualTo(BURST + refill);
    for (TestClient tab : tabs) assertThat(tab.isClosed()).as("refused, not closed").isFalse();

    TestClient other = server.user("bystander");
    assertThat(served(other, pings(other, BURST - 1)))
        .as("another user's burst")
        .isEqualTo(BURST - 1);
  }
}
