package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Json;
import dev.parley.testing.ParleyCluster;
import dev.parley.testing.RedisServer;
import dev.parley.testing.SoftAuthenticator;
import dev.parley.testing.TestClient;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A node that missed passkey changes on the bus (its subscription to the cluster's channel was
 * lost) reads them back from the store once it is subscribed again, as it does users, rooms and
 * sessions: a passkey it never heard of is known there, and one the store no longer holds signs
 * nobody in there, without restarting the node. The changes are made in the database behind the
 * bus, so only the reload can bring them.
 */
class PasskeysResyncTest {

  @RegisterExtension
  @Order(1)
  static final RedisServer redis = new RedisServer();

  @RegisterExtension
  @Order(2)
  static final ParleyCluster cluster = ParleyCluster.of(2, redis::url, c -> c);

  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void passkeysChangedWhileANodeMissedTheBusAreKnownThereOnceItResubscribes() throws Exception {
    TestClient ann = cluster.user(0, "Ann");
    SoftAuthenticator old = new SoftAuthenticator();
    String oldId = register(ann, old, "old");
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(listed(1, ann)).containsExactly(oldId));

    try (Connection db = DriverManager.getConnection(cluster.jdbcUrl());
        Statement st = db.createStatement()) {
      st.executeUpdate(
          "INSERT INTO passkeys (id, user_id, public_key, sign_count, name, created)"
              + " SELECT 'added-behind-the-bus', user_id, public_key, 0, 'copy', created + 1"
              + " FROM passkeys WHERE id = '"
              + oldId
              + "'");
      assertThat(st.executeUpdate("DELETE FROM passkeys WHERE id = '" + oldId + "'")).isOne();
    }
    RedisClient client = RedisClient.create(redis.url());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      assertThat(c.sync().clientKill(KillArgs.Builder.typePubsub()))
          .as("the nodes' subscriptions dropped")
          .isPositive();
    } finally {
      client.shutdown();
    }

    Awaitility.await("node 1 reloads the passkeys from the store")
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(listed(1, ann)).containsExactly("added-behind-the-bus"));
    assertThat(signIn(1, old).statusCode()).as("the passkey removed meanwhile").isEqualTo(401);
  }

  private static String register(TestClient user, SoftAuthenticator key, String name)
      throws Exception {
    JsonNode options = ok(call(0, "POST", "/api/passkeys/register/options", user.token(), obj()));
    ObjectNode body = obj("name", name);
    body.set("credential", key.create(options, page(0)));
    return ok(call(0, "POST", "/api/passkeys/register", user.token(), body))
        .path("passkey")
        .path("id")
        .asString();
  }

  private static List<String> listed(int node, TestClient user) throws Exception {
    List<String> ids = new ArrayList<>();
    for (JsonNode p : ok(call(node, "GET", "/api/passkeys", user.token(), null)).path("passkeys"))
      ids.add(p.path("id").asString());
    return ids;
  }

  private static HttpResponse<String> signIn(int node, SoftAuthenticator key) throws Exception {
    JsonNode options = ok(call(node, "POST", "/api/passkeys/signin/options", null, obj()));
    ObjectNode body = obj();
    body.set("credential", key.get(options, page(node)));
    return call(node, "POST", "/api/passkeys/signin", null, body);
  }

  private static String page(int node) {
    return "http://127.0.0.1:" + cluster.node(node).port();
  }

  private static HttpResponse<String> call(
      int node, String method, String path, String token, JsonNode body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(page(node) + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(Json.write(body)));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode ok(HttpResponse<String> res) {
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return Json.parse(res.body());
  }
}
