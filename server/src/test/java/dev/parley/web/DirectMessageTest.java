package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Direct conversations: {@code send} with {@code to} opens one for the two users, and to everybody
 * else it does not exist at any door of the socket.
 */
class DirectMessageTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  static String dm(TestClient a, TestClient b) {
    return a.id().compareTo(b.id()) <= 0
        ? "dm:" + a.id() + ":" + b.id()
        : "dm:" + b.id() + ":" + a.id();
  }

  static JsonNode whisper(TestClient from, TestClient to, String text) {
    String id = TestClient.newId();
    from.send(obj("type", "send", "to", to.id(), "id", id, "text", text));
    return from.awaitMessage(dm(from, to), id);
  }

  @Test
  void bothUsersGetTheRoomBeforeTheFirstMessageAndNobodyElseGetsEither() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient carol = server.user("carol");
    String dm = dm(ann, bob);

    JsonNode sent = whisper(ann, bob, "psst");

    assertThat(sent.path("room").asString()).isEqualTo(dm);
    assertThat(sent.path("seq").asLong()).isEqualTo(1);
    JsonNode got = bob.awaitMessage(dm, sent.path("id").asString());
    assertThat(got.path("text").asString()).isEqualTo("psst");
    for (TestClient c : List.of(ann, bob)) {
      List<JsonNode> frames = c.frames();
      int room =
          indexOf(frames, f -> "room".equals(type(f)) && dm.equals(f.path("name").asString()));
      int message =
          indexOf(frames, f -> "message".equals(type(f)) && dm.equals(f.path("room").asString()));
      assertThat(room).as(c + " got the room frame").isNotNegative().isLessThan(message);
      JsonNode roomFrame = frames.get(room);
      assertThat(roomFrame.path("members").asInt()).isEqualTo(2);
      assertThat(roomFrame.path("users").findValuesAsString("id"))
          .containsExactlyInAnyOrder(ann.id(), bob.id());
      assertThat(roomFrame.path("users").findValuesAsString("nick"))
          .containsExactlyInAnyOrder(ann.nick(), bob.nick());
    }
    carol.roundTrip("general");
    assertThat(carol.frames())
        .noneMatch(f -> f.toString().contains(dm) || f.toString().contains("psst"));
    assertThat(ann.history(dm).path("events")).hasSize(1); // no join or create notices in a dm
  }

  @Test
  void theSameTwoUsersAlwaysTalkInTheSameRoomFromEitherSide() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    whisper(ann, bob, "one");
    JsonNode reply = whisper(bob, ann, "two");
    JsonNode byRoom = ann.say(dm(ann, bob), "three");

    assertThat(reply.path("room").asString()).isEqualTo(dm(ann, bob));
    assertThat(reply.path("seq").asLong()).isEqualTo(2);
    assertThat(byRoom.path("seq").asLong()).isEqualTo(3);
    assertThat(ann.frames("room", f -> dm(ann, bob).equals(f.path("name").asString()))).hasSize(1);
  }

  @Test
  void aConversationIsInBothUsersWelcomeAndInNobodysDirectory() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    whisper(ann, bob, "hi");
    String dm = dm(ann, bob);

    TestClient again = server.client();
    again.resume(bob.token());
    JsonNode entry = again.welcomeRoom(dm);
    assertThat(entry).isNotNull();
    assertThat(entry.path("lastSeq").asLong()).isEqualTo(1);
    assertThat(entry.path("users").findValuesAsString("id"))
        .containsExactlyInAnyOrder(ann.id(), bob.id());
    assertThat(again.welcome().path("directory").findValuesAsString("name")).doesNotContain(dm);
    TestClient carol = server.user("carol");
    assertThat(carol.welcome().toString()).doesNotContain(dm);
  }

  @Test
  void firstMessagesFromBothSidesAtOnceOpenOneRoomAndBothArrive() throws Exception {
    for (int round = 0; round < 10; round++) {
      TestClient ann = server.user("ann");
      TestClient bob = server.user("bob");
      CompletableFuture<JsonNode> a =
          CompletableFuture.supplyAsync(() -> whisper(ann, bob, "from ann"));
      CompletableFuture<JsonNode> b =
          CompletableFuture.supplyAsync(() -> whisper(bob, ann, "from bob"));
      List<Long> seqs = List.of(a.get().path("seq").asLong(), b.get().path("seq").asLong());
      assertThat(seqs).containsExactlyInAnyOrder(1L, 2L);
      String dm = dm(ann, bob);
      for (TestClient c : List.of(ann, bob)) {
        assertThat(
                c.awaitCount(
                    "message", m -> dm.equals(m.path("room").asString()), 2, TestClient.TIMEOUT))
            .hasSize(2);
        assertThat(c.frames("room", f -> dm.equals(f.path("name").asString()))).hasSize(1);
      }
    }
  }

  @Test
  void aNoteToOneselfIsAConversationOfOne() {
    TestClient ann = server.user("ann");
    JsonNode note = whisper(ann, ann, "remember the milk");
    assertThat(note.path("room").asString()).isEqualTo("dm:" + ann.id() + ":" + ann.id());
    assertThat(
            ann.frames("room", f -> f.path("name").asString().startsWith("dm:"))
                .get(0)
                .path("members")
                .asInt())
        .isEqualTo(1);
  }

  @Test
  void anUnknownPersonIsNotFoundAndRoomWithToIsABadRequest() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    assertThat(
            code(
                ann.error(
                    obj("type", "send", "to", "u-nobody", "id", TestClient.newId(), "text", "hi"))))
        .isEqualTo("not_found");
    assertThat(
            code(
                ann.error(
                    obj(
                        "type",
                        "send",
                        "to",
                        bob.id(),
                        "room",
                        "general",
                        "id",
                        TestClient.newId(),
                        "text",
                        "hi"))))
        .isEqualTo("bad_request");
    assertThat(code(ann.error(obj("type", "send", "id", TestClient.newId(), "text", "hi"))))
        .isEqualTo("bad_request");
  }

  /** Every frame that names a room, as an outsider would send it to someone else's conversation. */
  static Stream<String> doors() {
    return Stream.of(
        "send", "history", "changes", "typing", "read", "edit", "delete", "react", "leave", "join");
  }

  @ParameterizedTest
  @MethodSource("doors")
  void anOutsiderMeetsAClosedDoorThatLooksLikeNoRoomAtAll(String door) {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient carol = server.user("carol");
    long seq = whisper(ann, bob, "between us").path("seq").asLong();
    String existing = dm(ann, bob);
    String missing = dm(ann, carol) + "x";

    List<String> answers = new ArrayList<>();
    for (String room : List.of(existing, missing)) {
      ObjectNode frame = frame(door, room, seq);
      JsonNode reply = carol.call(frame);
      if ("typing".equals(door)) {
        assertThat(type(reply)).isEqualTo("error");
      }
      answers.add(
          type(reply)
              + ":"
              + code(reply)
              + ":"
              + reply.path("message").asString().replace(room, "ROOM"));
    }
    String expected = "join".equals(door) ? "error:forbidden" : "error:not_found";
    assertThat(answers.get(0)).startsWith(expected);
    assertThat(answers.get(0))
        .as("an existing conversation answers like a missing one")
        .isEqualTo(answers.get(1));

    ann.roundTrip(existing);
    bob.roundTrip(existing);
    assertThat(ann.history(existing).path("events").findValuesAsString("text"))
        .containsExactly("between us", "(barrier)", "(barrier)");
    assertThat(ann.frames("typing")).isEmpty();
    assertThat(ann.frames("reaction")).isEmpty();
  }

  static ObjectNode frame(String door, String room, long seq) {
    return switch (door) {
      case "send" ->
          obj("type", "send", "room", room, "id", TestClient.newId(), "text", "let me in");
      case "history" -> obj("type", "history", "room", room);
      case "changes" -> obj("type", "changes", "room", room, "since", 0);
      case "typing" -> obj("type", "typing", "room", room, "ref", "t" + TestClient.newId());
      case "read" -> obj("type", "read", "room", room, "seq", seq);
      case "edit" -> obj("type", "edit", "room", room, "seq", seq, "text", "mine now");
      case "delete" -> obj("type", "delete", "room", room, "seq", seq);
      case "react" -> obj("type", "react", "room", room, "seq", seq, "emoji", "👀", "on", true);
      case "leave" -> obj("type", "leave", "room", room);
      case "join" -> obj("type", "join", "room", room);
      default -> throw new IllegalArgumentException(door);
    };
  }

  @Test
  void aMemberCannotLeaveButCanUseEveryOtherDoor() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String dm = dm(ann, bob);
    long seq = whisper(ann, bob, "x").path("seq").asLong();
    assertThat(code(bob.error(obj("type", "leave", "room", dm)))).isEqualTo("bad_request");
    assertThat(code(bob.error(obj("type", "join", "room", dm)))).isEqualTo("forbidden");
    bob.ok(obj("type", "react", "room", dm, "seq", seq, "emoji", "👍", "on", true));
    bob.send(obj("type", "typing", "room", dm));
    ann.await("typing", t -> dm.equals(t.path("room").asString()));
    bob.send(obj("type", "read", "room", dm, "seq", seq));
    assertThat(bob.await("read", r -> dm.equals(r.path("room").asString())).path("seq").asLong())
        .isEqualTo(seq);
  }

  private static int indexOf(List<JsonNode> frames, java.util.function.Predicate<JsonNode> p) {
    for (int i = 0; i < frames.size(); i++) if (p.test(frames.get(i))) return i;
    return -1;
  }

  private static String type(JsonNode f) {
    return f.path("type").asString();
  }

  private static String code(JsonNode f) {
    return f.path("code").asString();
  }
}
