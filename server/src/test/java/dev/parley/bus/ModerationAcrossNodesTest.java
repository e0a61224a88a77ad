package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Roles, kicks, mutes and bans hold on every node at once: a kick on one node takes the member's
 * connections on the other out of the room before the room's next message; a ban or mute made on
 * one node refuses a join or send on the other; a moderator named on one node moderates on the
 * other.
 */
class ModerationAcrossNodesTest {

  @RegisterExtension static final ParleyCluster cluster = ParleyCluster.of(2, c -> c);

  @Test
  void aKickOnOneNodeRemovesTheMembersConnectionsOnTheOtherBeforeTheNextMessage() {
    TestClient ann = cluster.user(0, "Ann");
    TestClient bob = cluster.user(1, "Bob");
    TestClient bobOnNode0 = cluster.client(0);
    bobOnNode0.resume(bob.token());
    TestClient cleo = cluster.user(1, "Cleo");
    String room = ParleyServerExtension.room("ops");
    ann.create(room);
    bob.join(room);
    cleo.join(room);
    ann.say(room, "everyone here");
    bob.await("message", m -> "everyone here".equals(m.path("text").asString()));

    ann.ok(obj("type", "kick", "room", room, "user", bob.id(), "reason", "spam"));
    String next = ann.say(room, "right after the kick").path("id").asString();
    cleo.awaitMessage(room, next);
    JsonNode told = bob.await("moderated");
    assertThat(told.path("by").path("id").asString()).isEqualTo(ann.id());
    assertThat(told.path("reason").asString()).isEqualTo("spam");
    bob.roundTrip("general");
    bobOnNode0.roundTrip("general");
    assertThat(bob.frames("message", m -> next.equals(m.path("id").asString()))).isEmpty();
    assertThat(bobOnNode0.frames("message", m -> next.equals(m.path("id").asString()))).isEmpty();
    assertThat(bob.error(obj("type", "history", "room", room)).path("code").asString())
        .isEqualTo("not_member");
  }

  @Test
  void aBanAMuteAndARoleMadeOnOneNodeHoldOnTheOther() {
    TestClient ann = cluster.user(0, "Ann");
    TestClient mo = cluster.user(1, "Mo");
    TestClient bob = cluster.user(1, "Bob");
    TestClient cleo = cluster.user(1, "Cleo");
    String room = ParleyServerExtension.room("ops");
    ann.create(room);
    mo.join(room);
    bob.join(room);
    cleo.join(room);

    ann.ok(obj("type", "role", "room", room, "user", mo.id(), "role", "moderator"));
    mo.await("room", r -> "moderator".equals(r.path("role").asString())); // node 1 knows
    mo.ok(obj("type", "mute", "room", room, "user", cleo.id(), "minutes", 30));
    ann.ok(obj("type", "ban", "room", room, "user", bob.id(), "reason", "flood"));
    bob.await("moderated"); // shared before it was published: node 1 applied the ban
    cleo.await("moderated");

    JsonNode refused = bob.error(obj("type", "join", "room", room));
    assertThat(refused.path("code").asString()).isEqualTo("banned");
    JsonNode muted =
        cleo.error(obj("type", "send", "room", room, "id", TestClient.newId(), "text", "hi"));
    assertThat(muted.path("code").asString()).isEqualTo("muted");
    TestClient cleoOnNode0 = cluster.client(0);
    cleoOnNode0.resume(cleo.token());
    TestClient bobOnNode0 = cluster.client(0);
    bobOnNode0.resume(bob.token());
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              String send =
                  cleoOnNode0
                      .call(
                          obj("type", "send", "room", room, "id", TestClient.newId(), "text", "x"))
                      .path("code")
                      .asString();
              assertThat(send).isEqualTo("muted");
            });
    assertThat(bobOnNode0.error(obj("type", "join", "room", room)).path("code").asString())
        .isEqualTo("banned");

    // lifted on node 0: the sender on node 1 is let through, and node 1's list no longer has it
    ann.ok(obj("type", "unmute", "room", room, "user", cleo.id()));
    cleo.await("moderated", m -> "unmute".equals(m.path("action").asString()));
    cleo.say(room, "free again");
    assertThat(mo.call(obj("type", "sanctions", "room", room)).path("mutes").size()).isZero();
  }
}
