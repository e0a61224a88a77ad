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
 * Pins: {@code pin} {room, seq, on} by members (moderators only in a read-only room; not while
 * muted), a {@code notice} {@code pin} to the room, {@code pins} {room}. Bad input (a missing seq,
 * a notice, another room's message, a non-member, a private room's outsider, past the bound) is a
 * clear error that changes nothing.
 */
class PinsTest {

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> ParleyServerExtension.roomy(c).withRate(1000, 2000));

  private static String code(JsonNode error) {
    assertThat(error.path("type").asString()).isEqualTo("error");
    return error.path("code").asString();
  }

  private static JsonNode pins(TestClient who, String room) {
    JsonNode reply = who.call(obj("type", "pins", "room", room));
    assertThat(reply.path("type").asString()).as(reply.toString()).isEqualTo("pins");
    return reply;
  }

  private static List<Long> pinnedSeqs(TestClient who, String room) {
    List<Long> seqs = new ArrayList<>();
    for (JsonNode e : pins(who, room).path("events")) seqs.add(e.path("seq").asLong());
    return seqs;
  }

  private static JsonNode pinNotice(TestClient who, long target, boolean on) {
    return who.await(
        "notice",
        n ->
            "pin".equals(n.path("event").asString())
                && n.path("target").asLong() == target
                && n.path("on").asBoolean() == on);
  }

  @Test
  void aMemberPinsAMessageEveryoneSeesTheNoticeAndThePinsListIt() {
    TestClient ann = server.user("Ann");
    TestClient bob = server.user("Bob");
    String room = ParleyServerExtension.room("deploy");
    ann.create(room);
    bob.join(room);
    long checklist = ann.say(room, "deploy checklist: 1. tag 2. ship").path("seq").asLong();
    long other = ann.say(room, "lunch?").path("seq").asLong();

    bob.ok(obj("type", "pin", "room", room, "seq", checklist, "on", true));
    JsonNode notice = pinNotice(ann, checklist, true);
    assertThat(notice.path("user").path("id").asString()).isEqualTo(bob.id());
    assertThat(notice.path("room").asString()).isEqualTo(room);
    pinNotice(bob, checklist, true);

    bob.ok(obj("type", "pin", "room", room, "seq", other, "on", true));
    JsonNode reply = pins(ann, room);
    assertThat(reply.path("room").asString()).isEqualTo(room);
    assertThat(reply.path("events").get(0).path("seq").asLong()).isEqualTo(other);
    assertThat(reply.path("events").get(1).path("text").asString())
        .isEqualTo("deploy checklist: 1. tag 2. ship");

    // the notice is an event of the room's log: catch-up carries it
    JsonNode history = ann.history(room);
    assertThat(history.path("events").findValues("event").stream().map(JsonNode::asString))
        .contains("pin");

    ann.ok(obj("type", "pin", "room", room, "seq", other, "on", false));
    pinNotice(bob, other, false);
    assertThat(pinnedSeqs(bob, room)).containsExactly(checklist);

    // pinning it again, unpinning what is not pinned: quiet, no notice
    int notices = ann.frames("notice", n -> "pin".equals(n.path("event").asString())).size();
    ann.ok(obj("type", "pin", "room", room, "seq", checklist, "on", true));
    ann.ok(obj("type", "pin", "room", room, "seq", other, "on", false));
    ann.roundTrip(room);
    assertThat(ann.frames("notice", n -> "pin".equals(n.path("event").asString())))
        .hasSize(notices);
  }

  @Test
  void aDeletedMessageLeavesThePins() {
    TestClient ann = server.user("Ann");
    String room = ParleyServerExtension.room("pins");
    ann.create(room);
    long seq = ann.say(room, "soon gone").path("seq").asLong();
    ann.ok(obj("type", "pin", "room", room, "seq", seq, "on", true));
    ann.ok(obj("type", "delete", "room", room, "seq", seq));
    assertThat(pinnedSeqs(ann, room)).isEmpty();
    assertThat(code(ann.error(obj("type", "pin", "room", room, "seq", seq, "on", true))))
        .isEqualTo("not_found");
  }

  @Test
  void badPinsAreClearErrorsThatChangeNothing() {
    TestClient ann = server.user("Ann");
    TestClient bob = server.user("Bob");
    TestClient stranger = server.user("Stranger");
    String room = ParleyServerExtension.room("pins");
    String elsewhere = ParleyServerExtension.room("other");
    ann.create(room);
    bob.create(elsewhere);
    ann.join(elsewhere);
    long mine = ann.say(room, "hello").path("seq").asLong();
    long theirs = bob.say(elsewhere, "over here").path("seq").asLong();

    // a seq nobody wrote, the room's create notice (seq 1), 0, a seq of another room's numbering
    assertThat(code(ann.error(obj("type", "pin", "room", room, "seq", mine + 50, "on", true))))
        .isEqualTo("not_found");
    assertThat(code(ann.error(obj("type", "pin", "room", room, "seq", 1, "on", true))))
        .isEqualTo("not_found");
    assertThat(code(ann.error(obj("type", "pin", "room", room, "seq", 0, "on", true))))
        .isEqualTo("bad_request");
    assertThat(code(ann.error(obj("type", "pin", "room", room, "seq", theirs, "on", true))))
        .isEqualTo("not_found");
    assertThat(code(ann.error(obj("type", "pin", "room", room, "seq", mine))))
        .isEqualTo("bad_request");
    assertThat(code(ann.error(obj("type", "pin", "room", room, "seq", "x", "on", true))))
        .isEqualTo("bad_request");
    // not a member of a public room; a room that does not exist
    assertThat(code(stranger.error(obj("type", "pin", "room", room, "seq", mine, "on", true))))
        .isEqualTo("not_member");
    assertThat(code(stranger.error(obj("type", "pins", "room", room)))).isEqualTo("not_member");
    assertThat(
            code(ann.error(obj("type", "pin", "room", "no-such-room-x", "seq", mine, "on", true))))
        .isEqualTo("not_found");
    assertThat(pinnedSeqs(ann, room)).isEmpty();
  }

  @Test
  void aPrivateRoomsPinsAnswerAnOutsiderAsAMissingRoomWould() {
    TestClient ann = server.user("Ann");
    TestClient stranger = server.user("Stranger");
    String room = ParleyServerExtension.room("secret");
    ann.ok(obj("type", "create", "room", room, "private", true));
    long seq = ann.say(room, "the plan").path("seq").asLong();
    ann.ok(obj("type", "pin", "room", room, "seq", seq, "on", true));
    String missing = ParleyServerExtension.room("nothing");

    JsonNode a = stranger.error(obj("type", "pins", "room", room));
    JsonNode b = stranger.error(obj("type", "pins", "room", missing));
    assertThat(a.path("code").asString()).isEqualTo(b.path("code").asString());
    assertThat(a.path("message").asString().replace(room, "R"))
        .isEqualTo(b.path("message").asString().replace(missing, "R"));
    JsonNode c = stranger.error(obj("type", "pin", "room", room, "seq", seq, "on", false));
    JsonNode d = stranger.error(obj("type", "pin", "room", missing, "seq", seq, "on", false));
    assertThat(c.path("code").asString()).isEqualTo(d.path("code").asString());
    assertThat(c.path("message").asString().replace(room, "R"))
        .isEqualTo(d.path("message").asString().replace(missing, "R"));
    assertThat(pinnedSeqs(ann, room)).containsExactly(seq);
  }

  @Test
  void inAReadOnlyRoomOnlyModeratorsPinAndAMutedMemberPinsNothing() {
    TestClient ann = server.user("Ann");
    TestClient bob = server.user("Bob");
    String room = ParleyServerExtension.room("news");
    ann.create(room);
    bob.join(room);
    long seq = ann.say(room, "release notes").path("seq").asLong();
    ann.ok(obj("type", "mute", "room", room, "user", bob.id(), "minutes", 5));
    assertThat(code(bob.error(obj("type", "pin", "room", room, "seq", seq, "on", true))))
        .isEqualTo("muted");
    ann.ok(obj("type", "settings", "room", room, "readOnly", true));
    assertThat(code(bob.error(obj("type", "pin", "room", room, "seq", seq, "on", true))))
        .isEqualTo("forbidden");
    assertThat(pinnedSeqs(bob, room)).isEmpty();
    ann.ok(obj("type", "pin", "room", room, "seq", seq, "on", true));
    assertThat(pinnedSeqs(bob, room)).containsExactly(seq);
  }

  @Test
  void aRoomKeepsAtMostFiftyPins() {
    TestClient ann = server.user("Ann");
    String room = ParleyServerExtension.room("flood");
    ann.create(room);
    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < 51; i++) seqs.add(ann.say(room, "m" + i).path("seq").asLong());
    for (int i = 0; i < 50; i++)
      ann.ok(obj("type", "pin", "room", room, "seq", seqs.get(i), "on", true));
    JsonNode refused = ann.error(obj("type", "pin", "room", room, "seq", seqs.get(50), "on", true));
    assertThat(refused.path("code").asString()).isEqualTo("quota");
    assertThat(refused.path("message").asString()).contains("50");
    assertThat(pinnedSeqs(ann, room)).hasSize(50).doesNotContain(seqs.get(50));
    // one unpinned makes room for it
    ann.ok(obj("type", "pin", "room", room, "seq", seqs.get(0), "on", false));
    ann.ok(obj("type", "pin", "room", room, "seq", seqs.get(50), "on", true));
    assertThat(pinnedSeqs(ann, room)).hasSize(50).contains(seqs.get(50));
  }
}
