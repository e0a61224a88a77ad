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
 * "Ann is typing…" and "read up to here", as the other members and the user's own tabs see them.
 */
class TypingAndReadTest {

  @RegisterExtension
  static final ParleyServerExtension server = ParleyServerExtension.with(c -> c.withRate(100, 200));

  @Test
  void typingReachesTheOtherMembersButNotTheTypistsOwnTabsNorOutsiders() {
    TestClient ann = server.user("ann");
    TestClient annTab = server.tabOf(ann);
    TestClient bob = server.user("bob");
    TestClient outsider = server.user("outsider");
    String room = room("typing");
    ann.create(room);
    bob.join(room);

    ann.send(obj("type", "typing", "room", room));

    JsonNode typing = bob.await("typing", t -> room.equals(t.path("room").asString()));
    assertThat(typing.path("user").path("id").asString()).isEqualTo(ann.id());
    assertThat(typing.path("user").path("nick").asString()).isEqualTo(ann.nick());

    ann.roundTrip(room);
    annTab.roundTrip(room);
    outsider.roundTrip("general");
    assertThat(ann.frames("typing")).isEmpty();
    assertThat(annTab.frames("typing")).isEmpty();
    assertThat(outsider.frames("typing")).isEmpty();
  }

  @Test
  void typingInARoomOneIsNotInReachesNobody() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room("closed");
    ann.create(room);

    bob.send(obj("type", "typing", "room", room));
    ann.roundTrip(room);
    assertThat(ann.frames("typing")).isEmpty();
  }

  @Test
  void readReachesEveryConnectionOfTheUserAndNoOneElse() {
    TestClient ann = server.user("ann");
    TestClient annTab = server.tabOf(ann);
    TestClient bob = server.user("bob");
    String room = room("read");
    ann.create(room);
    bob.join(room);
    long seq = bob.say(room, "read me").path("seq").asLong();

    ann.send(obj("type", "read", "room", room, "seq", seq));

    JsonNode read = ann.await("read", r -> room.equals(r.path("room").asString()));
    assertThat(read.path("seq").asLong()).isEqualTo(seq);
    assertThat(
            annTab.await("read", r -> room.equals(r.path("room").asString())).path("seq").asLong())
        .isEqualTo(seq);

    bob.roundTrip(room);
    assertThat(bob.frames("read")).isEmpty();
  }

  @Test
  void theReadMarkerIsInTheNextWelcome() {
    TestClient ann = server.user("ann");
    String room = room("marker");
    ann.create(room);
    ann.say(room, "one");
    long two = ann.say(room, "two").path("seq").asLong();
    ann.say(room, "three");

    ann.send(obj("type", "read", "room", room, "seq", two));
    ann.await("read", r -> room.equals(r.path("room").asString()));

    TestClient later = server.tabOf(ann);
    JsonNode entry = later.welcomeRoom(room);
    assertThat(entry.path("readSeq").asLong()).isEqualTo(two);
    assertThat(entry.path("lastSeq").asLong()).isEqualTo(two + 1);
  }

  @Test
  void theReadMarkerNeverMovesBack() {
    TestClient ann = server.user("ann");
    String room = room("forward");
    ann.create(room);
    for (int i = 0; i < 5; i++) ann.say(room, "m" + i);

    ann.send(obj("type", "read", "room", room, "seq", 5));
    ann.await("read", r -> room.equals(r.path("room").asString()) && r.path("seq").asLong() == 5);
    ann.send(obj("type", "read", "room", room, "seq", 2));
    ann.roundTrip(room);

    assertThat(ann.frames("read", r -> room.equals(r.path("room").asString())))
        .as("a read frame may repeat the marker but never show it lower")
        .allMatch(r -> r.path("seq").asLong() == 5);
    TestClient later = server.tabOf(ann);
    assertThat(later.welcomeRoom(room).path("readSeq").asLong()).isEqualTo(5);
  }

  @Test
  void aReadMarkerPastTheEndIsClampedToTheLastSeq() {
    TestClient ann = server.user("ann");
    String room = room("clamp");
    ann.create(room);
    long last = ann.say(room, "only").path("seq").asLong();

    ann.send(obj("type", "read", "room", room, "seq", 9999));

    JsonNode read = ann.await("read", r -> room.equals(r.path("room").asString()));
    assertThat(read.path("seq").asLong()).isEqualTo(last);
    TestClient later = server.tabOf(ann);
    assertThat(later.welcomeRoom(room).path("readSeq").asLong()).isEqualTo(last);
  }
}
