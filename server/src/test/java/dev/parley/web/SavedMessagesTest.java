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
 * Saved messages: {@code save} {room, seq, on} is a person's own bookmark, echoed to all their
 * connections as {@code saved} {room, seq, on}; {@code saved} lists them newest first across rooms.
 * Nobody else learns of it; a private room left is no longer served; bad input and the bound are
 * clear errors that change nothing.
 */
class SavedMessagesTest {

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> ParleyServerExtension.roomy(c).withRate(2000, 3000));

  private static String code(JsonNode error) {
    assertThat(error.path("type").asString()).isEqualTo("error");
    return error.path("code").asString();
  }

  static JsonNode saved(TestClient who) {
    JsonNode reply = who.call(obj("type", "saved"));
    assertThat(reply.path("type").asString()).as(reply.toString()).isEqualTo("saved");
    return reply.path("items");
  }

  static List<String> texts(JsonNode items) {
    List<String> out = new ArrayList<>();
    for (JsonNode i : items) out.add(i.path("message").path("text").asString());
    return out;
  }

  @Test
  void aSavedMessageReachesAllMyConnectionsAndTheListIsNewestFirstAcrossRooms() {
    TestClient ann = server.user("Ann");
    TestClient annTab = server.tabOf(ann);
    TestClient bob = server.user("Bob");
    String room = ParleyServerExtension.room("ops");
    ann.create(room);
    bob.join(room);
    long first = bob.say(room, "the runbook is here").path("seq").asLong();
    long second = bob.say("general", "lunch at noon").path("seq").asLong();

    ann.ok(obj("type", "save", "room", room, "seq", first, "on", true));
    JsonNode echo = annTab.await("saved", f -> f.path("seq").asLong() == first);
    assertThat(echo.path("room").asString()).isEqualTo(room);
    assertThat(echo.path("on").asBoolean()).isTrue();
    ann.ok(obj("type", "save", "room", "general", "seq", second, "on", true));

    JsonNode items = saved(annTab);
    assertThat(texts(items)).containsExactly("lunch at noon", "the runbook is here");
    assertThat(items.get(1).path("room").asString()).isEqualTo(room);
    assertThat(items.get(1).path("seq").asLong()).isEqualTo(first);
    assertThat(items.get(1).path("message").path("from").path("id").asString()).isEqualTo(bob.id());
    // Bob is told nothing, and has nothing saved
    bob.roundTrip(room);
    assertThat(bob.frames("saved")).isEmpty();
    assertThat(saved(bob)).isEmpty();

    annTab.ok(obj("type", "save", "room", "general", "seq", second, "on", false));
    ann.await("saved", f -> f.path("seq").asLong() == second && !f.path("on").asBoolean());
    assertThat(texts(saved(ann))).containsExactly("the runbook is here");
  }

  @Test
  void aDeletedMessageLeavesTheSavedList() {
    TestClient ann = server.user("Ann");
    TestClient bob = server.user("Bob");
    String room = ParleyServerExtension.room("ops");
    ann.create(room);
    bob.join(room);
    long gone = bob.say(room, "soon gone").path("seq").asLong();
    long kept = bob.say(room, "kept").path("seq").asLong();
    ann.ok(obj("type", "save", "room", room, "seq", gone, "on", true));
    ann.ok(obj("type", "save", "room", room, "seq", kept, "on", true));

    bob.ok(obj("type", "delete", "room", room, "seq", gone));

    assertThat(texts(saved(ann))).containsExactly("kept");
  }

  @Test
  void aPrivateRoomLeftIsNoLongerServed() {
    TestClient ann = server.user("Ann");
    String room = ParleyServerExtension.room("secret");
    ann.ok(obj("type", "create", "room", room, "private", true));
    TestClient bob = server.user("Bob");
    ann.ok(obj("type", "invite", "room", room, "user", bob.id()));
    long seq = ann.say(room, "for us only").path("seq").asLong();
    bob.await(
        "message", m -> m.path("seq").asLong() == seq && room.equals(m.path("room").asString()));
    bob.ok(obj("type", "save", "room", room, "seq", seq, "on", true));
    assertThat(texts(saved(bob))).containsExactly("for us only");
    bob.leave(room);
    assertThat(saved(bob)).isEmpty();
  }

  @Test
  void badSavesAreClearErrorsThatChangeNothing() {
    TestClient ann = server.user("Ann");
    TestClient stranger = server.user("Stranger");
    String room = ParleyServerExtension.room("ops");
    String secret = ParleyServerExtension.room("secret");
    ann.create(room);
    ann.ok(obj("type", "create", "room", secret, "private", true));
    long seq = ann.say(room, "hello").path("seq").asLong();
    long hidden = ann.say(secret, "hidden").path("seq").asLong();

    assertThat(code(ann.error(obj("type", "save", "room", room, "seq", seq + 9, "on", true))))
        .isEqualTo("not_found");
    assertThat(code(ann.error(obj("type", "save", "room", room, "seq", 1, "on", true))))
        .isEqualTo("not_found");
    assertThat(code(ann.error(obj("type", "save", "room", room, "seq", -3, "on", true))))
        .isEqualTo("bad_request");
    assertThat(code(ann.error(obj("type", "save", "room", room, "seq", seq))))
        .isEqualTo("bad_request");
    assertThat(code(stranger.error(obj("type", "save", "room", room, "seq", seq, "on", true))))
        .isEqualTo("not_member");
    JsonNode a = stranger.error(obj("type", "save", "room", secret, "seq", hidden, "on", true));
    String missing = ParleyServerExtension.room("nothing");
    JsonNode b = stranger.error(obj("type", "save", "room", missing, "seq", hidden, "on", true));
    assertThat(a.path("code").asString()).isEqualTo(b.path("code").asString());
    assertThat(a.path("message").asString().replace(secret, "R"))
        .isEqualTo(b.path("message").asString().replace(missing, "R"));
    assertThat(saved(ann)).isEmpty();
    assertThat(saved(stranger)).isEmpty();
  }

  @Test
  void aPersonKeepsAtMostFiveHundred() {
    TestClient ann = server.user("Ann");
    String room = ParleyServerExtension.room("flood");
    ann.create(room);
    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < 501; i++) seqs.add(ann.say(room, "m" + i).path("seq").asLong());
    for (int i = 0; i < 500; i++)
      ann.ok(obj("type", "save", "room", room, "seq", seqs.get(i), "on", true));
    JsonNode refused =
        ann.error(obj("type", "save", "room", room, "seq", seqs.get(500), "on", true));
    assertThat(refused.path("code").asString()).isEqualTo("quota");
    assertThat(refused.path("message").asString()).contains("500");
    JsonNode items = saved(ann);
    assertThat(items).hasSize(500);
    assertThat(items.get(0).path("seq").asLong()).isEqualTo(seqs.get(499));
  }
}
