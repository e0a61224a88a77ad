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
 * Moderating a room: kick, mute, ban and unban, a moderator's deletion, and the audit. The person
 * acted on is told by whom and why, the room sees a notice, and bad input (oneself, a higher role,
 * someone not in the room, a room that does not exist, a duration out of bounds) is a clear error
 * that changes nothing.
 */
class RoomModerationTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  private static String code(JsonNode error) {
    assertThat(error.path("type").asString()).isEqualTo("error");
    return error.path("code").asString();
  }

  /** Ann's room with Mo (a moderator) and the others in it. */
  private static String room(TestClient ann, TestClient mo, TestClient... others) {
    String room = ParleyServerExtension.room("ops");
    ann.create(room);
    mo.join(room);
    for (TestClient o : others) o.join(room);
    ann.ok(obj("type", "role", "room", room, "user", mo.id(), "role", "moderator"));
    return room;
  }

  private static int searchHits(TestClient who, String word) throws Exception {
    java.net.http.HttpResponse<String> res =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(server.httpUri("/api/search?q=" + word))
                    .header("Authorization", "Bearer " + who.token())
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return dev.parley.testing.Json.parse(res.body()).path("results").size();
  }

  private static boolean inWelcome(TestClient user, String room) {
    return server.tabOf(user).welcomeRoom(room) != null;
  }

  @Test
  void aKickRemovesTheMemberWhoIsToldByWhomAndWhyAndMayJoinAgain() {
    TestClient ann = server.user("Ann");
    TestClient mo = server.user("Mo");
    TestClient bob = server.user("Bob");
    String room = room(ann, mo, bob);

    mo.ok(obj("type", "kick", "room", room, "user", bob.id(), "reason", "off topic"));
    JsonNode told = bob.await("moderated");
    assertThat(told.path("action").asString()).isEqualTo("kick");
    assertThat(told.path("room").asString()).isEqualTo(room);
    assertThat(told.path("by").path("nick").asString()).isEqualTo(mo.nick());
    assertThat(told.path("reason").asString()).isEqualTo("off topic");
    JsonNode notice = ann.await("notice", n -> "kick".equals(n.path("event").asString()));
    assertThat(notice.path("user").path("id").asString()).isEqualTo(bob.id());
    assertThat(notice.path("by").path("id").asString()).isEqualTo(mo.id());
    assertThat(notice.path("reason").asString()).isEqualTo("off topic");

    String after = ann.say(room, "after the kick").path("id").asString();
    bob.roundTrip("general");
    assertThat(bob.frames("message", m -> after.equals(m.path("id").asString()))).isEmpty();
    assertThat(code(bob.error(obj("type", "send", "room", room, "id", "x1", "text", "hi"))))
        .isEqualTo("not_member");
    assertThat(inWelcome(bob, room)).isFalse();

    bob.join(room);
    assertThat(bob.say(room, "back").path("room").asString()).isEqualTo(room);
  }

  @Test
  void aMutedMembersSendIsRefusedUntilItEndsWhileTheyStillReactAndRead() {
    TestClient ann = server.user("Ann");
    TestClient mo = server.user("Mo");
    TestClient bob = server.user("Bob");
    String room = room(ann, mo, bob);
    long seq = ann.say(room, "react to this").path("seq").asLong();

    long before = System.currentTimeMillis();
    mo.ok(obj("type", "mute", "room", room, "user", bob.id(), "minutes", 10));
    JsonNode told = bob.await("moderated");
    assertThat(told.path("action").asString()).isEqualTo("mute");
    long until = told.path("until").asLong();
    assertThat(until).isBetween(before + 600_000 - 1000, System.currentTimeMillis() + 600_000);
    JsonNode notice = ann.await("notice", n -> "mute".equals(n.path("event").asString()));
    assertThat(notice.path("until").asLong()).isEqualTo(until);

    JsonNode refused =
        bob.error(obj("type", "send", "room", room, "id", TestClient.newId(), "text", "hi"));
    assertThat(code(refused)).isEqualTo("muted");
    assertThat(refused.path("until").asLong()).isEqualTo(until);
    assertThat(refused.has("reason")).isFalse();
    bob.ok(obj("type", "react", "room", room, "seq", seq, "emoji", "👍", "on", true));
    assertThat(bob.history(room).path("events").size()).isPositive();
    bob.say("general", "elsewhere is fine");
  }

  @Test
  void badMutesAndKicksAreClearErrorsThatChangeNothing() {
    TestClient ann = server.user("Ann");
    TestClient mo = server.user("Mo");
    TestClient bob = server.user("Bob");
    TestClient stranger = server.user("Stranger");
    String room = room(ann, mo, bob);
    List<String> codes = new ArrayList<>();
    for (Object minutes : List.of(0, -5, 525_601, 100 * 525_600)) {
      codes.add(
          code(mo.error(obj("type", "mute", "room", room, "user", bob.id(), "minutes", minutes))));
    }
    assertThat(codes).containsOnly("bad_request");
    assertThat(code(mo.error(obj("type", "mute", "room", room, "user", bob.id()))))
        .isEqualTo("bad_request");
    assertThat(code(mo.error(obj("type", "mute", "room", room, "user", mo.id(), "minutes", 10))))
        .as("oneself")
        .isEqualTo("bad_request");
    assertThat(code(mo.error(obj("type", "mute", "room", room, "user", ann.id(), "minutes", 10))))
        .as("a higher role")
        .isEqualTo("forbidden");
    assertThat(
            code(mo.error(obj("type", "mute", "room", room, "user", stranger.id(), "minutes", 10))))
        .as("someone not in the room")
        .isEqualTo("not_member");
    assertThat(code(mo.error(obj("type", "kick", "room", room, "user", stranger.id()))))
        .isEqualTo("not_member");
    assertThat(code(mo.error(obj("type", "kick", "room", room, "user", "u-nobody"))))
        .isEqualTo("not_found");
    assertThat(
            code(
                mo.error(
                    obj(
                        "type",
                        "mute",
                        "room",
                        "no-such-room-q",
                        "user",
                        bob.id(),
                        "minutes",
                        10))))
        .as("a room that does not exist")
        .isEqualTo("not_found");
    assertThat(code(mo.error(obj("type", "ban", "room", room, "user", bob.id(), "minutes", 0))))
        .isEqualTo("bad_request");
    assertThat(
            code(
                bob.error(obj("type", "mute", "room", room, "user", stranger.id(), "minutes", 10))))
        .isEqualTo("forbidden");

    bob.say(room, "still here, still talking");
    assertThat(inWelcome(bob, room)).isTrue();
    assertThat(mo.call(obj("type", "audit", "room", room)).path("entries").size())
        .as("only the role change is in the history")
        .isEqualTo(1);
  }

  @Test
  void aRoomBanRemovesAndRefusesJoinUntilLifted() {
    TestClient ann = server.user("Ann");
    TestClient mo = server.user("Mo");
    TestClient bob = server.user("Bob");
    TestClient cleo = server.user("Cleo");
    String room = room(ann, mo, bob);

    mo.ok(obj("type", "ban", "room", room, "user", bob.id(), "reason", "spam links"));
    JsonNode told = bob.await("moderated");
    assertThat(told.path("action").asString()).isEqualTo("ban");
    assertThat(told.path("reason").asString()).isEqualTo("spam links");
    assertThat(told.has("until")).isFalse();
    ann.await("notice", n -> "ban".equals(n.path("event").asString()));
    JsonNode refused = bob.error(obj("type", "join", "room", room));
    assertThat(code(refused)).isEqualTo("banned");
    assertThat(refused.path("message").asString()).contains("spam links");
    assertThat(refused.path("reason").asString()).isEqualTo("spam links");
    assertThat(inWelcome(bob, room)).isFalse();

    mo.ok(obj("type", "ban", "room", room, "user", cleo.id(), "minutes", 60));
    JsonNode timed = cleo.error(obj("type", "join", "room", room));
    assertThat(code(timed)).isEqualTo("banned");
    assertThat(timed.path("until").asLong()).isGreaterThan(System.currentTimeMillis());
    assertThat(timed.has("reason")).as("no reason given, none sent").isFalse();

    mo.ok(obj("type", "unban", "room", room, "user", bob.id()));
    ann.await("notice", n -> "unban".equals(n.path("event").asString()));
    bob.join(room);
    bob.say(room, "back");
  }

  @Test
  void aModeratorSeesWhoIsBannedAndMutedAndLiftsAMuteEarly() {
    TestClient ann = server.user("Ann");
    TestClient mo = server.user("Mo");
    TestClient bob = server.user("Bob");
    TestClient cleo = server.user("Cleo");
    String room = room(ann, mo, bob);
    mo.ok(obj("type", "mute", "room", room, "user", bob.id(), "minutes", 60, "reason", "caps"));
    mo.ok(obj("type", "ban", "room", room, "user", cleo.id(), "reason", "spam"));

    JsonNode list = mo.call(obj("type", "sanctions", "room", room));
    assertThat(list.path("type").asString()).isEqualTo("sanctions");
    assertThat(list.path("room").asString()).isEqualTo(room);
    JsonNode ban = list.path("bans").get(0);
    assertThat(ban.path("user").path("id").asString()).isEqualTo(cleo.id());
    assertThat(ban.path("by").path("nick").asString()).isEqualTo(mo.nick());
    assertThat(ban.path("reason").asString()).isEqualTo("spam");
    assertThat(ban.has("until")).as("until lifted").isFalse();
    JsonNode mute = list.path("mutes").get(0);
    assertThat(mute.path("user").path("id").asString()).isEqualTo(bob.id());
    assertThat(mute.path("until").asLong()).isGreaterThan(System.currentTimeMillis());
    assertThat(code(bob.error(obj("type", "sanctions", "room", room)))).isEqualTo("forbidden");
    assertThat(code(bob.error(obj("type", "unmute", "room", room, "user", cleo.id()))))
        .isEqualTo("forbidden");

    mo.ok(obj("type", "unmute", "room", room, "user", bob.id()));
    assertThat(
            bob.await("moderated", m -> "unmute".equals(m.path("action").asString()))
                .path("by")
                .path("id")
                .asString())
        .isEqualTo(mo.id());
    ann.await("notice", n -> "unmute".equals(n.path("event").asString()));
    bob.say(room, "quietly now");
    JsonNode after = mo.call(obj("type", "sanctions", "room", room));
    assertThat(after.path("mutes").size()).isZero();
    assertThat(after.path("bans").size()).isOne();
  }

  @Test
  void aModeratorDeletesAnyonesMessageAndTheRoomSeesByWhom() throws Exception {
    TestClient ann = server.user("Ann");
    TestClient mo = server.user("Mo");
    TestClient bob = server.user("Bob");
    TestClient cleo = server.user("Cleo");
    String room = room(ann, mo, bob, cleo);
    long seq = bob.say(room, "something abusive zqxjv").path("seq").asLong();
    long annSeq = ann.say(room, "the owner speaks").path("seq").asLong();

    assertThat(code(cleo.error(obj("type", "delete", "room", room, "seq", seq))))
        .isEqualTo("forbidden");
    assertThat(code(mo.error(obj("type", "delete", "room", room, "seq", annSeq))))
        .as("not the message of a higher role")
        .isEqualTo("forbidden");
    mo.ok(obj("type", "delete", "room", room, "seq", seq));
    JsonNode gone =
        cleo.await("message", m -> m.path("seq").asLong() == seq && m.path("deleted").asBoolean());
    assertThat(gone.has("text")).isFalse();
    assertThat(gone.path("deletedBy").path("id").asString()).isEqualTo(mo.id());
    assertThat(gone.path("deletedBy").path("nick").asString()).isEqualTo(mo.nick());
    JsonNode stored = null;
    for (JsonNode e : cleo.history(room).path("events"))
      if (e.path("seq").asLong() == seq) stored = e;
    assertThat(stored).isNotNull();
    assertThat(stored.path("deletedBy").path("id").asString()).isEqualTo(mo.id());

    assertThat(searchHits(cleo, "zqxjv")).as("gone from the search index").isZero();
    bob.say(room, "kept zqxjv"); // the index still answers for the word
    assertThat(searchHits(cleo, "zqxjv")).isEqualTo(1);

    long own = mo.say(room, "mine").path("seq").asLong();
    mo.ok(obj("type", "delete", "room", room, "seq", own));
    JsonNode ownGone =
        cleo.await("message", m -> m.path("seq").asLong() == own && m.path("deleted").asBoolean());
    assertThat(ownGone.has("deletedBy")).as("an author's own deletion").isFalse();
  }

  @Test
  void theAuditListsEveryStepNewestFirstToModeratorsOnly() {
    TestClient ann = server.user("Ann");
    TestClient mo = server.user("Mo");
    TestClient bob = server.user("Bob");
    TestClient cleo = server.user("Cleo");
    String room = room(ann, mo, bob, cleo);
    ann.ok(obj("type", "settings", "room", room, "topic", "Ops only"));
    mo.ok(obj("type", "mute", "room", room, "user", cleo.id(), "minutes", 5, "reason", "flood"));
    mo.ok(obj("type", "kick", "room", room, "user", bob.id(), "reason", "rude"));

    JsonNode audit = mo.call(obj("type", "audit", "room", room));
    assertThat(audit.path("type").asString()).isEqualTo("audit");
    List<String> actions = new ArrayList<>();
    for (JsonNode e : audit.path("entries")) actions.add(e.path("action").asString());
    assertThat(actions).containsExactly("kick", "mute", "settings", "role");
    JsonNode kick = audit.path("entries").get(0);
    assertThat(kick.path("actor").path("id").asString()).isEqualTo(mo.id());
    assertThat(kick.path("user").path("id").asString()).isEqualTo(bob.id());
    assertThat(kick.path("reason").asString()).isEqualTo("rude");
    assertThat(kick.path("room").asString()).isEqualTo(room);
    assertThat(kick.path("ts").asLong()).isPositive();

    JsonNode page = ann.call(obj("type", "audit", "room", room, "limit", 2));
    assertThat(page.path("entries").size()).isEqualTo(2);
    assertThat(page.path("more").asBoolean()).isTrue();

    assertThat(code(cleo.error(obj("type", "audit", "room", room)))).isEqualTo("forbidden");
    assertThat(code(mo.error(obj("type", "audit"))))
        .as("every room: admins only")
        .isEqualTo("forbidden");

    JsonNode notices = cleo.history(room);
    List<String> kinds = new ArrayList<>();
    for (JsonNode e : notices.path("events"))
      if ("notice".equals(e.path("type").asString())) kinds.add(e.path("event").asString());
    assertThat(kinds)
        .as("moderation is in the room's log")
        .contains("role", "settings", "mute", "kick");
  }
}
