package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Json;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A server stopped cleanly and started again on the same data directory carries on where it was:
 * the same users behind the same tokens, rooms, memberships, read markers, and each log's seq
 * continuing without a gap.
 */
class RestartTest {

  @RegisterExtension
  static final ParleyServerExtension server = ParleyServerExtension.with(c -> c.withRate(200, 400));

  @Test
  void everythingAUserHadIsThereAfterARestart() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String kept = ParleyServerExtension.room("kept");
    String left = ParleyServerExtension.room("left");
    ann.ok(obj("type", "create", "room", kept, "topic", "Survives restarts"));
    ann.create(left);
    bob.join(kept);
    bob.join(left);
    bob.leave(left);
    List<JsonNode> said = new ArrayList<>();
    for (int i = 0; i < 5; i++) said.add((i % 2 == 0 ? ann : bob).say(kept, "before restart " + i));
    long readUpTo = said.get(2).path("seq").asLong();
    ann.send(obj("type", "read", "room", kept, "seq", readUpTo));
    ann.await("read", r -> kept.equals(r.path("room").asString()));
    long lastBefore = said.get(4).path("seq").asLong();
    JsonNode historyBefore = ann.history(kept, "after", 0, "limit", 200);

    server.restart();

    assertThat(ann.closeCode()).as("a clean shutdown says 'going away'").isEqualTo(1001);
    assertThat(bob.closeCode()).isEqualTo(1001);

    TestClient ann2 = server.client();
    JsonNode welcome = ann2.resume(ann.token());
    assertThat(welcome.path("user").path("id").asString()).isEqualTo(ann.id());
    assertThat(welcome.path("user").path("nick").asString()).isEqualTo(ann.nick());
    JsonNode room = Json.require(welcome.path("rooms"), "name", kept);
    assertThat(room.path("topic").asString()).isEqualTo("Survives restarts");
    assertThat(room.path("members").asLong()).isEqualTo(2);
    assertThat(room.path("lastSeq").asLong()).isEqualTo(lastBefore);
    assertThat(room.path("readSeq").asLong()).isEqualTo(readUpTo);
    assertThat(Json.find(welcome.path("rooms"), "name", "general")).isNotNull();
    assertThat(Json.find(welcome.path("directory"), "name", left)).isNotNull();

    TestClient bob2 = server.client();
    JsonNode bobWelcome = bob2.resume(bob.token());
    assertThat(bobWelcome.path("user").path("id").asString()).isEqualTo(bob.id());
    assertThat(Json.find(bobWelcome.path("rooms"), "name", kept))
        .as("bob is still in %s", kept)
        .isNotNull();
    assertThat(Json.find(bobWelcome.path("rooms"), "name", left))
        .as("bob is still out of %s", left)
        .isNull();

    assertThat(ann2.history(kept, "after", 0, "limit", 200).path("events"))
        .isEqualTo(historyBefore.path("events"));

    JsonNode next = bob2.say(kept, "after restart");
    assertThat(next.path("seq").asLong()).isEqualTo(lastBefore + 1);
    ann2.awaitMessage(kept, next.path("id").asString());

    assertThat(ann2.error(obj("type", "create", "room", kept)).path("code").asString())
        .isEqualTo("room_exists");
  }

  @Test
  void aResendAfterARestartIsStillRecognised() {
    TestClient ann = server.user("ann");
    String room = ParleyServerExtension.room("dedupe");
    ann.create(room);
    String id = TestClient.newId();
    ann.send(obj("type", "send", "room", room, "id", id, "text", "once"));
    JsonNode original = ann.awaitMessage(room, id);

    server.restart();

    TestClient again = server.client();
    again.resume(ann.token());
    again.send(obj("type", "send", "room", room, "id", id, "text", "once"));
    JsonNode echoed = again.awaitMessage(room, id);
    assertThat(echoed.path("seq").asLong()).isEqualTo(original.path("seq").asLong());
    assertThat(again.history(room).path("events"))
        .filteredOn(e -> id.equals(e.path("id").asString()))
        .hasSize(1);
  }

  @Test
  void newUsersAfterARestartDoNotCollideWithOldOnes() {
    TestClient ann = server.user("ann");
    server.restart();

    TestClient newcomer = server.user("newcomer");
    assertThat(newcomer.id()).isNotEqualTo(ann.id());
    assertThat(newcomer.token()).isNotEqualTo(ann.token());
    TestClient annAgain = server.client();
    assertThat(annAgain.resume(ann.token()).path("user").path("id").asString()).isEqualTo(ann.id());
  }
}
