package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * In a cluster the count of new users per address is the cluster's (a bucket in Redis): a client
 * that spreads its hellos over the nodes behind a balancer still makes at most one burst of users,
 * not one per node.
 */
class NewUsersAcrossNodesTest {
  private static final int BURST = 10;

  @RegisterExtension
  static final ParleyCluster cluster =
      ParleyCluster.of(
          2,
          c ->
              c.withGuards(
                  c.guards().withNewUsers(20, BURST).withTrustedProxies(List.of("127.0.0.1"))));

  @Test
  void helloesSpreadOverTwoNodesShareOneAllowance() {
    int welcomed = 0;
    int slowed = 0;
    for (int i = 0; i < 2 * BURST; i++) {
      TestClient c =
          TestClient.connect(cluster.wsUri(i % 2), Map.of("X-Forwarded-For", "203.0.113.44"));
      try {
        JsonNode reply = c.call(obj("type", "hello", "nick", ParleyServerExtension.nick("spread")));
        if ("welcome".equals(reply.path("type").asString())) {
          welcomed++;
        } else {
          assertThat(reply.path("code").asString()).as("%s", reply).isEqualTo("slow_down");
          assertThat(reply.path("retryAfter").asLong()).isPositive();
          slowed++;
        }
      } finally {
        c.close();
      }
    }
    // one more may come from the refill (20 a minute: one every 3 s)
    assertThat(welcomed).as("new users made through both nodes").isBetween(BURST, BURST + 1);
    assertThat(slowed).isEqualTo(2 * BURST - welcomed);
  }
}
