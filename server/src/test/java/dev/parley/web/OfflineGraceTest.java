package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Protection;
import dev.parley.testing.Json;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Going offline waits a grace (2 s from the command line; 1 s here): a page reload or a reconnect
 * within it is seen by nobody, neither as offline nor as online again, and the user stays in every
 * welcome's online list meanwhile; someone who stays away goes offline once it is over, and a
 * banned user at once.
 */
class OfflineGraceTest {

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withOfflineGrace(Duration.ofSeconds(1)));

  @RegisterExtension
  static final ParleyServerExtension longGrace =
      ParleyServerExtension.with(
          c -> c.withOfflineGrace(Duration.ofSeconds(30)).withAdmins(List.of("Boss")));

  static boolean about(JsonNode p, TestClient who) {
    return who.id().equals(p.path("user").path("id").asString());
  }

  @Test
  void aReconnectWithinTheGraceIsSeenByNobody() throws Exception {
    TestClient watcher = server.user("watcher");
    TestClient bob = server.user("bob");
    watcher.await("presence", p -> about(p, bob) && "online".equals(p.path("status").asString()));
    watcher.clear();

    bob.close();
    TestClient meanwhile = server.user("meanwhile");
    assertThat(Json.find(meanwhile.welcome().path("users"), "id", bob.id()))
        .as("still online for a welcome during the grace")
        .isNotNull();
    TestClient back = server.track(TestClient.connect(server.wsUri()));
    back.welcomed(obj("type", "hello", "token", bob.token()));

    Thread.sleep(2_000); // the grace and more: an offline would have gone out by now
    watcher.ping();
    assertThat(watcher.frames("presence", p -> about(p, bob))).isEmpty();
  }

  @Test
  void someoneWhoStaysAwayGoesOfflineOnceTheGraceIsOver() {
    TestClient watcher = server.user("watcher");
    TestClient ann = server.user("ann");
    watcher.await("presence", p -> about(p, ann) && "online".equals(p.path("status").asString()));
    long closed = System.nanoTime();
    ann.close();
    watcher.await(
        "presence",
        p -> about(p, ann) && "offline".equals(p.path("status").asString()),
        Duration.ofSeconds(10));
    assertThat(Duration.ofNanos(System.nanoTime() - closed))
        .as("not before the grace")
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    TestClient later = server.user("later");
    assertThat(Json.find(later.welcome().path("users"), "id", ann.id())).isNull();
  }

  @Test
  void aBannedUserGoesOfflineAtOnceNotAfterTheGrace() {
    TestClient boss = longGrace.client();
    boss.hello("Boss");
    Protection.protect(longGrace.server().chat(), boss.id());
    TestClient admin = longGrace.client();
    admin.resume(boss.token());
    TestClient watcher = longGrace.user("watcher");
    TestClient ann = longGrace.user("ann");
    watcher.await("presence", p -> about(p, ann) && "online".equals(p.path("status").asString()));

    admin.ok(obj("type", "ban", "user", ann.id(), "reason", "spam"));
    assertThat(ann.closeCode()).isEqualTo(4003);
    watcher.await(
        "presence",
        p -> about(p, ann) && "offline".equals(p.path("status").asString()),
        Duration.ofSeconds(10)); // the grace is 30 s
    TestClient later = longGrace.user("later");
    assertThat(Json.find(later.welcome().path("users"), "id", ann.id())).isNull();
  }
}
