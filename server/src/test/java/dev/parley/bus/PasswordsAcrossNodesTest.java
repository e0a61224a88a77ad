package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Passwords are the cluster's: one set on one node signs in on another at once, a user made with a
 * password on one node is protected on the other, and the nick is held there too.
 */
class PasswordsAcrossNodesTest {
  static final String GOOD = "velvet-otter-41-maple";

  @RegisterExtension static final ParleyCluster cluster = ParleyCluster.of(2, c -> c);

  @Test
  void aPasswordSetOnOneNodeSignsInOnAnother() {
    TestClient ann = cluster.user(0, "Ann");
    ann.ok(obj("type", "protect", "password", GOOD));

    TestClient phone = cluster.client(1);
    JsonNode welcome = phone.welcomed(obj("type", "hello", "nick", ann.nick(), "password", GOOD));
    assertThat(welcome.path("user").path("id").asString()).isEqualTo(ann.id());
    assertThat(welcome.path("user").path("protected").asBoolean()).isTrue();
    assertThat(welcome.path("token").asString()).isNotEqualTo(ann.token());
  }

  @Test
  void aUserMadeWithAPasswordOnOneNodeIsProtectedOnTheOther() {
    String nick = ParleyServerExtension.nick("Pat");
    TestClient pat = cluster.client(0);
    pat.welcomed(obj("type", "hello", "nick", nick, "password", GOOD));
    pat.close();

    JsonNode taken = cluster.client(1).error(obj("type", "hello", "nick", nick));
    assertThat(taken.path("code").asString()).isEqualTo("nick_taken");
    assertThat(taken.path("protected").asBoolean()).isTrue();
    JsonNode wrong =
        cluster.client(1).error(obj("type", "hello", "nick", nick, "password", GOOD + "?"));
    assertThat(wrong.path("code").asString()).isEqualTo("bad_credentials");
    assertThat(
            cluster
                .client(1)
                .welcomed(obj("type", "hello", "nick", nick, "password", GOOD))
                .path("user")
                .path("id")
                .asString())
        .isEqualTo(pat.id());
  }

  @Test
  void renamingOnAnotherNodeToAProtectedNickSaysItIsProtected() {
    String nick = ParleyServerExtension.nick("Pru");
    cluster.client(0).welcomed(obj("type", "hello", "nick", nick, "password", GOOD));
    TestClient guest = cluster.user(1, "Gus");
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonNode taken = guest.error(obj("type", "profile", "nick", nick));
              assertThat(taken.path("code").asString()).isEqualTo("nick_taken");
              assertThat(taken.path("protected").asBoolean()).isTrue();
            });
  }

  @Test
  void wrongPasswordsOnOneNodeSlowGuessingOnAnother() {
    TestClient ann = cluster.user(0, "Ann");
    ann.ok(obj("type", "protect", "password", GOOD));
    for (int i = 0; i < 5; i++) {
      JsonNode wrong =
          cluster
              .client(i % 2)
              .error(obj("type", "hello", "nick", ann.nick(), "password", "guess-no-" + i));
      assertThat(wrong.path("code").asString()).isEqualTo("bad_credentials");
    }
    for (int node = 0; node < 2; node++) {
      JsonNode slowed =
          cluster.client(node).error(obj("type", "hello", "nick", ann.nick(), "password", GOOD));
      assertThat(slowed.path("code").asString()).as("node " + node).isEqualTo("slow_down");
      assertThat(slowed.path("retryAfter").asLong()).isPositive();
    }
    assertThat(cluster.client(1).resume(ann.token()).path("user").path("id").asString())
        .as("the owner's token still works on either node")
        .isEqualTo(ann.id());
  }
}
