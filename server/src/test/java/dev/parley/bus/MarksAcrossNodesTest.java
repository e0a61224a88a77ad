package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Pins, saved messages, notification levels and read markers across two nodes: a pin made on one
 * node reaches the members on the other as a notice and is in the other's {@code pins}; a save on
 * one node reaches the same person's connection on the other.
 */
class MarksAcrossNodesTest {

  @RegisterExtension static final ParleyCluster cluster = ParleyCluster.of(2, c -> c);

  @Test
  void aPinOnOneNodeIsSeenOnTheOther() {
    TestClient ann = cluster.user(0, "Ann");
    TestClient bob = cluster.user(1, "Bob");
    String room = ParleyServerExtension.room("deploy");
    ann.create(room);
    bob.join(room);
    long seq = ann.say(room, "the checklist").path("seq").asLong();

    ann.ok(obj("type", "pin", "room", room, "seq", seq, "on", true));
    JsonNode notice =
        bob.await(
            "notice",
            n -> "pin".equals(n.path("event").asString()) && n.path("target").asLong() == seq);
    assertThat(notice.path("on").asBoolean()).isTrue();
    assertThat(notice.path("user").path("id").asString()).isEqualTo(ann.id());
    JsonNode pins = bob.call(obj("type", "pins", "room", room));
    assertThat(pins.path("events").get(0).path("text").asString()).isEqualTo("the checklist");
  }

  @Test
  void aSaveOnOneNodeIsEchoedToTheSameUsersConnectionOnTheOther() {
    TestClient ann = cluster.user(0, "Ann");
    TestClient annOnNode1 = cluster.client(1);
    annOnNode1.resume(ann.token());
    String room = ParleyServerExtension.room("ops");
    ann.create(room);
    long seq = ann.say(room, "keep this").path("seq").asLong();

    ann.ok(obj("type", "save", "room", room, "seq", seq, "on", true));
    JsonNode echo = annOnNode1.await("saved", f -> f.path("seq").asLong() == seq);
    assertThat(echo.path("room").asString()).isEqualTo(room);
    assertThat(echo.path("on").asBoolean()).isTrue();
    JsonNode list = annOnNode1.call(obj("type", "saved"));
    assertThat(list.path("items").get(0).path("message").path("text").asString())
        .isEqualTo("keep this");
  }

  @Test
  void aNotificationLevelSetOnOneNodeIsKnownOnTheOther() {
    TestClient ann = cluster.user(0, "Ann");
    TestClient annOnNode1 = cluster.client(1);
    annOnNode1.resume(ann.token());
    String room = ParleyServerExtension.room("quiet");
    ann.create(room);
    ann.ok(obj("type", "notify", "room", room, "level", "mentions"));
    JsonNode told = annOnNode1.await("notify", f -> room.equals(f.path("room").asString()));
    assertThat(told.path("level").asString()).isEqualTo("mentions");
    TestClient later = cluster.client(1);
    later.resume(ann.token());
    assertThat(later.welcomeRoom(room).path("notify").asString()).isEqualTo("mentions");
  }

  @Test
  void markingUnreadOnOneNodeMovesTheMarkerBackOnTheOther() {
    TestClient ann = cluster.user(0, "Ann");
    TestClient annOnNode1 = cluster.client(1);
    annOnNode1.resume(ann.token());
    String room = ParleyServerExtension.room("ops");
    ann.create(room);
    ann.say(room, "one");
    long two = ann.say(room, "two").path("seq").asLong();
    ann.send(obj("type", "read", "room", room, "seq", two));
    annOnNode1.await("read", f -> f.path("seq").asLong() == two);
    ann.ok(obj("type", "unread", "room", room, "seq", two));
    JsonNode back = annOnNode1.await("read", f -> f.path("back").asBoolean());
    assertThat(back.path("seq").asLong()).isEqualTo(two - 1);
    TestClient later = cluster.client(1);
    later.resume(ann.token());
    assertThat(later.welcomeRoom(room).path("readSeq").asLong()).isEqualTo(two - 1);
  }

  @Test
  void aThreadReadOnOneNodeIsClearedOnTheOther() {
    TestClient ann = cluster.user(0, "Ann");
    TestClient annOnNode1 = cluster.client(1);
    annOnNode1.resume(ann.token());
    TestClient bob = cluster.user(1, "Bob");
    String room = ParleyServerExtension.room("notes");
    ann.create(room);
    bob.join(room);
    long root = ann.say(room, "release notes").path("seq").asLong();
    String id = TestClient.newId();
    bob.send(obj("type", "send", "room", room, "id", id, "text", "typo", "thread", root));
    long reply = bob.awaitMessage(room, id).path("seq").asLong();
    JsonNode before = annOnNode1.call(obj("type", "threads"));
    assertThat(before.path("items").get(0).path("unread").asInt()).isEqualTo(1);

    ann.send(obj("type", "read", "room", room, "seq", reply, "thread", root));
    JsonNode read = annOnNode1.await("read", f -> f.path("thread").asLong() == root);
    assertThat(read.path("seq").asLong()).isEqualTo(reply);
    JsonNode after = annOnNode1.call(obj("type", "threads"));
    assertThat(after.path("items").get(0).path("unread").asInt()).isZero();
    assertThat(after.path("unread").asInt()).isZero();
  }
}
