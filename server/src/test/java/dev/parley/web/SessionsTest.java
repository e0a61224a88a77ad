package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static dev.parley.testing.ParleyServerExtension.nick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.Json;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Every token a welcome gives is one session: the user lists theirs, revokes any of them (its
 * connections close with 4001 and its token then answers {@code session_revoked}, the connection
 * staying open), never another user's; a session unused for {@code --session-idle} expires.
 */
class SessionsTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  @RegisterExtension
  static final ParleyServerExtension briefSessions =
      ParleyServerExtension.with(c -> c.withSessionIdle(Duration.ofSeconds(1)));

  private static JsonNode sessions(TestClient c) {
    JsonNode reply = c.call(obj("type", "sessions"));
    assertThat(reply.path("type").asString()).isEqualTo("sessions");
    return reply.path("sessions");
  }

  /** A second device of {@code user}: a new session by a sign-in code. */
  private static TestClient secondDevice(ParleyServerExtension on, TestClient user, String agent) {
    String code = user.call(obj("type", "link")).path("code").asString();
    TestClient other = on.track(TestClient.connect(on.wsUri(), Map.of("User-Agent", agent)));
    other.welcomed(obj("type", "hello", "code", code));
    return other;
  }

  @Test
  void welcomeNamesItsSessionAndTheListShowsEachDevice() {
    TestClient ann = server.user("Ann");
    String first = ann.welcome().path("session").asString();
    assertThat(first).startsWith("s");
    TestClient phone = secondDevice(server, ann, "Mozilla/5.0 (iPhone) Safari/605");
    String second = phone.welcome().path("session").asString();
    assertThat(second).isNotEqualTo(first);
    assertThat(phone.token()).isNotEqualTo(ann.token());

    JsonNode list = sessions(ann);
    assertThat(list).hasSize(2);
    JsonNode mine = Json.find(list, "id", first);
    JsonNode theirs = Json.find(list, "id", second);
    assertThat(mine.path("current").asBoolean()).isTrue();
    assertThat(theirs.path("current").asBoolean()).isFalse();
    assertThat(theirs.path("agent").asString()).contains("iPhone");
    assertThat(theirs.path("created").asLong()).isPositive();
    assertThat(theirs.path("lastSeen").asLong()).isPositive();
    assertThat(list.toString()).doesNotContain(ann.token()).doesNotContain(phone.token());
  }

  @Test
  void revokingASessionClosesItsConnectionsWith4001AndItsTokenIsRefused() {
    TestClient ann = server.user("Ann");
    TestClient phone = secondDevice(server, ann, "phone");
    TestClient phoneTab = server.client();
    phoneTab.resume(phone.token());

    ann.ok(obj("type", "revoke", "session", phone.welcome().path("session").asString()));
    assertThat(phone.closeCode()).isEqualTo(4001);
    assertThat(phoneTab.closeCode()).isEqualTo(4001);

    TestClient again = server.client();
    JsonNode refused = again.error(obj("type", "hello", "token", phone.token()));
    assertThat(refused.path("code").asString()).isEqualTo("session_revoked");
    assertThat(again.resume(ann.token()).path("user").path("id").asString())
        .as("the connection stayed open, and her own device's token still works")
        .isEqualTo(ann.id());
    assertThat(sessions(ann)).hasSize(1);
  }

  @Test
  void signingOutEverywhereElseKeepsOnlyThisDevice() {
    TestClient ann = server.user("Ann");
    TestClient phone = secondDevice(server, ann, "phone");
    TestClient laptop = secondDevice(server, ann, "laptop");

    ann.ok(obj("type", "revoke", "others", true));
    assertThat(phone.closeCode()).isEqualTo(4001);
    assertThat(laptop.closeCode()).isEqualTo(4001);
    assertThat(sessions(ann)).hasSize(1);
    assertThat(ann.ping().path("type").asString()).isEqualTo("pong");
  }

  @Test
  void nobodyRevokesAnotherUsersSession() {
    TestClient ann = server.user("Ann");
    TestClient bob = server.user("Bob");
    JsonNode refused =
        bob.error(obj("type", "revoke", "session", ann.welcome().path("session").asString()));
    assertThat(refused.path("code").asString()).isEqualTo("not_found");
    assertThat(ann.ping().path("type").asString()).isEqualTo("pong");
    assertThat(bob.error(obj("type", "revoke", "session", "s-nothing")).path("code").asString())
        .isEqualTo("not_found");
  }

  @Test
  void loggingOutRevokesTheCurrentSession() {
    TestClient ann = server.user("Ann");
    String token = ann.token();
    ann.ok(obj("type", "revoke", "session", ann.welcome().path("session").asString()));
    assertThat(ann.closeCode()).isEqualTo(4001);

    JsonNode refused = server.client().error(obj("type", "hello", "token", token));
    assertThat(refused.path("code").asString()).isEqualTo("session_revoked");
  }

  @Test
  void aRevokedSessionStaysRevokedAfterARestart() {
    TestClient ann = server.user("Ann");
    TestClient phone = secondDevice(server, ann, "phone");
    ann.ok(obj("type", "revoke", "session", phone.welcome().path("session").asString()));
    assertThat(phone.closeCode()).isEqualTo(4001);

    server.restart();
    JsonNode refused = server.client().error(obj("type", "hello", "token", phone.token()));
    assertThat(refused.path("code").asString()).isEqualTo("session_revoked");
    assertThat(server.client().resume(ann.token()).path("user").path("id").asString())
        .isEqualTo(ann.id());
  }

  @Test
  void aSessionUnusedForSessionIdleExpires() {
    TestClient kim = briefSessions.client();
    kim.hello(nick("Kim"));
    String token = kim.token();
    kim.close();

    // the first look after the idle time: a hello that succeeded would use the session again
    await()
        .pollDelay(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              JsonNode reply = briefSessions.client().call(obj("type", "hello", "token", token));
              assertThat(reply.path("code").asString()).isEqualTo("session_revoked");
            });
  }
}
