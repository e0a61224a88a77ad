package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static dev.parley.testing.ParleyServerExtension.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Sending a message to a room: who receives what, and what is refused. */
class SendTest {

  @RegisterExtension
  static final ParleyServerExtension server = ParleyServerExtension.with(c -> c.withRate(100, 200));

  @Test
  void everyMemberIncludingTheSenderReceivesTheMessage() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient outsider = server.user("outsider");
    String room = room("talk");
    ann.create(room);
    bob.join(room);

    long before = System.currentTimeMillis();
    String id = TestClient.newId();
    ann.send(obj("type", "send", "room", room, "id", id, "text", "Hello **world**"));

    JsonNode mine = ann.awaitMessage(room, id);
    JsonNode theirs = bob.awaitMessage(room, id);
    assertThat(theirs).isEqualTo(mine);
    assertThat(mine.path("room").asString()).isEqualTo(room);
    assertThat(mine.path("id").asString()).isEqualTo(id);
    assertThat(mine.path("text").asString()).isEqualTo("Hello **world**");
    assertThat(mine.path("from").path("id").asString()).isEqualTo(ann.id());
    assertThat(mine.path("from").path("nick").asString()).isEqualTo(ann.nick());
    assertThat(mine.path("seq").asLong()).isPositive();
    assertThat(mine.path("ts").asLong())
        .isBetween(before - 5_000, System.currentTimeMillis() + 5_000);

