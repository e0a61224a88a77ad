package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.domain.ChatException;
import dev.parley.domain.Protection;
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

/**
 * Group conversations: {@code send} with {@code to} a list of user ids opens a direct conversation
 * of up to eight people, the same one for the same people whoever starts it, with members fixed at
 * creation, and to everybody else it does not exist at any door.
 */
class GroupConversationTest {

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withRate(100, 200).withAdmins(List.of("GroupWarden")));

  /** The conversation's name: {@code dm:} and every member's id, sorted. */
  static String group(TestClient... people) {
    return "dm:" + String.join(":", Stream.of(people).map(TestClient::id).sorted().toList());
  }

  /** {@code from} says {@code text} to the others of {@code people}; returns its message. */
  static JsonNode tell(TestClient from, List<TestClient> people, String text) {
    String id = TestClient.newId();
    List<String> to = people.stream().filter(p -> p != from).map(TestClient::id).toList();
    from.send(obj("type", "send", "to", to, "id", id, "text", text));
    return from.awaitMessage(group(people.toArray(TestClient[]::new)), id);
  }

  @Test
  void everyMemberGetsTheRoomWithEveryoneBeforeTheFirstMessageAndNobodyElseSeesIt() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient cat = server.user("cat");
    TestClient dan = server.user("dan");
    List<TestClient> three = List.of(ann, bob, cat);
    String name = group(ann, bob, cat);

    JsonNode sent = tell(ann, three, "plans for friday?");

    assertThat(sent.path("room").asString()).isEqualTo(name);
    assertThat(sent.path("seq").asLong()).isEqualTo(1);
    for (TestClient c : three) {
      c.awaitMessage(name, sent.path("id").asString());
      List<JsonNode> frames = c.frames();
      int room = indexOf(frames, "room", "name", name);
      int message = indexOf(frames, "message", "room", name);
      assertThat(room).as(c + " got the room frame first").isNotNegative().isLessThan(message);
      JsonNode roomFrame = frames.get(room);
      assertThat(roomFrame.path("members").asInt()).isEqualTo(3);
      assertThat(roomFrame.path("users").findValuesAsString("id"))
          .containsExactly(name.substring(3).split(":"));
      assertThat(roomFrame.path("users").findValuesAsString("nick"))
          .containsExactlyInAnyOrder(ann.nick(), bob.nick(), cat.nick());
    }
    JsonNode reply = bob.say(name, "pizza");
    cat.awaitMessage(name, reply.path("id").asString());
    ann.awaitMessage(name, reply.path("id").asString());
    dan.roundTrip("general");
    assertThat(dan.frames()).noneMatch(f -> f.toString().contains(name));
    assertThat(dan.welcome().toString()).doesNotContain(name);
    assertThat(ann.history(name).path("events").findValuesAsString("text"))
        .containsExactly("plans for friday?", "pizza");
  }

  @Test
  void theSamePeopleAlwaysMeetInTheSameConversationAndAddingSomeoneStartsANewOne() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient cat = server.user("cat");
    TestClient dan = server.user("dan");
    String name = group(ann, bob, cat);
    tell(ann, List.of(ann, bob, cat), "one");

    String id = TestClient.newId();
    cat.send(
        obj(
            "type",
            "send",
            "to",
            List.of(bob.id(), cat.id(), ann.id(), bob.id()),
            "id",
            id,
            "text",
            "two"));
    JsonNode again = cat.awaitMessage(name, id);
    assertThat(again.path("seq").asLong()).as("the same room, whoever starts it").isEqualTo(2);
    assertThat(ann.frames("room", f -> name.equals(f.path("name").asString()))).hasSize(1);

    JsonNode bigger = tell(ann, List.of(ann, bob, cat, dan), "dan joins us");
    String four = group(ann, bob, cat, dan);
    assertThat(bigger.path("room").asString()).isEqualTo(four).isNotEqualTo(name);
    assertThat(bigger.path("seq").asLong()).as("a new conversation").isEqualTo(1);
    assertThat(dan.error(obj("type", "history", "room", name)).path("code").asString())
        .as("the members of the first are fixed")
        .isEqualTo("not_found");
    assertThat(code(dan.error(obj("type", "join", "room", name)))).isEqualTo("forbidden");
    assertThat(code(ann.error(obj("type", "leave", "room", name)))).isEqualTo("bad_request");
    assertThat(ann.history(four).path("events")).hasSize(1);
  }

  @Test
  void aListOfOneIsTheTwoPersonConversationAndOfOneselfTheNoteToOneself() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    JsonNode two = tell(ann, List.of(ann, bob), "just us");
    assertThat(two.path("room").asString()).isEqualTo(DirectMessageTest.dm(ann, bob));
    assertThat(DirectMessageTest.whisper(bob, ann, "yes").path("seq").asLong()).isEqualTo(2);

    String id = TestClient.newId();
    ann.send(obj("type", "send", "to", List.of(ann.id()), "id", id, "text", "milk"));
    assertThat(ann.awaitMessage("dm:" + ann.id() + ":" + ann.id(), id).path("seq").asLong())
        .isEqualTo(1);
  }

  @Test
  void eightPeopleAtMostKnownAndNeverBothARoomAndPeople() {
    TestClient ann = server.user("ann");
    List<TestClient> eight = new ArrayList<>(List.of(ann));
    for (int i = 0; i < 7; i++) eight.add(server.user("p" + i));
    JsonNode ok = tell(ann, eight, "all eight");
    assertThat(ok.path("seq").asLong()).isEqualTo(1);
    eight.get(7).awaitMessage(ok.path("room").asString(), ok.path("id").asString());

    List<String> nine = new ArrayList<>(eight.stream().skip(1).map(TestClient::id).toList());
    nine.add(server.user("p8").id());
    assertThat(code(ann.error(send("to", nine)))).as("nine people").isEqualTo("bad_request");
    List<String> ten = new ArrayList<>(nine);
    ten.add(server.user("p9").id());
    assertThat(code(ann.error(send("to", ten)))).as("ten ids").isEqualTo("bad_request");
    assertThat(code(ann.error(send("to", List.of())))).isEqualTo("bad_request");
    assertThat(code(ann.error(send("to", List.of(1, 2))))).isEqualTo("bad_request");
    TestClient bob = server.user("bob");
    assertThat(code(ann.error(send("to", List.of(bob.id(), "u-nobody"))))).isEqualTo("not_found");
    assertThat(code(ann.error(send("to", List.of(bob.id()), "room", "general"))))
        .isEqualTo("bad_request");
    assertThat(bob.roundTrip("general")).isPositive();
    assertThat(bob.frames("room", f -> f.path("name").asString().startsWith("dm:")))
        .as("nothing was opened")
        .isEmpty();
  }

  @Test
  void someoneBannedFromTheServerCannotBeAddedToANewGroup() {
    TestClient warden = server.client();
    warden.hello("GroupWarden");
    Protection.protect(server.server().chat(), warden.id());
    TestClient boss = server.tabOf(warden);
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient eve = server.user("eve");
    boss.ok(obj("type", "ban", "user", eve.id(), "reason", "spam"));
    assertThat(eve.closeCode()).isEqualTo(4003);

    JsonNode refused = ann.error(send("to", List.of(bob.id(), eve.id())));
    assertThat(code(refused)).isEqualTo("forbidden");
    assertThat(
            ann.error(obj("type", "history", "room", group(ann, bob, eve))).path("code").asString())
        .isEqualTo("not_found");
  }

  @Test
  void firstMessagesFromEveryMemberAtOnceOpenOneConversation() throws Exception {
    for (int round = 0; round < 8; round++) {
      List<TestClient> three = List.of(server.user("ann"), server.user("bob"), server.user("cat"));
      String name = group(three.toArray(TestClient[]::new));
      List<CompletableFuture<JsonNode>> sends = new ArrayList<>();
      for (TestClient c : three)
        sends.add(CompletableFuture.supplyAsync(() -> tell(c, three, "from " + c.nick())));
      List<Long> seqs = new ArrayList<>();
      for (CompletableFuture<JsonNode> s : sends) seqs.add(s.get().path("seq").asLong());
      assertThat(seqs).containsExactlyInAnyOrder(1L, 2L, 3L);
      for (TestClient c : three) {
        assertThat(
                c.awaitCount(
                    "message", m -> name.equals(m.path("room").asString()), 3, TestClient.TIMEOUT))
            .hasSize(3);
        assertThat(c.frames("room", f -> name.equals(f.path("name").asString()))).hasSize(1);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dev.parley.web.DirectMessageTest#doors")
  void anOutsiderMeetsAClosedDoorThatLooksLikeNoRoomAtAll(String door) {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient cat = server.user("cat");
    TestClient dan = server.user("dan");
    long seq = tell(ann, List.of(ann, bob, cat), "between us").path("seq").asLong();
    String existing = group(ann, bob, cat);
    String missing = group(ann, bob, dan);

    List<String> answers = new ArrayList<>();
    for (String room : List.of(existing, missing)) {
      JsonNode reply = dan.call(DirectMessageTest.frame(door, room, seq));
      answers.add(
          reply.path("type").asString()
              + ":"
              + code(reply)
              + ":"
              + reply.path("message").asString().replace(room, "ROOM"));
    }
    String expected = "join".equals(door) ? "error:forbidden" : "error:not_found";
    assertThat(answers.get(0)).startsWith(expected);
    assertThat(answers.get(0))
        .as("an existing group answers like a missing one")
        .isEqualTo(answers.get(1));
    assertThat(ann.history(existing).path("events").findValuesAsString("text"))
        .containsExactly("between us");
    assertThat(ann.frames("typing")).isEmpty();
    assertThat(ann.frames("reaction")).isEmpty();
  }

  @Test
  void membersSearchAndExportKnowNothingOfAnotherGroup() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient cat = server.user("cat");
    TestClient dan = server.user("dan");
    tell(ann, List.of(ann, bob, cat), "secret word");
    String existing = group(ann, bob, cat);
    String missing = group(ann, bob, dan);

    List<String> members = new ArrayList<>();
    for (String room : List.of(existing, missing)) {
      JsonNode reply = dan.call(obj("type", "members", "room", room));
      members.add(code(reply) + ":" + reply.path("message").asString().replace(room, "ROOM"));
    }
    assertThat(members.get(0)).startsWith("not_found").isEqualTo(members.get(1));
    JsonNode inside = bob.call(obj("type", "members", "room", existing)).path("members");
    assertThat(inside.findValuesAsString("id"))
        .containsExactlyInAnyOrder(ann.id(), bob.id(), cat.id());

    var chat = server.server().chat();
    assertThat(chat.httpDoors().searchable(dan.id(), existing)).isEmpty();
    assertThat(chat.httpDoors().searchable(dan.id(), null)).doesNotContain(existing);
    assertThat(chat.httpDoors().searchable(cat.id(), null)).contains(existing);
    List<String> export = new ArrayList<>();
    for (String room : List.of(existing, missing)) {
      assertThatThrownBy(() -> chat.httpDoors().exportable(dan.id(), room))
          .isInstanceOfSatisfying(
              ChatException.class,
              e -> export.add(e.code() + ":" + e.getMessage().replace(room, "ROOM")));
    }
    assertThat(export.get(0)).isEqualTo(export.get(1));
    assertThat(chat.httpDoors().exportable(cat.id(), existing).name()).isEqualTo(existing);
  }

  private static tools.jackson.databind.node.ObjectNode send(Object... fields) {
    var frame = obj("type", "send", "id", TestClient.newId(), "text", "hi");
    for (int i = 0; i < fields.length; i += 2)
      frame.set((String) fields[i], dev.parley.testing.Json.toNode(fields[i + 1]));
    return frame;
  }

  private static int indexOf(List<JsonNode> frames, String type, String field, String value) {
    for (int i = 0; i < frames.size(); i++) {
      JsonNode f = frames.get(i);
      if (type.equals(f.path("type").asString()) && value.equals(f.path(field).asString()))
        return i;
    }
    return -1;
  }

  private static String code(JsonNode f) {
    return f.path("code").asString();
  }
}
