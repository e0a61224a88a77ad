package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Mark as unread ({@code unread} {room, seq}: my read marker back to just before the message, on
 * every connection, as {@code read} with {@code back}), and jump to a date ({@code history} with
 * {@code at}: the page around the first event at or after it, with {@code target}).
 */
class UnreadAndJumpToDateTest {

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> ParleyServerExtension.roomy(c).withRate(1000, 2000));

  private static String code(JsonNode error) {
    assertThat(error.path("type").asString()).isEqualTo("error");
    return error.path("code").asString();
  }

  @Test
  void markingUnreadMovesTheMarkerBackOnEveryConnectionAndInTheNextWelcome() {
    TestClient ann = server.user("Ann");
    TestClient tab = server.tabOf(ann);
    TestClient bob = server.user("Bob");
    String room = ParleyServerExtension.room("ops");
    ann.create(room);
    bob.join(room);
    bob.say(room, "one");
    long two = bob.say(room, "two").path("seq").asLong();
    long three = bob.say(room, "three").path("seq").asLong();
    ann.awaitMessage(room, bob.frames("message").get(2).path("id").asString());
    ann.send(obj("type", "read", "room", room, "seq", three));
    tab.await("read", f -> f.path("seq").asLong() == three);

    ann.ok(obj("type", "unread", "room", room, "seq", two));
    JsonNode back = tab.await("read", f -> f.path("seq").asLong() == two - 1);
    assertThat(back.path("back").asBoolean()).isTrue();
    assertThat(back.path("room").asString()).isEqualTo(room);
    assertThat(server.tabOf(ann).welcomeRoom(room).path("readSeq").asLong()).isEqualTo(two - 1);

    // reading moves it forward again
    ann.send(obj("type", "read", "room", room, "seq", three));
    tab.await("read", f -> f.path("seq").asLong() == three && !f.path("back").asBoolean());
    assertThat(server.tabOf(ann).welcomeRoom(room).path("readSeq").asLong()).isEqualTo(three);
  }

  @Test
  void badUnreadsAreClearErrorsThatChangeNothing() {
    TestClient ann = server.user("Ann");
    TestClient stranger = server.user("Stranger");
    String room = ParleyServerExtension.room("ops");
    String secret = ParleyServerExtension.room("secret");
    ann.create(room);
    ann.ok(obj("type", "create", "room", secret, "private", true));
    long last = ann.say(room, "hi").path("seq").asLong();
    ann.send(obj("type", "read", "room", room, "seq", last));
    ann.await("read", f -> f.path("seq").asLong() == last);
    for (long bad : new long[] {0, -1, last + 1})
      assertThat(code(ann.error(obj("type", "unread", "room", room, "seq", bad))))
          .isEqualTo("bad_request");
    assertThat(code(stranger.error(obj("type", "unread", "room", room, "seq", last))))
        .isEqualTo("not_member");
    String missing = ParleyServerExtension.room("nothing");
    JsonNode a = stranger.error(obj("type", "unread", "room", secret, "seq", 1));
    JsonNode b = stranger.error(obj("type", "unread", "room", missing, "seq", 1));
    assertThat(a.path("code").asString()).isEqualTo(b.path("code").asString());
    assertThat(a.path("message").asString().replace(secret, "R"))
        .isEqualTo(b.path("message").asString().replace(missing, "R"));
    JsonNode c = stranger.error(obj("type", "history", "room", secret, "at", 0));
    JsonNode d = stranger.error(obj("type", "history", "room", missing, "at", 0));
    assertThat(c.path("code").asString()).isEqualTo(d.path("code").asString());
    assertThat(server.tabOf(ann).welcomeRoom(room).path("readSeq").asLong()).isEqualTo(last);
  }

  @Test
  void historyAtAMomentAnswersThePageAroundTheFirstEventAtOrAfterIt() throws Exception {
    TestClient ann = server.user("Ann");
    String room = ParleyServerExtension.room("log");
    ann.create(room);
    List<JsonNode> said = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      said.add(ann.say(room, "m" + i));
      Thread.sleep(3);
    }
    JsonNode m4 = said.get(4);
    JsonNode page = ann.history(room, "at", m4.path("ts").asLong(), "limit", 5);
    assertThat(page.path("target").asLong()).isEqualTo(m4.path("seq").asLong());
    List<Long> seqs = new ArrayList<>();
    for (JsonNode e : page.path("events")) seqs.add(e.path("seq").asLong());
    long t = m4.path("seq").asLong();
    assertThat(seqs).containsExactly(t - 2, t - 1, t, t + 1, t + 2);

    // a moment between two messages: the later one
    JsonNode between = ann.history(room, "at", said.get(6).path("ts").asLong() - 1, "limit", 1);
    assertThat(between.path("target").asLong())
        .isBetween(said.get(5).path("seq").asLong() + 1, said.get(6).path("seq").asLong());
    // before everything: the room's first event; after everything: the latest page, no target
    assertThat(ann.history(room, "at", 0).path("target").asLong()).isEqualTo(1);
    JsonNode late = ann.history(room, "at", System.currentTimeMillis() + 86_400_000L);
    assertThat(late.path("target").isMissingNode()).isTrue();
    assertThat(late.path("events").size()).isPositive();
    assertThat(code(ann.error(obj("type", "history", "room", room, "at", -5))))
        .isEqualTo("bad_request");
    assertThat(code(ann.error(obj("type", "history", "room", room, "at", "yesterday"))))
        .isEqualTo("bad_request");
    assertThat(code(ann.error(obj("type", "history", "room", room, "at", 0, "after", 2))))
        .isEqualTo("bad_request");
  }
}