    outsider.roundTrip("general");
    assertThat(outsider.frames("message", m -> room.equals(m.path("room").asString()))).isEmpty();
  }

  @Test
  void aSendGetsNoSeparateAcknowledgement() {
    TestClient ann = server.user("ann");
    String room = room("noack");
    ann.create(room);

    String ref =
        ann.request(obj("type", "send", "room", room, "id", TestClient.newId(), "text", "hi"));
    JsonNode msg = ann.await("message", m -> room.equals(m.path("room").asString()));
    ann.ping();

    assertThat(ann.frames("ok", f -> ref.equals(f.path("ref").asString()))).isEmpty();
    assertThat(ann.frames("error", f -> ref.equals(f.path("ref").asString()))).isEmpty();
    assertThat(msg.path("text").asString()).isEqualTo("hi");
  }

  @Test
  void consecutiveMessagesTakeConsecutiveSeqs() {
    TestClient ann = server.user("ann");
    String room = room("seq");
    ann.create(room);

    long s1 = ann.say(room, "one").path("seq").asLong();
    long s2 = ann.say(room, "two").path("seq").asLong();
    long s3 = ann.say(room, "three").path("seq").asLong();

    assertThat(s1).isEqualTo(2); // seq 1 is the create notice
    assertThat(List.of(s2, s3)).containsExactly(s1 + 1, s1 + 2);
  }

  @Test
  void textIsDeliveredExactlyAsSent() {
    TestClient ann = server.user("ann");
    String room = room("verbatim");
    ann.create(room);
    String text = "```java\nint x = 1;\n```\n<b>not html</b> — “quotes” 李 😀 \\ \" \t tab";

    assertThat(ann.say(room, text).path("text").asString()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", " \n\t "})
  void blankTextIsABadRequest(String text) {
    TestClient ann = server.user("ann");
    JsonNode error =
        ann.error(obj("type", "send", "room", "general", "id", TestClient.newId(), "text", text));
    assertThat(error.path("code").asString()).isEqualTo("bad_request");
  }

  @Test
  void missingTextAndImageIsABadRequest() {
    TestClient ann = server.user("ann");
    JsonNode error = ann.error(obj("type", "send", "room", "general", "id", TestClient.newId()));
    assertThat(error.path("code").asString()).isEqualTo("bad_request");
  }

  @Test
  void aMissingIdIsABadRequest() {
    TestClient ann = server.user("ann");
    JsonNode error = ann.error(obj("type", "send", "room", "general", "text", "no id"));
    assertThat(error.path("code").asString()).isEqualTo("bad_request");
  }

  @Test
  void anIdOfAtMost64CharactersIsAcceptedAndALongerOneRefused() {
    TestClient ann = server.user("ann");
    String room = room("ids");
    ann.create(room);
    String id64 = TestClient.newId() + "x".repeat(64);
    id64 = id64.substring(0, 64);

    ann.send(obj("type", "send", "room", room, "id", id64, "text", "ok id"));
    ann.awaitMessage(room, id64);

    JsonNode error =
        ann.error(obj("type", "send", "room", room, "id", id64 + "y", "text", "long id"));
    assertThat(error.path("code").asString()).isEqualTo("bad_request");
  }

  @Test
  void textOfExactly8000CharactersIsAccepted() {
    TestClient ann = server.user("ann");
    String room = room("limit");
    ann.create(room);
    String ascii = "a".repeat(8000);
    String emoji = "😀".repeat(8000); // 8000 code points, 16000 UTF-16 units, 32000 bytes

    assertThat(ann.say(room, ascii).path("text").asString()).isEqualTo(ascii);
    assertThat(ann.say(room, emoji).path("text").asString()).isEqualTo(emoji);
  }

  @Test
  void textOverTheLimitIsTooLongAndNothingIsAppended() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room("toolong");
    ann.create(room);
    bob.join(room);
    long last = ann.say(room, "before").path("seq").asLong();

    JsonNode error =
        ann.error(
            obj("type", "send", "room", room, "id", TestClient.newId(), "text", "b".repeat(8001)));
    assertThat(error.path("code").asString()).isEqualTo("too_long");
    JsonNode emojiError =
        ann.error(
            obj("type", "send", "room", room, "id", TestClient.newId(), "text", "😀".repeat(8001)));
    assertThat(emojiError.path("code").asString()).isEqualTo("too_long");

    assertThat(ann.say(room, "after").path("seq").asLong()).isEqualTo(last + 1);
  }

  @Test
  void sendingToARoomOneIsNotInIsNotMember() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room("private");
    ann.create(room);

    JsonNode error =
        bob.error(obj("type", "send", "room", room, "id", TestClient.newId(), "text", "let me in"));
    assertThat(error.path("code").asString()).isEqualTo("not_member");
    ann.roundTrip(room);
    assertThat(ann.frames("message", m -> "let me in".equals(m.path("text").asString()))).isEmpty();
  }

  @Test
  void sendingToAnUnknownRoomIsNotFound() {
    TestClient ann = server.user("ann");
    JsonNode error =
        ann.error(
            obj(
                "type",
                "send",
                "room",
                room("ghost"),
                "id",
                TestClient.newId(),
                "text",
                "anyone?"));
    assertThat(error.path("code").asString()).isEqualTo("not_found");
  }

  @Test
  void anErrorCarriesTheRefAndAMessageForPeople() {
    TestClient ann = server.user("ann");
    String ref =
        ann.request(
            obj("type", "send", "room", room("ghost"), "id", TestClient.newId(), "text", "x"));
    JsonNode error = ann.awaitRef(ref);
    assertThat(error.path("type").asString()).isEqualTo("error");
    assertThat(error.path("ref").asString()).isEqualTo(ref);
    assertThat(error.path("message").asString()).isNotBlank();
  }

  /** An image URL must be one this server's upload endpoint issued. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://evil.example/x.png",
        "/uploads/not-uploaded.png",
        "javascript:alert(1)",
        ""
      })
  void anImageFromElsewhereIsBadImage(String url) {
    TestClient ann = server.user("ann");
    String room = room("pics");
    ann.create(room);

    JsonNode error =
        ann.error(
            obj("type", "send", "room", room, "id", TestClient.newId(), "image", obj("url", url)));

    assertThat(error.path("code").asString()).isEqualTo("bad_image");
    assertThat(ann.history(room).path("events").findValues("image")).isEmpty();
  }

  /** PostgreSQL cannot store a NUL; one let through would fail every message written with it. */
  @ParameterizedTest
  @ValueSource(strings = {"nul \u0000 here", "bell \u0007", "escape \u001b[31m", "del \u007f"})
  void controlCharactersAreRefusedAndNothingElseSuffers(String text) {
    TestClient ann = server.user("ann");
    String room = room("controls");
    ann.create(room);
    JsonNode error =
        ann.error(obj("type", "send", "room", room, "id", TestClient.newId(), "text", text));
    assertThat(error.path("code").asString()).isEqualTo("bad_request");
    assertThat(ann.say(room, "tabs\tand\nnew lines are fine").path("text").asString())
        .isEqualTo("tabs\tand\nnew lines are fine");
  }
}
