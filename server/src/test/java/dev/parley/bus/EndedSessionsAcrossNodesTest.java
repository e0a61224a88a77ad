package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ParleyCluster;
import dev.parley.testing.TestClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ended sessions are removed cluster-wide: a session revoked and then unused for {@code
 * --session-idle}, removed by a sweep on one node, is gone from the shared store and from the other
 * node's memory (its token there is unknown, no longer {@code session_revoked}); a session that is
 * open on the other node survives the sweep however long it has gone unused. A short {@code
 * --session-idle} (2 s); the sweeps are started by hand, on node 0 only.
 */
class EndedSessionsAcrossNodesTest {
  static final Duration IDLE = Duration.ofSeconds(2);

  @RegisterExtension
  static final ParleyCluster cluster = ParleyCluster.of(2, c -> c.withSessionIdle(IDLE));

  @Test
  void aSessionRemovedOnOneNodeIsGoneFromTheOtherAndAnOpenOneStays() throws Exception {
    TestClient ann = cluster.user(0, "Ann");
    String code = ann.call(obj("type", "link")).path("code").asString();
    TestClient phone = cluster.client(1);
    phone.welcomed(obj("type", "hello", "code", code));
    String phoneSession = phone.welcome().path("session").asString();
    TestClient bob = cluster.user(1, "Bob"); // stays connected to node 1 throughout
    String bobSession = bob.welcome().path("session").asString();

    ann.ok(obj("type", "revoke", "session", phoneSession));
    assertThat(phone.closeCode()).isEqualTo(4001);
    assertThat(code(cluster.client(1), phone.token()))
        .as("node 1 holds it, revoked")
        .isEqualTo("session_revoked");
    // unused for twice the idle time: both may go (the first scheduled sweep is 90 s after start)
    Thread.sleep(2 * IDLE.toMillis() + 500);

    cluster.node(0).chat().sweepEndedSessions();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "invalid_nick".equals(code(cluster.client(1), phone.token())));
    assertThat(stored(phoneSession)).as("the shared store's row").isFalse();

    // Node 0 removed Bob's session too (its store row is as old as his hello); node 1, where it is
    // open, wrote it back, so his token works on node 0 as well.
    await().atMost(Duration.ofSeconds(20)).until(() -> stored(bobSession));
    TestClient bobOnNode0 = cluster.client(0);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> bob.id().equals(code(bobOnNode0, bob.token())));
    assertThat(bob.ping()).isNotNull();
  }

  /** What a hello with this token and no nick is answered: the user's id, or the error's code. */
  private static String code(TestClient client, String token) {
    client.send(obj("type", "hello", "token", token, "ref", "h"));
    var reply = client.awaitRef("h");
    client.clear();
    return "welcome".equals(reply.path("type").asString())
        ? reply.path("user").path("id").asString()
        : reply.path("code").asString();
  }

  private static boolean stored(String sessionId) throws SQLException {
    try (Connection db = DriverManager.getConnection(cluster.jdbcUrl());
        PreparedStatement ps = db.prepareStatement("SELECT 1 FROM sessions WHERE id = ?")) {
      ps.setString(1, sessionId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
