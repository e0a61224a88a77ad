package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A member's notification level in a room ({@code notify} {room, level}: all, mentions, none) is
 * kept by the server: every connection of theirs hears it, the next welcome carries it (after a
 * restart too), leaving the room forgets it, and bad input is a clear error that changes nothing.
 */
class NotifyLevelTest {

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> ParleyServerExtension.roomy(c).withRate(1000, 2000));

  private static String level(JsonNode welcomeRoom) {
    return welcomeRoom.path("notify").isMissingNode()
        ? "unset"
        : welcomeRoom.path("notify").asString();
  }

  @Test
  void aLevelReachesEveryConnectionAndTheNextWelcomeAndLeavingForgetsIt() {
    TestClient ann = server.user("Ann");
    TestClient tab = server.tabOf(ann);
    String room = ParleyServerExtension.room("noisy");
    ann.create(room);
    assertThat(level(server.tabOf(ann).welcomeRoom(room))).isEqualTo("unset");

    ann.ok(obj("type", "notify", "room", room, "level", "mentions"));
    JsonNode told = tab.await("notify", f -> room.equals(f.path("room").asString()));
    assertThat(told.path("level").asString()).isEqualTo("mentions");
    assertThat(level(server.tabOf(ann).welcomeRoom(room))).isEqualTo("mentions");
    assertThat(level(server.tabOf(ann).welcomeRoom("general"))).isEqualTo("unset");

    ann.ok(obj("type", "notify", "room", room, "level", "all"));
    assertThat(level(server.tabOf(ann).welcomeRoom(room))).isEqualTo("all");

    ann.leave(room);
    ann.join(room);
    assertThat(level(server.tabOf(ann).welcomeRoom(room))).isEqualTo("unset");
  }

  @Test
  void badLevelsAreClearErrorsThatChangeNothing() {
    TestClient ann = server.user("Ann");
    TestClient stranger = server.user("Stranger");
    String room = ParleyServerExtension.room("ops");
    String secret = ParleyServerExtension.room("secret");
    ann.create(room);
    ann.ok(obj("type", "create", "room", secret, "private", true));
    ann.ok(obj("type", "notify", "room", room, "level", "mentions"));
    for (Object bad : new Object[] {"loud", "", "ALL", 3}) {
      JsonNode e = ann.error(obj("type", "notify", "room", room, "level", bad));
      assertThat(e.path("code").asString()).isEqualTo("bad_request");
    }
    assertThat(ann.error(obj("type", "notify", "room", room)).path("code").asString())
        .isEqualTo("bad_request");
    assertThat(
            stranger
                .error(obj("type", "notify", "room", room, "level", "none"))
                .path("code")
                .asString())
        .isEqualTo("not_member");
    String missing = ParleyServerExtension.room("nothing");
    JsonNode a = stranger.error(obj("type", "notify", "room", secret, "level", "none"));
    JsonNode b = stranger.error(obj("type", "notify", "room", missing, "level", "none"));
    assertThat(a.path("code").asString()).isEqualTo(b.path("code").asString());
    assertThat(a.path("message").asString().replace(secret, "R"))
        .isEqualTo(b.path("message").asString().replace(missing, "R"));
    assertThat(level(server.tabOf(ann).welcomeRoom(room))).isEqualTo("mentions");
  }

  @Test
  void aLevelOutlivesARestart() {
    TestClient ann = server.user("Ann");
    String room = ParleyServerExtension.room("quiet");
    ann.create(room);
    ann.ok(obj("type", "notify", "room", room, "level", "none"));
    String token = ann.token();
    server.restart();
    TestClient back = server.client();
    back.resume(token);
    assertThat(level(back.welcomeRoom(room))).isEqualTo("none");
  }
}
