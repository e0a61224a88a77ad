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
 * Answering one message among many: a {@code send} with {@code replyTo} quotes its parent (seq,
 * author, the start of its text) live, in history and after a reconnect; the quote empties once the
 * parent is deleted; a reply to nothing of the room is refused with nothing stored.
 */
class RepliesTest {

  @RegisterExtension
  static final ParleyServerExtension server = ParleyServerExtension.with(c -> c.withRate(100, 200));

  record Pair(TestClient ann, TestClient bob, String room) {}

  static Pair pair(String base) {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room(base);
    ann.create(room);
    bob.join(room);
    return new Pair(ann, bob, room);
  }

  static JsonNode reply(TestClient c, String room, long to, String text) {
    String id = TestClient.newId();
    c.send(obj("type", "send", "room", room, "id", id, "text", text, "replyTo", to));
    return c.awaitMessage(room, id);
  }

  @Test
  void aReplyQuotesItsParentLiveInHistoryAndAfterAReconnect() {
    Pair p = pair("replies");
    long parent = p.ann().say(p.room(), "Who takes the deploy on Friday?").path("seq").asLong();

    JsonNode mine = reply(p.bob(), p.room(), parent, "I will");

    JsonNode seen = p.ann().awaitMessage(p.room(), mine.path("id").asString());
    for (JsonNode m : new JsonNode[] {mine, seen}) {
      assertThat(m.path("reply").path("seq").asLong()).isEqualTo(parent);
      assertThat(m.path("reply").path("from").path("id").asString()).isEqualTo(p.ann().id());
      assertThat(m.path("reply").path("from").path("nick").asString()).isEqualTo(p.ann().nick());
      assertThat(m.path("reply").path("excerpt").asString())
          .isEqualTo("Who takes the deploy on Friday?");
      assertThat(m.path("text").asString()).isEqualTo("I will");
    }
    JsonNode fromHistory = p.ann().history(p.room(), "after", parent).path("events").get(0);
    assertThat(fromHistory.path("reply").path("seq").asLong()).isEqualTo(parent);

    // catch-up: a member away while it was said reads it back with its quote
    TestClient carol = server.user("carol");
    carol.join(p.room());
    String token = carol.token();
    carol.close();
    JsonNode later = reply(p.ann(), p.room(), mine.path("seq").asLong(), "thanks!");
    TestClient back = server.client();
    back.resume(token);
    JsonNode events = back.history(p.room(), "after", mine.path("seq").asLong()).path("events");
    JsonNode caught = events.get(events.size() - 1);
    assertThat(caught.path("seq").asLong()).isEqualTo(later.path("seq").asLong());
    assertThat(caught.path("reply").path("excerpt").asString()).isEqualTo("I will");
    assertThat(caught.path("reply").path("from").path("id").asString()).isEqualTo(p.bob().id());
  }

  @Test
  void theExcerptIsTheFirst200CharactersOfTheParent() {
    Pair p = pair("long");
    String text = "é".repeat(150) + "x".repeat(150);
    long parent = p.ann().say(p.room(), text).path("seq").asLong();

    JsonNode m = reply(p.bob(), p.room(), parent, "tl;dr?");

    assertThat(m.path("reply").path("excerpt").asString()).isEqualTo(text.substring(0, 200));
  }

  @Test
  void aDeletedParentLeavesItsRepliesWithoutAnExcerptInTheTailAndInTheStore() {
    Pair p = pair("gone");
    long parent = p.ann().say(p.room(), "a secret I regret").path("seq").asLong();
    JsonNode r = reply(p.bob(), p.room(), parent, "wait, what?");
    p.ann().ok(obj("type", "delete", "room", p.room(), "seq", parent));

    JsonNode fromTail = p.bob().history(p.room(), "after", parent).path("events").get(0);
    assertThat(fromTail.path("seq").asLong()).isEqualTo(r.path("seq").asLong());
    assertThat(fromTail.path("reply").path("excerpt").asString()).isEmpty();
    assertThat(fromTail.path("reply").path("seq").asLong()).isEqualTo(parent);
    assertThat(fromTail.toString()).doesNotContain("regret");

    server.restart(); // the page now comes from the store
    TestClient back = server.client();
    back.resume(p.bob().token());
    JsonNode fromStore = back.history(p.room(), "after", parent).path("events").get(0);
    assertThat(fromStore.path("reply").path("excerpt").asString()).isEmpty();
    assertThat(fromStore.path("reply").path("from").path("id").asString()).isEqualTo(p.ann().id());
    assertThat(fromStore.toString()).doesNotContain("regret");
  }

  @Test
  void aReplyToNothingOfTheRoomIsRefusedAndNothingIsStored() {
    Pair p = pair("bad");
    String other = room("elsewhere");
    p.ann().create(other);
    long there = 0;
    for (int i = 0; i < 4; i++) there = p.ann().say(other, "in another room").path("seq").asLong();
    long here = p.ann().say(p.room(), "here").path("seq").asLong();
    long notice = p.ann().history(p.room()).path("events").get(0).path("seq").asLong();
    assertThat(there).isGreaterThan(here); // a seq this room does not have yet

    for (Object to : new Object[] {there, here + 50, 0, -1, notice}) {
      JsonNode refused =
          p.bob()
              .error(
                  obj(
                      "type",
                      "send",
                      "room",
                      p.room(),
                      "id",
                      TestClient.newId(),
                      "text",
                      "hm",
                      "replyTo",
                      to));
      assertThat(refused.path("code").asString()).as("replyTo %s", to).isEqualTo("bad_reply");
      assertThat(refused.path("message").asString()).isNotBlank();
    }
    assertThat(
            p.bob()
                .error(
                    obj(
                        "type", "send", "room", p.room(), "id", "x1", "text", "hm", "replyTo",
                        "one"))
                .path("code")
                .asString())
        .isEqualTo("bad_request");
    assertThat(p.ann().say(p.room(), "next").path("seq").asLong()).isEqualTo(here + 1);
  }
}
