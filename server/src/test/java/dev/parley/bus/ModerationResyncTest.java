package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyCluster;
import dev.parley.testing.RedisServer;
import dev.parley.testing.TestClient;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A node that missed moderation on the bus (its subscription to the cluster's channel was lost)
 * reads the rooms' rules back from the store once it is subscribed again: a mute and a read-only
 * flag set meanwhile hold there too, and a ban lifted meanwhile no longer does, without restarting
 * the node. The changes are made in the database behind the bus, so only the reload can bring them.
 */
class ModerationResyncTest {

  @RegisterExtension
  @Order(1)
  static final RedisServer redis = new RedisServer();

  @RegisterExtension
  @Order(2)
  static final ParleyCluster cluster = ParleyCluster.of(2, redis::url, c -> c);

  @Test
  void roomRulesChangedWhileANodeMissedTheBusHoldThereOnceItResubscribes() throws Exception {
    TestClient ann = cluster.user(0, "Ann");
    TestClient bob = cluster.user(1, "Bob");
    TestClient cy = cluster.user(1, "Cy");
    String room = "resync-" + System.nanoTime();
    ann.create(room);
    bob.join(room);
    cy.join(room);
    ann.ok(obj("type", "ban", "room", room, "user", cy.id(), "reason", "spam"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(cy.error(obj("type", "join", "room", room)).path("code").asString())
                    .isEqualTo("banned"));
    bob.say(room, "before");

    try (Connection db = DriverManager.getConnection(cluster.jdbcUrl());
        Statement st = db.createStatement()) {
      st.executeUpdate(
          "INSERT INTO room_sanctions (room, user_id, kind, reason, by_id, ts, until_ts) VALUES ('"
              + room
              + "', '"
              + bob.id()
              + "', 'mute', 'behind the bus', '"
              + ann.id()
              + "', 1, "
              + (System.currentTimeMillis() + 3_600_000)
              + ")");
      assertThat(
              st.executeUpdate(
                  "DELETE FROM room_sanctions WHERE kind = 'ban' AND room = '" + room + "'"))
          .isOne();
    }
    RedisClient client = RedisClient.create(redis.url());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      assertThat(c.sync().clientKill(KillArgs.Builder.typePubsub()))
          .as("the nodes' subscriptions dropped")
          .isPositive();
    } finally {
      client.shutdown();
    }

    // each try is a send: refused with muted once node 1 holds the store's rules again
    Awaitility.await("node 1 reloads the room rules from the store")
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              String id = "m" + System.nanoTime();
              bob.send(obj("type", "send", "room", room, "id", id, "text", "hi", "ref", id));
              JsonNode reply =
                  bob.awaitFrame(
                      f ->
                          id.equals(f.path("ref").asString())
                              || id.equals(f.path("id").asString()));
              return "muted".equals(reply.path("code").asString());
            });
    cy.ok(obj("type", "join", "room", room));
  }
}
