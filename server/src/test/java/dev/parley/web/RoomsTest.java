package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static dev.parley.testing.ParleyServerExtension.room;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.Json;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Creating, joining and leaving rooms, as the members and everyone else see it. */
class RoomsTest {

  @RegisterExtension
  static final ParleyServerExtension server = ParleyServerExtension.with(c -> c.withRate(50, 100));

  private static Predicate<JsonNode> notice(String room, String event, TestClient about) {
    return n ->
        room.equals(n.path("room").asString())
            && event.equals(n.path("event").asString())
            && about.id().equals(n.path("user").path("id").asString());
  }

  @Test
  void createRepliesWithTheRoomAndLogsACreateNotice() {
    TestClient ann = server.user("ann");
    String room = room("plans");

    JsonNode ok = ann.ok(obj("type", "create", "room", room, "topic", "Weekend plans"));

    JsonNode r = ok.path("room");
    assertThat(r.path("name").asString()).isEqualTo(room);
    assertThat(r.path("topic").asString()).isEqualTo("Weekend plans");
    assertThat(r.path("members").asLong()).isEqualTo(1);
    assertThat(r.path("lastSeq").isNumber()).as("lastSeq in %s", r).isTrue();
    assertThat(r.path("readSeq").isNumber()).as("readSeq in %s", r).isTrue();

    JsonNode created = ann.await("notice", notice(room, "create", ann));
    assertThat(created.path("seq").asLong()).isEqualTo(1);
    assertThat(created.path("user").path("nick").asString()).isEqualTo(ann.nick());
    assertThat(created.path("ts").asLong()).isPositive();
  }

  @Test
  void everyoneConnectedHearsOfANewRoom() {
    TestClient ann = server.user("ann");
    TestClient bystander = server.user("bystander");
    String room = room("news");

    ann.ok(obj("type", "create", "room", room, "topic", "Headlines"));

    JsonNode announced = bystander.await("room", f -> room.equals(f.path("name").asString()));
    assertThat(announced.path("topic").asString()).isEqualTo("Headlines");
    assertThat(announced.path("members").asLong()).isEqualTo(1);
  }

