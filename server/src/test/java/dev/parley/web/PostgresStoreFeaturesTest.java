package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static dev.parley.testing.ParleyServerExtension.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Direct conversations (of two, and groups) and changes to messages through a whole server on
 * PostgreSQL (the cluster store), across a restart: the same behaviour as on the embedded SQLite
 * store.
 */
class PostgresStoreFeaturesTest {

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.onPostgres(c -> c.withRate(100, 200));

  @Test
  void aDirectConversationWithEditsAndReactionsSurvivesARestart() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient carol = server.user("carol");
    String dm = DirectMessageTest.dm(ann, bob);
    long seq = DirectMessageTest.whisper(ann, bob, "helo").path("seq").asLong();
    ann.ok(obj("type", "edit", "room", dm, "seq", seq, "text", "hello"));
    bob.ok(obj("type", "react", "room", dm, "seq", seq, "emoji", "👋", "on", true));
    long gone = DirectMessageTest.whisper(bob, ann, "never mind").path("seq").asLong();
    bob.ok(obj("type", "delete", "room", dm, "seq", gone));
    assertThat(carol.error(obj("type", "history", "room", dm)).path("code").asString())
        .isEqualTo("not_found");
    String token = bob.token();

    server.restart();

    TestClient back = server.client();
    back.resume(token);
    assertThat(back.welcomeRoom(dm).path("rev").asLong()).isEqualTo(3);
    assertThat(back.welcomeRoom(dm).path("users").findValuesAsString("id"))
        .containsExactlyInAnyOrder(ann.id(), bob.id());
    JsonNode events = back.history(dm).path("events");
    assertThat(events.get(0).path("text").asString()).isEqualTo("hello");
    assertThat(events.get(0).path("reactions").path("👋").get(0).asString()).isEqualTo(bob.id());
    assertThat(events.get(1).path("deleted").asBoolean()).isTrue();
    assertThat(
            back.call(obj("type", "changes", "room", dm, "since", 1))
                .path("events")
                .findValuesAsString("type"))
        .hasSize(2);
    TestClient outsider = server.client();
    outsider.resume(carol.token());
    assertThat(
            outsider.error(obj("type", "changes", "room", dm, "since", 0)).path("code").asString())
        .isEqualTo("not_found");
    assertThat(outsider.welcome().toString()).doesNotContain(dm);
  }

  @Test
  void aGroupConversationKeepsItsPeopleAndStaysTheirsAcrossARestart() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient cat = server.user("cat");
    TestClient dan = server.user("dan");
    String group = GroupConversationTest.group(ann, bob, cat);
    GroupConversationTest.tell(ann, java.util.List.of(ann, bob, cat), "three of us");
    String token = cat.token();

    server.restart();

    TestClient back = server.client();
    back.resume(token);
    assertThat(back.welcomeRoom(group).path("members").asInt()).isEqualTo(3);
    assertThat(back.welcomeRoom(group).path("users").findValuesAsString("id"))
        .containsExactlyInAnyOrder(ann.id(), bob.id(), cat.id());
    String id = TestClient.newId();
    back.send(
        obj("type", "send", "to", java.util.List.of(ann.id(), bob.id()), "id", id, "text", "back"));
    assertThat(back.awaitMessage(group, id).path("seq").asLong()).isEqualTo(2);
    TestClient outsider = server.client();
    outsider.resume(dan.token());
    assertThat(outsider.error(obj("type", "history", "room", group)).path("code").asString())
        .isEqualTo("not_found");
    assertThat(outsider.welcome().toString()).doesNotContain(group);
  }

  @Test
  void aPublicRoomKeepsItsRevAcrossARestart() {
    TestClient ann = server.user("ann");
    String room = room("pgrev");
    ann.create(room);
    long seq = ann.say(room, "one").path("seq").asLong();
    ann.ok(obj("type", "react", "room", room, "seq", seq, "emoji", "🐘", "on", true));
    server.restart();
    TestClient back = server.client();
    back.resume(ann.token());
    back.ok(obj("type", "react", "room", room, "seq", seq, "emoji", "🐘", "on", false));
    assertThat(back.await("reaction", r -> r.path("seq").asLong() == seq).path("rev").asLong())
        .isEqualTo(2);
  }
}
