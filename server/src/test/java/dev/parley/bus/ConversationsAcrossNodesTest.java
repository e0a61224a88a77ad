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

  @Test
  void aThreadReplyOnOneNodeUpdatesTheRootsSummaryForAMemberOnTheOther() {
    TestClient ann = cluster.user(0, "Ann");
    TestClient bob = cluster.user(1, "Bob");
    TestClient cleo = cluster.user(1, "Cleo");
    String room = ParleyServerExtension.room("threads");
    ann.create(room);
    bob.join(room);
    cleo.join(room);
    long root = cleo.say(room, "ship it?").path("seq").asLong();
    ann.await("message", m -> m.path("seq").asLong() == root);

    JsonNode reply = send(ann, room, "text", "after lunch", "thread", root);
    assertThat(reply.path("thread").asLong()).isEqualTo(root);
    JsonNode seen = bob.awaitMessage(room, reply.path("id").asString());
    assertThat(seen.path("thread").asLong()).isEqualTo(root);
    JsonNode summary =
        bob.await(
            "message",
            m -> m.path("seq").asLong() == root && m.path("replies").path("count").asInt() == 1);
    assertThat(summary.path("replies").path("users").get(0).asString()).isEqualTo(ann.id());
    assertThat(summary.path("replies").path("lastTs").asLong())
        .isEqualTo(reply.path("ts").asLong());
    JsonNode page = bob.history(room, "thread", root);
    assertThat(page.path("events")).hasSize(2);
    assertThat(page.path("events").get(1).path("text").asString()).isEqualTo("after lunch");
    JsonNode thread = send(bob, room, "text", "fine", "thread", root, "alsoInRoom", true);
    assertThat(
            ann.await(
                    "message",
                    m ->
                        m.path("seq").asLong() == root
                            && m.path("replies").path("count").asInt() == 2)
                .path("replies")
                .path("users")
                .get(1)
                .asString())
        .isEqualTo(bob.id());
    assertThat(thread.path("alsoInRoom").asBoolean()).isTrue();
  }
}
