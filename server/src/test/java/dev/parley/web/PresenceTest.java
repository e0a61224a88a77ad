package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.Json;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Who is online, away or gone, as everyone connected sees it. */
class PresenceTest {

  private static final Duration AWAY_AFTER = Duration.ofMillis(300);

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withAwayAfter(AWAY_AFTER).withRate(100, 200));

  /** The statuses {@code observer} has been told for {@code user}, in order. */
  private static List<String> statuses(TestClient observer, TestClient user) {
    return observer
        .frames("presence", p -> user.id().equals(p.path("user").path("id").asString()))
        .stream()
        .map(p -> p.path("status").asString())
        .toList();
  }

  private static boolean awayThenOnline(List<String> statuses) {
    int away = statuses.indexOf("away");
    return away >= 0 && statuses.subList(away, statuses.size()).contains("online");
  }

  @Test
  void comingOnlineIsAnnouncedToEveryoneConnected() {
    TestClient observer = server.user("observer");
    TestClient ann = server.user("ann");

    JsonNode presence =
        observer.await(
            "presence",
            p ->
                ann.id().equals(p.path("user").path("id").asString())
                    && "online".equals(p.path("status").asString()));
    assertThat(presence.path("user").path("nick").asString()).isEqualTo(ann.nick());
  }

  @Test
  void theWelcomeListsTheUsersOnlineNowWithTheirStatus() {
    TestClient observer = server.user("observer");
    TestClient gone = server.user("gone");
    gone.close();
    observer.await(
        "presence",
        p ->
            gone.id().equals(p.path("user").path("id").asString())
                && "offline".equals(p.path("status").asString()));

    TestClient ann = server.user("ann");
    JsonNode users = ann.welcome().path("users");

    JsonNode listed = Json.require(users, "id", observer.id());
    assertThat(listed.path("nick").asString()).isEqualTo(observer.nick());
    assertThat(listed.path("status").asString()).isIn("online", "away");
    assertThat(Json.find(users, "id", gone.id())).as("an offline user is not listed").isNull();
  }

  @Test
  void goingOfflineIsAnnouncedWhenTheLastConnectionCloses() {
    TestClient observer = server.user("observer");
    TestClient tab1 = server.user("ann");
    TestClient tab2 = server.tabOf(tab1);

    tab1.close();
    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !statuses(observer, tab1).contains("offline"));

    tab2.close();
    JsonNode offline =
        observer.await(
            "presence",
            p ->
                tab1.id().equals(p.path("user").path("id").asString())
                    && "offline".equals(p.path("status").asString()));
    assertThat(offline.path("user").path("nick").asString()).isEqualTo(tab1.nick());
  }

  @Test
  void aDroppedConnectionAlsoGoesOffline() {
    TestClient observer = server.user("observer");
    TestClient ann = server.user("ann");

    ann.drop();

    observer.await(
        "presence",
        p ->
            ann.id().equals(p.path("user").path("id").asString())
                && "offline".equals(p.path("status").asString()));
  }

  @Test
  void aSilentUserGoesAwayAndComesBackOnTheNextFrame() {
    TestClient observer = server.user("observer");
    TestClient ann = server.user("ann");

    observer.await(
        "presence",
        p ->
            ann.id().equals(p.path("user").path("id").asString())
                && "away".equals(p.path("status").asString()),
        Duration.ofSeconds(3));

    ann.send(obj("type", "typing", "room", "general"));
    await().atMost(Duration.ofSeconds(3)).until(() -> awayThenOnline(statuses(observer, ann)));
  }

  @Test
  void anActiveFrameCountsAsActivityAndGetsNoReply() {
    TestClient observer = server.user("observer");
    TestClient ann = server.user("ann");
    observer.await(
        "presence",
        p ->
            ann.id().equals(p.path("user").path("id").asString())
                && "away".equals(p.path("status").asString()),
        Duration.ofSeconds(3));

    String ref = ann.request(obj("type", "active"));
    await().atMost(Duration.ofSeconds(3)).until(() -> awayThenOnline(statuses(observer, ann)));

    ann.ping();
    assertThat(ann.frames()).noneMatch(f -> ref.equals(f.path("ref").asString(null)));
  }

  @Test
  void pingsAloneDoNotKeepAUserOnline() {
    TestClient observer = server.user("observer");
    TestClient ann = server.user("ann");
    ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();
    try {
      pinger.scheduleAtFixedRate(
          () -> ann.trySendRaw("{\"type\":\"ping\"}"), 0, 50, TimeUnit.MILLISECONDS);

      observer.await(
          "presence",
          p ->
              ann.id().equals(p.path("user").path("id").asString())
                  && "away".equals(p.path("status").asString()),
          Duration.ofSeconds(3));
    } finally {
      pinger.shutdownNow();
    }
    assertThat(ann.frames("pong")).isNotEmpty();
  }

  @Test
  void aUserWhoKeepsTalkingStaysOnline() {
    TestClient observer = server.user("observer");
    TestClient ann = server.user("ann");
    ScheduledExecutorService talker = Executors.newSingleThreadScheduledExecutor();
    try {
      talker.scheduleAtFixedRate(
          () -> ann.trySendRaw("{\"type\":\"typing\",\"room\":\"general\"}"),
          0,
          50,
          TimeUnit.MILLISECONDS);

      await()
          .during(AWAY_AFTER.multipliedBy(3))
          .atMost(Duration.ofSeconds(3))
          .until(() -> !statuses(observer, ann).contains("away"));
    } finally {
      talker.shutdownNow();
    }
  }
}
