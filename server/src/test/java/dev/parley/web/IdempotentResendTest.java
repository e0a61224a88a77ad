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
 * A client that is unsure whether its send arrived (a dropped connection, a timeout) sends it again
 * with the same id: nothing is appended twice, and the sender learns what was stored.
 */
class IdempotentResendTest {

  @RegisterExtension
  static final ParleyServerExtension server = ParleyServerExtension.with(c -> c.withRate(100, 200));

  @Test
  void aResendAppendsNothingAndTheSenderGetsTheOriginalBack() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room("dup");
    ann.create(room);
    bob.join(room);
    String id = TestClient.newId();

    ann.send(obj("type", "send", "room", room, "id", id, "text", "original"));
    JsonNode original = ann.awaitMessage(room, id);
    bob.awaitMessage(room, id);

    ann.send(obj("type", "send", "room", room, "id", id, "text", "a different text this time"));
    JsonNode echoed =
        ann.awaitCount("message", m -> id.equals(m.path("id").asString()), 2, TestClient.TIMEOUT)
            .get(1);

    assertThat(echoed.path("seq").asLong()).isEqualTo(original.path("seq").asLong());
    assertThat(echoed.path("ts").asLong()).isEqualTo(original.path("ts").asLong());
    assertThat(echoed.path("text").asString()).isEqualTo("original");
    assertThat(echoed.path("from").path("id").asString()).isEqualTo(ann.id());

    JsonNode next = ann.say(room, "next");
    assertThat(next.path("seq").asLong())
        .as("no seq was used up by the resend")
        .isEqualTo(original.path("seq").asLong() + 1);
    bob.awaitMessage(room, next.path("id").asString());
    assertThat(bob.frames("message", m -> id.equals(m.path("id").asString())))
        .as("bob saw it once")
        .hasSize(1);

    JsonNode history = ann.history(room);
    assertThat(history.path("events"))
        .filteredOn(e -> id.equals(e.path("id").asString()))
        .hasSize(1);
  }

  @Test
  void aResendFromANewConnectionAfterReconnectGetsTheOriginal() {
    TestClient ann = server.user("ann");
    String room = room("reconnect");
    ann.create(room);
    String id = TestClient.newId();
    ann.send(obj("type", "send", "room", room, "id", id, "text", "sent before the drop"));
    JsonNode original = ann.awaitMessage(room, id);
    ann.drop();

    TestClient again = server.client();
    again.resume(ann.token());
    again.send(obj("type", "send", "room", room, "id", id, "text", "sent before the drop"));
    JsonNode echoed = again.awaitMessage(room, id);

    assertThat(echoed.path("seq").asLong()).isEqualTo(original.path("seq").asLong());
    assertThat(echoed.path("ts").asLong()).isEqualTo(original.path("ts").asLong());
    assertThat(again.history(room).path("events"))
        .filteredOn(e -> id.equals(e.path("id").asString()))
        .hasSize(1);
  }

  @Test
  void aResendIsAnsweredOnlyOnTheSendingConnection() {
    TestClient tab1 = server.user("ann");
    TestClient tab2 = server.tabOf(tab1);
    String room = room("tabs");
    tab1.create(room);
    String id = TestClient.newId();
    tab1.send(obj("type", "send", "room", room, "id", id, "text", "once"));
    tab1.awaitMessage(room, id);
    tab2.awaitMessage(room, id);

    tab1.send(obj("type", "send", "room", room, "id", id, "text", "once"));
    tab1.awaitCount("message", m -> id.equals(m.path("id").asString()), 2, TestClient.TIMEOUT);
    tab1.roundTrip(room);
    tab2.roundTrip(room);

    assertThat(tab2.frames("message", m -> id.equals(m.path("id").asString()))).hasSize(1);
  }

  @Test
  void theSameIdFromTwoUsersIsTwoMessages() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room("shared-id");
    ann.create(room);
    bob.join(room);
    String id = TestClient.newId();

    ann.send(obj("type", "send", "room", room, "id", id, "text", "from ann"));
    bob.send(obj("type", "send", "room", room, "id", id, "text", "from bob"));

    var both =
        ann.awaitCount("message", m -> id.equals(m.path("id").asString()), 2, TestClient.TIMEOUT);
    assertThat(both)
        .extracting(m -> m.path("text").asString())
        .containsExactlyInAnyOrder("from ann", "from bob");
    assertThat(both.get(0).path("seq").asLong()).isNotEqualTo(both.get(1).path("seq").asLong());
  }

  @Test
  void theSameIdInAnotherRoomIsStillTheOriginal() {
    // the id is the client's id for one message, whatever room a resend names
    TestClient ann = server.user("ann");
    String room1 = room("first");
    String room2 = room("second");
    ann.create(room1);
    ann.create(room2);
    String id = TestClient.newId();
    ann.send(obj("type", "send", "room", room1, "id", id, "text", "in the first room"));
    JsonNode original = ann.awaitMessage(room1, id);

    ann.send(obj("type", "send", "room", room2, "id", id, "text", "in the first room"));
    JsonNode echoed =
        ann.awaitCount("message", m -> id.equals(m.path("id").asString()), 2, TestClient.TIMEOUT)
            .get(1);

    assertThat(echoed.path("room").asString()).isEqualTo(room1);
    assertThat(echoed.path("seq").asLong()).isEqualTo(original.path("seq").asLong());
    assertThat(ann.history(room2).path("events"))
        .noneMatch(e -> id.equals(e.path("id").asString()));
  }
}
