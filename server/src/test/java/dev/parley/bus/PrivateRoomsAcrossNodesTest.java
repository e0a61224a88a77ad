package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A private room in a cluster (issue 18): made on one node, it is private on the other at once (no
 * directory lists it, every door answers as for no such room, no frame names it), an invitation on
 * one node brings in a user on the other, and an invite link made on one node is taken on the
 * other.
 */
class PrivateRoomsAcrossNodesTest {

  @RegisterExtension
  static final ParleyCluster cluster = ParleyCluster.of(2, c -> c.withRate(1000, 2000));

  private static String answer(TestClient who, JsonNode frame, String room) {
    JsonNode reply = who.call((tools.jackson.databind.node.ObjectNode) frame);
    return reply.path("type").asString()
        + ":"
        + reply.path("code").asString()
        + ":"
        + reply.path("message").asString().replace(room, "ROOM");
  }

  @Test
  void madeOnOneNodeItIsUnknownToOutsidersOnTheOtherAndSharedWithItsMembers() {
    TestClient carol = cluster.user(1, "carol");
    TestClient ann = cluster.user(0, "ann");
    TestClient bob = cluster.user(1, "bob");
    String room = ParleyServerExtension.room("vault");
    String missing = ParleyServerExtension.room("vault");
    ann.ok(obj("type", "create", "room", room, "private", true));
    ann.ok(obj("type", "invite", "room", room, "user", bob.id()));
    bob.await("room", f -> room.equals(f.path("name").asString()));
    JsonNode said = ann.say(room, "across the wire");
    assertThat(bob.awaitMessage(room, said.path("id").asString()).path("text").asString())
        .isEqualTo("across the wire");

    for (String type : List.of("join", "history", "members", "leave", "typing")) {
      assertThat(answer(carol, obj("type", type, "room", room), room))
          .as(type)
          .startsWith("error:not_found")
          .isEqualTo(answer(carol, obj("type", type, "room", missing), missing));
    }
    assertThat(carol.call(obj("type", "directory", "q", room)).path("rooms")).isEmpty();
    TestClient again = cluster.client(1);
    again.resume(carol.token());
    assertThat(again.welcome().toString()).doesNotContain(room);
    TestClient bobAgain = cluster.client(1);
    bobAgain.resume(bob.token());
    assertThat(bobAgain.welcomeRoom(room).path("private").asBoolean()).isTrue();
    carol.roundTrip("general");
    assertThat(carol.frames()).noneMatch(f -> !f.has("ref") && f.toString().contains(room));
  }

  @Test
  void aLinkMadeOnOneNodeBringsSomeoneInOnTheOther() {
    TestClient ann = cluster.user(0, "ann");
    String room = ParleyServerExtension.room("vault");
    ann.ok(obj("type", "create", "room", room, "private", true));
    String code = ann.ok(obj("type", "invite", "room", room, "uses", 1)).path("code").asString();
    TestClient dave = cluster.user(1, "dave");
    JsonNode joined = dave.ok(obj("type", "join", "invite", code));
    assertThat(joined.path("room").path("name").asString()).isEqualTo(room);
    ann.await(
        "notice",
        n -> room.equals(n.path("room").asString()) && "join".equals(n.path("event").asString()));
    JsonNode said = dave.say(room, "found my way in");
    assertThat(ann.awaitMessage(room, said.path("id").asString()).path("text").asString())
        .isEqualTo("found my way in");
    TestClient eve = cluster.user(0, "eve");
    assertThat(eve.error(obj("type", "join", "invite", code)).path("code").asString())
        .isEqualTo("bad_invite");
  }
}
