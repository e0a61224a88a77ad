package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ParleyCluster;
import dev.parley.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Sessions are the cluster's: a sign-in code made on one node signs in on another, a token given on
 * one node works on another at once, and a revoke on one node closes that session's connections on
 * every node with 4001.
 */
class SessionsAcrossNodesTest {

  @RegisterExtension static final ParleyCluster cluster = ParleyCluster.of(2, c -> c);

  @Test
  void aCodeMadeOnOneNodeSignsInOnAnother() {
    TestClient ann = cluster.user(0, "Ann");
    String code = ann.call(obj("type", "link")).path("code").asString();

    TestClient phone = cluster.client(1);
    JsonNode welcome = phone.welcomed(obj("type", "hello", "code", code));
    assertThat(welcome.path("user").path("id").asString()).isEqualTo(ann.id());

    JsonNode used = cluster.client(0).error(obj("type", "hello", "code", code));
    assertThat(used.path("code").asString()).as("once, cluster-wide").isEqualTo("bad_code");

    TestClient phoneOnNode0 = cluster.client(0);
    assertThat(phoneOnNode0.resume(phone.token()).path("user").path("id").asString())
        .as("the token node 1 gave works on node 0 at once")
        .isEqualTo(ann.id());
  }

  @Test
  void aRevokeOnOneNodeClosesTheSessionOnAnotherWith4001() {
    TestClient ann = cluster.user(0, "Ann");
    String code = ann.call(obj("type", "link")).path("code").asString();
    TestClient phone = cluster.client(1);
    phone.welcomed(obj("type", "hello", "code", code));

    // node 0 hears of the session node 1 made over the bus, a moment after node 1's welcome
    await()
        .atMost(java.time.Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(ann.call(obj("type", "sessions")).path("sessions"))
                    .as("node 0 knows the session node 1 made")
                    .hasSize(2));

    ann.ok(obj("type", "revoke", "session", phone.welcome().path("session").asString()));
    assertThat(phone.closeCode()).isEqualTo(4001);
    JsonNode refused = cluster.client(1).error(obj("type", "hello", "token", phone.token()));
    assertThat(refused.path("code").asString()).isEqualTo("session_revoked");
  }
}
