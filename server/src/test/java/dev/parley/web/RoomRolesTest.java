package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Protection;
import dev.parley.testing.Json;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Room roles and settings: the creator owns the room, the owner names moderators, every room view
 * says the user's own role and the room's flags, nobody acts on an equal or higher role, and a
 * read-only room takes posts from moderators only (others still react and read).
 */
class RoomRolesTest {

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withAdmins(List.of("Chief")));

  private static String code(JsonNode error) {
    assertThat(error.path("type").asString()).isEqualTo("error");
    return error.path("code").asString();
  }

  /** A room of Ann's, with Bob in it; returns its name. */
  private static String roomOf(TestClient ann, TestClient... others) {
    String room = ParleyServerExtension.room("ops");
    ann.create(room);
    for (TestClient o : others) o.join(room);
    return room;
  }

  @Test
  void theCreatorIsTheOwnerAndEveryViewSaysTheUsersOwnRoleAndTheRoomsFlags() {
    TestClient ann = server.user("Ann");
    TestClient bob = server.user("Bob");
    String room = ParleyServerExtension.room("ops");
    JsonNode created = ann.create(room).path("room");
    assertThat(created.path("role").asString()).isEqualTo("owner");
    assertThat(created.path("readOnly").isBoolean()).isTrue();
    assertThat(created.path("readOnly").asBoolean()).isFalse();
    assertThat(created.path("private").asBoolean(true)).isFalse();
    assertThat(bob.join(room).path("room").path("role").asString()).isEqualTo("member");

    TestClient annAgain = server.tabOf(ann);
    assertThat(annAgain.welcomeRoom(room).path("role").asString()).isEqualTo("owner");
    assertThat(server.tabOf(bob).welcomeRoom(room).path("role").asString()).isEqualTo("member");
    assertThat(annAgain.welcomeRoom("general").path("role").asString())
        .as("general has no creator: everyone is a member")
        .isEqualTo("member");
  }

  @Test
  void theOwnerNamesAModeratorWhoIsToldAndTheRoomSeesANotice() {
    TestClient ann = server.user("Ann");
    TestClient bob = server.user("Bob");
    TestClient cleo = server.user("Cleo");
    String room = roomOf(ann, bob, cleo);

    ann.ok(obj("type", "role", "room", room, "user", bob.id(), "role", "moderator"));
    JsonNode told = bob.await("room", r -> room.equals(r.path("name").asString()) && r.has("role"));
    assertThat(told.path("role").asString()).isEqualTo("moderator");
    JsonNode notice = cleo.await("notice", n -> "role".equals(n.path("event").asString()));
    assertThat(notice.path("user").path("id").asString()).isEqualTo(bob.id());
    assertThat(notice.path("by").path("id").asString()).isEqualTo(ann.id());
    assertThat(notice.path("role").asString()).isEqualTo("moderator");
    assertThat(server.tabOf(bob).welcomeRoom(room).path("role").asString()).isEqualTo("moderator");
    JsonNode members = cleo.call(obj("type", "members", "room", room)).path("members");
    assertThat(Json.require(members, "id", ann.id()).path("roomRole").asString())
        .isEqualTo("owner");
    assertThat(Json.require(members, "id", bob.id()).path("roomRole").asString())
        .isEqualTo("moderator");
    assertThat(Json.require(members, "id", cleo.id()).path("roomRole").asString())
        .isEqualTo("member");

    ann.ok(obj("type", "role", "room", room, "user", bob.id(), "role", "member"));
    assertThat(server.tabOf(bob).welcomeRoom(room).path("role").asString()).isEqualTo("member");
  }

  @Test
  void aFrameTheSendersRoleDoesNotAllowIsForbiddenAndChangesNothing() {
    TestClient ann = server.user("Ann");
    TestClient bob = server.user("Bob");
    TestClient cleo = server.user("Cleo");
    TestClient dan = server.user("Dan");
    String room = roomOf(ann, bob, cleo, dan);
    ann.ok(obj("type", "role", "room", room, "user", bob.id(), "role", "moderator"));
    ann.ok(obj("type", "role", "room", room, "user", dan.id(), "role", "moderator"));

    assertThat(
            code(cleo.error(obj("type", "role", "room", room, "user", dan.id(), "role", "member"))))
        .as("a member names nobody")
        .isEqualTo("forbidden");
    assertThat(
            code(
                bob.error(
                    obj("type", "role", "room", room, "user", cleo.id(), "role", "moderator"))))
        .as("only the owner names moderators")
        .isEqualTo("forbidden");
    assertThat(code(bob.error(obj("type", "kick", "room", room, "user", ann.id()))))
        .as("a moderator cannot kick the owner")
        .isEqualTo("forbidden");
    assertThat(code(bob.error(obj("type", "kick", "room", room, "user", dan.id()))))
        .as("nor another moderator")
        .isEqualTo("forbidden");
    assertThat(code(cleo.error(obj("type", "kick", "room", room, "user", dan.id()))))
        .isEqualTo("forbidden");
    assertThat(code(cleo.error(obj("type", "settings", "room", room, "readOnly", true))))
        .isEqualTo("forbidden");
    assertThat(code(bob.error(obj("type", "settings", "room", room, "readOnly", true))))
        .as("settings are the owner's")
        .isEqualTo("forbidden");
    assertThat(
            code(ann.error(obj("type", "role", "room", room, "user", bob.id(), "role", "owner"))))
        .isEqualTo("bad_request");
    assertThat(
            code(ann.error(obj("type", "role", "room", room, "user", ann.id(), "role", "member"))))
        .isEqualTo("bad_request");
    assertThat(
            code(
                ann.error(
                    obj(
                        "type",
                        "role",
                        "room",
                        "no-such-room-x",
                        "user",
                        bob.id(),
                        "role",
                        "member"))))
        .isEqualTo("not_found");

    assertThat(server.tabOf(dan).welcomeRoom(room).path("role").asString()).isEqualTo("moderator");
    assertThat(server.tabOf(cleo).welcomeRoom(room)).as("Cleo is still in").isNotNull();
    assertThat(server.tabOf(ann).welcomeRoom(room).path("readOnly").asBoolean()).isFalse();
  }

  @Test
  void anAdministratorMayDoWhatTheOwnerMayInEveryRoom() {
    TestClient chief = server.client();
    chief.hello("Chief");
    Protection.protect(server.server().chat(), chief.id());
    TestClient admin = server.tabOf(chief);
    TestClient ann = server.user("Ann");
    TestClient bob = server.user("Bob");
    String room = roomOf(ann, bob);

    admin.ok(obj("type", "role", "room", room, "user", bob.id(), "role", "moderator"));
    admin.ok(obj("type", "settings", "room", room, "topic", "Run by the chief"));
    admin.ok(obj("type", "kick", "room", room, "user", ann.id(), "reason", "even owners"));
    assertThat(ann.await("moderated").path("action").asString()).isEqualTo("kick");

    JsonNode everyRoom = admin.call(obj("type", "audit", "limit", 200));
    assertThat(everyRoom.path("type").asString()).isEqualTo("audit");
    java.util.List<String> here = new java.util.ArrayList<>();
    for (JsonNode e : everyRoom.path("entries"))
      if (room.equals(e.path("room").asString())) here.add(e.path("action").asString());
    assertThat(here)
        .as("an admin sees every room's history")
        .containsExactly("kick", "settings", "role");
  }

  /**
   * A topic change is the members' news: telling everyone online made each change cost a frame per
   * person, which a room owner could repeat at will. Others see it when they look at the directory;
   * a room made public is still announced to everyone, since it joins their directory.
   */
  @Test
  void aNewTopicReachesTheMembersAndOthersWhenTheyLookAtTheDirectory() {
    TestClient ann = server.user("Ann");
    TestClient bob = server.user("Bob");
    TestClient cleo = server.user("Cleo");
    String room = roomOf(ann, bob);
    String own = ParleyServerExtension.room("cleos");
    cleo.create(own);

    ann.ok(obj("type", "settings", "room", room, "topic", "Quarterly plans"));
    bob.await(
        "room",
        r ->
            room.equals(r.path("name").asString())
                && "Quarterly plans".equals(r.path("topic").asString()));
    cleo.roundTrip(own);
    assertThat(cleo.frames("room", r -> room.equals(r.path("name").asString()))).isEmpty();
    JsonNode listed = cleo.call(obj("type", "directory", "q", room, "limit", 5));
    assertThat(listed.path("rooms").findValuesAsString("topic")).containsExactly("Quarterly plans");

    ann.ok(obj("type", "settings", "room", room, "private", true));
    ann.ok(obj("type", "settings", "room", room, "private", false));
    JsonNode announced = cleo.await("room", r -> room.equals(r.path("name").asString()));
    assertThat(announced.path("topic").asString()).isEqualTo("Quarterly plans");
  }

  @Test
  void aReadOnlyRoomTakesPostsFromModeratorsOnlyAndOthersStillReactAndRead() {
    TestClient ann = server.user("Ann");
    TestClient bob = server.user("Bob");
    TestClient cleo = server.user("Cleo");
    String room = roomOf(ann, bob, cleo);
    ann.ok(obj("type", "role", "room", room, "user", bob.id(), "role", "moderator"));
    long seq = cleo.say(room, "before").path("seq").asLong();

    ann.ok(obj("type", "settings", "room", room, "readOnly", true, "topic", "Announcements"));
    JsonNode changed =
        cleo.await(
            "room", r -> room.equals(r.path("name").asString()) && r.path("readOnly").asBoolean());
    assertThat(changed.path("topic").asString()).isEqualTo("Announcements");
    JsonNode notice = cleo.await("notice", n -> "settings".equals(n.path("event").asString()));
    assertThat(notice.path("readOnly").asBoolean()).isTrue();
    assertThat(notice.path("topic").asString()).isEqualTo("Announcements");
    assertThat(notice.path("by").path("id").asString()).isEqualTo(ann.id());

    JsonNode refused =
        cleo.error(obj("type", "send", "room", room, "id", TestClient.newId(), "text", "hi"));
    assertThat(code(refused)).isEqualTo("read_only");
    bob.say(room, "from a moderator");
    ann.say(room, "from the owner");
    cleo.ok(obj("type", "react", "room", room, "seq", seq, "emoji", "👍", "on", true));
    assertThat(cleo.history(room).path("events").size()).isGreaterThan(3);
    assertThat(server.tabOf(cleo).welcomeRoom(room).path("readOnly").asBoolean()).isTrue();

    ann.ok(obj("type", "settings", "room", room, "readOnly", false));
    cleo.say(room, "open again");
  }

  @Test
  void settingsWithOnlyPrivateAnswerOkAndChangeNothingHere() {
    TestClient ann = server.user("Ann");
    TestClient bob = server.user("Bob");
    String room = roomOf(ann, bob);
    bob.roundTrip(room);
    bob.clear();
    ann.ok(obj("type", "settings", "room", room, "private", false));
    bob.roundTrip(room);
    assertThat(bob.frames("notice", n -> "settings".equals(n.path("event").asString()))).isEmpty();
  }
}
