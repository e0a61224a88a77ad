package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code members} and {@code profile} across the nodes of a cluster: a room's members and their
 * presence are the cluster's, and a new nick is announced, held and kept on every node.
 */
class PeopleAcrossNodesTest {

  @RegisterExtension
  static final ParleyCluster cluster = ParleyCluster.of(2, c -> c.withRate(1_000, 1_000));

  @Test
  void membersOfARoomAreTheClustersWithTheirPresence() {
    TestClient ann = cluster.user(0, "ann");
    TestClient bob = cluster.user(1, "bob");
    String room = ParleyServerExtension.room("spread");
    ann.create(room);
    bob.join(room);

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              JsonNode page = bob.call(obj("type", "members", "room", room));
              assertThat(page.path("members").findValuesAsString("id"))
                  .containsExactlyInAnyOrder(ann.id(), bob.id());
              assertThat(page.path("members").findValuesAsString("status")).containsOnly("online");
            });
  }

  @Test
  void aNewNickIsAnnouncedAndHeldOnEveryNode() {
    TestClient ann = cluster.user(0, "ann");
    TestClient bob = cluster.user(1, "bob");
    String old = ann.nick();
    String renamed = ParleyServerExtension.nick("annie");

    ann.ok(obj("type", "profile", "nick", renamed));
    bob.await(
        "presence",
        p ->
            p.path("user").path("id").asString().equals(ann.id())
                && p.path("user").path("nick").asString().equals(renamed));
    assertThat(bob.error(obj("type", "profile", "nick", renamed)).path("code").asString())
        .isEqualTo("nick_taken");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(bob.call(obj("type", "profile", "nick", old)).path("type").asString())
                    .as("the old nick is free on the other node")
                    .isEqualTo("ok"));
    TestClient tab = cluster.client(1);
    tab.resume(ann.token());
    assertThat(tab.welcome().path("user").path("nick").asString()).isEqualTo(renamed);
  }
}
