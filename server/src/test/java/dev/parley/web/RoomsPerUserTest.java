package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static dev.parley.testing.ParleyServerExtension.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user is in at most {@code --rooms-per-user} public rooms at once (here 5, {@code general}
 * included): every room they are in is a line of each welcome they get, so joining every room of a
 * spammed directory would make their welcomes megabytes long. Beyond it {@code join} and {@code
 * create} get {@code quota}; leaving one makes a place; direct conversations do not count.
 */
class RoomsPerUserTest {

  private static final int MAX = 5;

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(
          c -> c.withRate(1000, 1000).withGuards(c.guards().withRoomsPerUser(MAX)));

  @Test
  void aUserInAsManyRoomsAsAllowedCannotJoinOrCreateAnotherUntilTheyLeaveOne() {
    String[] rooms = new String[MAX + 1];
    for (int i = 0; i < rooms.length; i++) {
      rooms[i] = room("many");
      server.user("owner").create(rooms[i]); // each creator is in general and their own room
    }
    TestClient ann = server.user("ann"); // in general already
    for (int i = 0; i < MAX - 1; i++) ann.join(rooms[i]);

    assertThat(ann.error(obj("type", "join", "room", rooms[MAX - 1])).path("code").asString())
        .isEqualTo("quota");
    assertThat(ann.error(obj("type", "create", "room", room("mine"))).path("code").asString())
        .isEqualTo("quota");
    assertThat(ann.join(rooms[0]).path("type").asString())
        .as("a room one is in still answers ok")
        .isEqualTo("ok");
    assertThat(
            server
                .tabOf(ann)
                .error(obj("type", "join", "room", rooms[MAX]))
                .path("code")
                .asString())
        .as("another connection of the same user")
        .isEqualTo("quota");

    ann.leave(rooms[0]);
    ann.join(rooms[MAX - 1]);
  }

  @Test
  void aUserAtTheLimitStillOpensAndReceivesDirectConversations() {
    TestClient ann = server.user("ann");
    for (int i = 0; i < MAX - 1; i++) ann.create(room("full"));
    TestClient bob = server.user("bob");
    String id = TestClient.newId();
    ann.send(obj("type", "send", "to", bob.id(), "id", id, "text", "hi"));
    ann.await("message", m -> id.equals(m.path("id").asString()));
    TestClient carol = server.user("carol");
    String id2 = TestClient.newId();
    carol.send(obj("type", "send", "to", ann.id(), "id", id2, "text", "hello ann"));
    ann.await("message", m -> id2.equals(m.path("id").asString()));
  }
}
