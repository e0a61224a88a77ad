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
 * Replies and threads across two nodes: a reply written on one node quotes a message written on the
 * other, and loses its excerpt on both once the parent is deleted.
 */
class ConversationsAcrossNodesTest {

  @RegisterExtension static final ParleyCluster cluster = ParleyCluster.of(2, c -> c);

  static JsonNode send(TestClient c, String room, Object... extra) {
    String id = TestClient.newId();
    JsonNode frame = obj("type", "send", "room", room, "id", id).setAll(obj(extra));
    c.send(frame);
    return c.awaitMessage(room, id);
  }

  @Test
  void aReplyOnOneNodeQuotesAMessageOfTheOtherAndForgetsItWhenItIsDeleted() {
    TestClient ann = cluster.user(0, "Ann");
    TestClient bob = cluster.user(1, "Bob");
    String room = ParleyServerExtension.room("relay");
    ann.create(room);
    bob.join(room);
    long parent = ann.say(room, "the password is on the fridge").path("seq").asLong();
    bob.await("message", m -> m.path("seq").asLong() == parent);

    JsonNode reply = send(bob, room, "text", "which fridge?", "replyTo", parent);
    JsonNode seen = ann.awaitMessage(room, reply.path("id").asString());
    assertThat(seen.path("reply").path("excerpt").asString())
        .isEqualTo("the password is on the fridge");
    assertThat(seen.path("reply").path("from").path("id").asString()).isEqualTo(ann.id());

    ann.ok(obj("type", "delete", "room", room, "seq", parent));
    bob.await("message", m -> m.path("seq").asLong() == parent && m.path("deleted").asBoolean());
    for (TestClient c : new TestClient[] {ann, bob}) {
      JsonNode back = c.history(room, "after", parent).path("events").get(0);
      assertThat(back.path("seq").asLong()).isEqualTo(reply.path("seq").asLong());
      assertThat(back.path("reply").path("excerpt").asString()).isEmpty();
      assertThat(back.toString()).doesNotContain("fridge\"");
    }
  }
}
