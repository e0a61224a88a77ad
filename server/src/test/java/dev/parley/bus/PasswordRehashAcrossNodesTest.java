package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.domain.Change;
import dev.parley.domain.Protection;
import dev.parley.store.sql.DirectAccess;
import dev.parley.testing.OlderHashes;
import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A password stored by an older Parley is hashed again at its first sign-in on any node, and every
 * node then holds that one hash; a node that meanwhile holds another hash (a password set there)
 * keeps it, so a rehash never sets a changed password back.
 */
class PasswordRehashAcrossNodesTest {
  static final String GOOD = "velvet-otter-41-maple";
  static final String TODAY = "$argon2id$v=19$m=7168,t=5,p=1$";

  @RegisterExtension static final ParleyCluster cluster = ParleyCluster.of(2, c -> c);

  private static String hashOn(int node, String userId) {
    return Protection.passwordHash(cluster.node(node).chat(), userId);
  }

  private static JsonNode signIn(int node, String nick, String password) {
    return cluster.client(node).call(obj("type", "hello", "nick", nick, "password", password));
  }

  private static String storedHash(String userId) {
    try (DirectAccess db = DirectAccess.open(cluster.jdbcUrl())) {
      return db.users().stream()
          .filter(u -> u.id().equals(userId))
          .findFirst()
          .orElseThrow()
          .passwordHash();
    }
  }

  /** A user with a password whose stored hash is an older server's, read by both nodes. */
  private static String olderAccount(String nick, String older) {
    TestClient first = cluster.client(0);
    first.welcomed(obj("type", "hello", "nick", nick, "password", GOOD));
    String id = first.id();
    try (DirectAccess db = DirectAccess.open(cluster.jdbcUrl())) {
      db.write(new Change.PasswordSet(id, older));
    }
    cluster.restart(0);
    cluster.restart(1);
    for (int node = 0; node < 2; node++) {
      assertThat(hashOn(node, id)).as("node " + node + " as upgraded").isEqualTo(older);
    }
    return id;
  }

  @Test
  void aRehashOnOneNodeIsTheHashEveryNodeHolds() {
    String nick = ParleyServerExtension.nick("Ola");
    String older = OlderHashes.nineteenMebibytes(GOOD);
    String id = olderAccount(nick, older);

    assertThat(signIn(1, nick, GOOD + "?").path("code").asString()).isEqualTo("bad_credentials");
    assertThat(hashOn(1, id)).as("a wrong password changes nothing").isEqualTo(older);

    assertThat(signIn(0, nick, GOOD).path("user").path("id").asString()).isEqualTo(id);
    await().atMost(Duration.ofSeconds(10)).until(() -> hashOn(0, id).startsWith(TODAY));
    String made = hashOn(0, id);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(hashOn(1, id)).as("node 1 hears it").isEqualTo(made));

    assertThat(signIn(1, nick, GOOD).path("user").path("id").asString()).isEqualTo(id);
    assertThat(hashOn(1, id)).as("not made again on the other node").isEqualTo(made);
    cluster.restart(1);
    assertThat(hashOn(1, id)).as("and stored").isEqualTo(made);
  }

  @Test
  void aNodeHoldingAnotherHashKeepsIt() {
    String nick = ParleyServerExtension.nick("Oli");
    String older = OlderHashes.nineteenMebibytes(GOOD);
    String id = olderAccount(nick, older);
    String changed = OlderHashes.nineteenMebibytes("a-password-set-on-node-1");
    Protection.holdPasswordHash(cluster.node(1).chat(), id, changed);

    assertThat(signIn(0, nick, GOOD).path("user").path("id").asString()).isEqualTo(id);
    await().atMost(Duration.ofSeconds(10)).until(() -> hashOn(0, id).startsWith(TODAY));
    String made = hashOn(0, id);
    await().atMost(Duration.ofSeconds(10)).until(() -> storedHash(id).equals(made));
    // Node 0 shares its changes in order: once node 1 knows a user made after the rehash was
    // shared, it has heard the rehash too.
    TestClient later = cluster.client(0);
    later.welcomed(
        obj("type", "hello", "nick", ParleyServerExtension.nick("Mark"), "password", GOOD));
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> hashOn(1, later.id()) != null);
    assertThat(hashOn(1, id)).as("the hash node 1 held is not replaced").isEqualTo(changed);
  }
}