  @Test
  void aNewRoomIsInTheDirectoryOfLaterWelcomesAndInTheCreatorsRooms() {
    TestClient ann = server.user("ann");
    String room = room("dir");
    ann.create(room);

    TestClient later = server.user("later");
    JsonNode listed = Json.require(later.welcome().path("directory"), "name", room);
    assertThat(listed.path("members").asLong()).isEqualTo(1);
    assertThat(Json.find(later.welcome().path("rooms"), "name", room))
        .as("not a member yet")
        .isNull();

    TestClient annAgain = server.tabOf(ann);
    JsonNode mine = Json.require(annAgain.welcome().path("rooms"), "name", room);
    assertThat(mine.path("lastSeq").asLong()).isGreaterThanOrEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Upper",
        "has space",
        "-dash-first",
        "_under-first",
        "dot.ted",
        "abcdefghijklmnopqrstuvwxyz0123456",
        "dm:abc",
        "ünï"
      })
  void anInvalidRoomNameIsRefused(String name) {
    TestClient ann = server.user("ann");
    JsonNode error = ann.error(obj("type", "create", "room", name));

    assertThat(error.path("code").asString()).isEqualTo("invalid_room");
    assertThat(ann.ping().path("type").asString()).isEqualTo("pong");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a", "0day", "with-dash_and_underscore", "abcdefghijklmnopqrstuvwxyz012345"})
  void validRoomNamesAreAccepted(String name) {
    TestClient ann = server.user("ann");
    assertThat(ann.create(name).path("room").path("name").asString()).isEqualTo(name);
  }

  @Test
  void anExistingRoomCannotBeCreatedAgain() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room("taken");
    ann.create(room);

    assertThat(bob.error(obj("type", "create", "room", room)).path("code").asString())
        .isEqualTo("room_exists");
    assertThat(bob.error(obj("type", "create", "room", "general")).path("code").asString())
        .isEqualTo("room_exists");
  }

  @Test
  void joiningRepliesWithTheRoomAndAnnouncesTheJoinerToEveryMember() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room("club");
    ann.create(room);
    ann.say(room, "first");

    JsonNode ok = bob.join(room);

    JsonNode r = ok.path("room");
    assertThat(r.path("name").asString()).isEqualTo(room);
    assertThat(r.path("members").asLong()).isEqualTo(2);
    assertThat(r.path("lastSeq").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(r.path("readSeq").isNumber()).isTrue();

    JsonNode seenByAnn = ann.await("notice", notice(room, "join", bob));
    JsonNode seenByBob = bob.await("notice", notice(room, "join", bob));
    assertThat(seenByBob.path("seq").asLong())
        .isEqualTo(seenByAnn.path("seq").asLong())
        .isEqualTo(3);
    assertThat(seenByBob.path("user").path("nick").asString()).isEqualTo(bob.nick());
  }

  /**
   * A room's new member count is its members' news; everyone else sees it when they next load the
   * directory. Sent to everyone online, the counts of the rooms people joined cost every arrival
   * bytes for each person online (run 21's capacity ramp).
   */
  @Test
  void aNewMemberCountGoesToTheMembersNotToEveryone() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient bystander = server.user("bystander");
    String room = room("counted");
    ann.create(room);
    bystander.await("room", f -> room.equals(f.path("name").asString())); // made: everyone's

    bob.join(room);

    ann.await(
        "room", f -> room.equals(f.path("name").asString()) && f.path("members").asLong() == 2);
    assertThatThrownBy(
            () ->
                bystander.await(
                    "room",
                    f -> room.equals(f.path("name").asString()) && f.path("members").asLong() == 2,
                    Duration.ofMillis(2_500)))
        .as("a non-member is not sent the room's new member count")
        .isInstanceOf(AssertionError.class);
    JsonNode listed = bystander.call(obj("type", "directory", "q", room)).path("rooms").get(0);
    assertThat(listed.path("members").asLong()).isEqualTo(2);
  }

  @Test
  void joiningARoomOneIsInIsAQuietOk() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room("again");
    ann.create(room);
    bob.join(room);
    ann.await("notice", notice(room, "join", bob));

    JsonNode ok = bob.join(room);
    assertThat(ok.path("type").asString()).isEqualTo("ok");
    ann.roundTrip(room);

    assertThat(ann.frames("notice", notice(room, "join", bob))).hasSize(1);
    assertThat(ann.history(room).path("events"))
        .filteredOn(e -> "join".equals(e.path("event").asString()))
        .hasSize(1);
  }

  @Test
  void aJoinerCanReadTheRoomsHistoryAndSendToIt() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room("open");
    ann.create(room);
    ann.say(room, "before bob");
    bob.join(room);

    JsonNode history = bob.history(room);
    assertThat(history.path("events"))
        .anyMatch(e -> "before bob".equals(e.path("text").asString()));
    JsonNode msg = bob.say(room, "hi all");
    ann.awaitMessage(room, msg.path("id").asString());
  }

  @Test
  void joiningAnUnknownRoomIsNotFound() {
    TestClient ann = server.user("ann");
    assertThat(ann.error(obj("type", "join", "room", room("nowhere"))).path("code").asString())
        .isEqualTo("not_found");
  }

  @Test
  void joiningADirectRoomIsForbidden() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String dm =
        "dm:"
            + (ann.id().compareTo(bob.id()) < 0
                ? ann.id() + ":" + bob.id()
                : bob.id() + ":" + ann.id());
    assertThat(ann.error(obj("type", "join", "room", dm)).path("code").asString())
        .isEqualTo("forbidden");
    assertThat(ann.error(obj("type", "join", "room", "dm:a:b")).path("code").asString())
        .isEqualTo("forbidden");
  }

  @Test
  void leavingRepliesOkAndTellsTheRemainingMembersButNotTheLeaver() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room("exit");
    ann.create(room);
    bob.join(room);
    ann.await("notice", notice(room, "join", bob));

    String ref = bob.request(obj("type", "leave", "room", room));
    JsonNode ok = bob.awaitRef(ref);
    assertThat(ok.path("type").asString()).isEqualTo("ok");
    assertThat(ok.path("ref").asString()).isEqualTo(ref);

    JsonNode left = ann.await("notice", notice(room, "leave", bob));
    assertThat(left.path("user").path("nick").asString()).isEqualTo(bob.nick());

    bob.roundTrip("general");
    assertThat(bob.frames("notice", notice(room, "leave", bob)))
        .as("the leaver is no longer a member")
        .isEmpty();

    String afterLeave = ann.say(room, "bob is gone").path("id").asString();
    bob.roundTrip("general");
    assertThat(bob.frames("message", m -> afterLeave.equals(m.path("id").asString()))).isEmpty();
  }

  @Test
  void aLeaverIsNoLongerAMember() {
    TestClient ann = server.user("ann");
    String room = room("gone");
    ann.create(room);
    ann.leave(room);

    JsonNode sendError =
        ann.error(obj("type", "send", "room", room, "id", TestClient.newId(), "text", "hello?"));
    assertThat(sendError.path("code").asString()).isEqualTo("not_member");
    assertThat(ann.error(obj("type", "history", "room", room)).path("code").asString())
        .isEqualTo("not_member");

    TestClient tab = server.tabOf(ann);
    assertThat(Json.find(tab.welcome().path("rooms"), "name", room)).isNull();
  }

  @Test
  void leavingARoomOneIsNotInIsNotMember() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room("notin");
    ann.create(room);

    assertThat(bob.error(obj("type", "leave", "room", room)).path("code").asString())
        .isEqualTo("not_member");
  }

  @Test
  void leavingAnUnknownRoomIsNotFound() {
    TestClient ann = server.user("ann");
    assertThat(ann.error(obj("type", "leave", "room", room("nowhere"))).path("code").asString())
        .isEqualTo("not_found");
  }

  @Test
  void generalCanBeLeftAndStaysLeftOnReconnect() {
    TestClient ann = server.user("ann");
    ann.leave("general");

    TestClient again = server.tabOf(ann);
    assertThat(Json.find(again.welcome().path("rooms"), "name", "general"))
        .as("a resumed user is not put back into general")
        .isNull();
    again.join("general");
  }

  @Test
  void aLeaverCanJoinAgain() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room("back");
    ann.create(room);
    bob.join(room);
    bob.leave(room);
    ann.await("notice", notice(room, "leave", bob));

    bob.join(room);
    ann.awaitCount("notice", notice(room, "join", bob), 2, TestClient.TIMEOUT);
    JsonNode msg = ann.say(room, "welcome back");
    bob.awaitMessage(room, msg.path("id").asString());
  }
}
