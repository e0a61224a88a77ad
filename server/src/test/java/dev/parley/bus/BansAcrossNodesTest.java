package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.domain.Protection;
import dev.parley.testing.ParleyCluster;
import dev.parley.testing.TestClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A server-wide ban is the cluster's: an admin on one node bans someone connected to another, whose
 * connections there close with 4003 at once and whose hello there is refused; an unban on one node
 * lets them back in on the other.
 */
class BansAcrossNodesTest {

  @RegisterExtension
  static final ParleyCluster cluster = ParleyCluster.of(2, c -> c.withAdmins(List.of("Boss")));

  @Test
  void aBanOnOneNodeClosesTheUsersConnectionsOnAnotherWith4003() {
    TestClient boss = cluster.client(0);
    boss.hello("Boss");
    for (int i = 0; i < cluster.size(); i++) {
      int node = i;
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> Protection.protect(cluster.node(node).chat(), boss.id()));
    }
    TestClient admin = cluster.client(0);
    admin.resume(boss.token());
    TestClient ann = cluster.user(1, "Ann");
    TestClient annOnNode0 = cluster.client(0);
    annOnNode0.resume(ann.token());

    long start = System.nanoTime();
    admin.ok(obj("type", "ban", "user", ann.id(), "reason", "spam"));
    assertThat(ann.closeCode()).isEqualTo(4003);
    assertThat(annOnNode0.closeCode()).isEqualTo(4003);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("at once, not at the next poll of the store")
        .isLessThan(Duration.ofMillis(800));
    JsonNode refused = cluster.client(1).error(obj("type", "hello", "token", ann.token()));
    assertThat(refused.path("code").asString()).isEqualTo("banned");

    admin.ok(obj("type", "unban", "user", ann.id()));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(
                        cluster
                            .client(1)
                            .call(obj("type", "hello", "token", ann.token()))
                            .path("type")
                            .asString())
                    .isEqualTo("welcome"));
  }
}
