package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The {@code users} frame behind the {@code @} popup: people online first, then the others one
 * shares a room with.
 */
class FindUsersTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  @Test
  void onlineFirstThenPeopleWhoShareARoomNeverMyself() {
    String tag = "zq" + System.nanoTime() % 100_000;
    TestClient me = server.user(tag + "me");
    TestClient online = server.user(tag + "online");
    TestClient offline = server.user(tag + "offline");
    TestClient stranger = server.user(tag + "stranger");
    stranger.leave("general"); // shares no room with anyone
    offline.close();
    stranger.close();
    me.await(
        "presence",
        p ->
            p.path("status").asString().equals("offline")
                && p.path("user").path("id").asString().equals(stranger.id()));

    JsonNode reply = me.call(obj("type", "users", "q", tag.toUpperCase()));

    assertThat(reply.path("type").asString()).isEqualTo("users");
    assertThat(reply.path("users").findValuesAsString("id"))
        .containsExactly(online.id(), offline.id());
    assertThat(reply.path("users").get(0).path("status").asString()).isEqualTo("online");
    assertThat(reply.path("users").get(1).path("status").asString()).isEqualTo("offline");
    assertThat(me.call(obj("type", "users", "q", tag, "limit", 1)).path("users")).hasSize(1);
    assertThat(me.call(obj("type", "users", "q", tag + "nobody")).path("users")).isEmpty();
  }
}
