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
 * {@code threads} and {@code read} with {@code thread}: the threads I take part in, newest reply
 * first, with my unread counts; reading a thread on one connection clears it on all of mine; a
 * private room I left leaves my list; pages are bounded; bad input is a clear error.
 */
class ThreadListTest {

  @RegisterExtension
  static final ParleyServerExtension server = ParleyServerExtension.with(c -> c.withRate(400, 800));

  static JsonNode inThread(TestClient c, String room, long root) {
    String id = TestClient.newId();
    c.send(obj("type", "send", "room", room, "id", id, "text", "re " + id, "thread", root));
    return c.awaitMessage(room, id);
  }

  static JsonNode threads(TestClient c, Object... fields) {
    return c.call(obj("type", "threads").setAll(obj(fields)));
  }

  static List<String> keys(JsonNode page) {
    List<String> out = new ArrayList<>();
    for (JsonNode t : page.path("items"))
      out.add(
          t.path("room").asString()
              + "#"
              + t.path("root").path("seq").asLong()
              + ":"
              + t.path("unread").asInt());
    return out;
  }

  @Test
  void readingAThreadOnOneConnectionClearsItsUnreadOnAllOfMine() {
    TestClient ann = server.user("Ann");
    TestClient annElsewhere = server.client();
    annElsewhere.resume(ann.token());
    TestClient bob = server.user("Bob");
    String room = ParleyServerExtension.room("release");
    ann.create(room);
    bob.join(room);
    long root = ann.say(room, "Release notes v2").path("seq").asLong();
    long other = bob.say(room, "not Ann's").path("seq").asLong();
    inThread(bob, room, root);
    long last = inThread(bob, room, root).path("seq").asLong();
    inThread(bob, room, other);

    JsonNode page = threads(ann);
    assertThat(keys(page)).containsExactly(room + "#" + root + ":2");
    assertThat(page.path("unread").asInt()).isEqualTo(1);
    assertThat(page.has("next")).isFalse();
    JsonNode item = page.path("items").get(0);
    assertThat(item.path("root").path("text").asString()).isEqualTo("Release notes v2");
    assertThat(item.path("root").path("replies").path("count").asInt()).isEqualTo(2);

    ann.send(obj("type", "read", "room", room, "seq", last, "thread", root));
    for (TestClient c : new TestClient[] {ann, annElsewhere}) {
      JsonNode read = c.await("read", f -> f.path("thread").asLong() == root);
      assertThat(read.path("room").asString()).isEqualTo(room);
      assertThat(read.path("seq").asLong()).isEqualTo(last);
    }
    assertThat(keys(threads(annElsewhere))).containsExactly(room + "#" + root + ":0");
    assertThat(threads(annElsewhere).path("unread").asInt()).isZero();
    assertThat(bob.frames("read", f -> f.has("thread"))).isEmpty();
    // the room's own marker did not move
    assertThat(ann.frames("read", f -> !f.has("thread"))).isEmpty();
  }

  @Test
  void aPrivateRoomLeftLeavesTheList() {
    TestClient ann = server.user("Ann");
    TestClient bob = server.user("Bob");
    String room = ParleyServerExtension.room("secret");
    ann.ok(obj("type", "create", "room", room, "private", true));
    ann.ok(obj("type", "invite", "room", room, "user", bob.id()));
    long root = ann.say(room, "for us only").path("seq").asLong();
    bob.await(
        "message", m -> m.path("seq").asLong() == root && room.equals(m.path("room").asString()));
    inThread(bob, room, root);
    inThread(ann, room, root);
    assertThat(keys(threads(bob))).containsExactly(room + "#" + root + ":1");

    bob.leave(room);
    assertThat(keys(threads(bob))).isEmpty();
    assertThat(threads(bob).path("unread").asInt()).isZero();
    JsonNode refused =
        bob.error(obj("type", "read", "room", room, "seq", root + 2, "thread", root));
    String missing = ParleyServerExtension.room("nothing");
    JsonNode nothing =
        bob.error(obj("type", "read", "room", missing, "seq", root + 2, "thread", root));
    assertThat(refused.path("code").asString()).isEqualTo(nothing.path("code").asString());
    assertThat(refused.path("message").asString().replace(room, "R"))
        .isEqualTo(nothing.path("message").asString().replace(missing, "R"));
  }

  @Test
  void pagesAreBoundedAndFollowTheirCursor() {
    TestClient ann = server.user("Ann");
    TestClient bob = server.user("Bob");
    String room = ParleyServerExtension.room("busy");
    ann.create(room);
    bob.join(room);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 52; i++) {
      long root = ann.say(room, "root " + i).path("seq").asLong();
      inThread(bob, room, root);
      expected.add(0, room + "#" + root + ":1");
    }
    JsonNode first = threads(ann, "limit", 500);
    assertThat(first.path("items").size()).isEqualTo(50);
    assertThat(first.path("unread").asInt()).isEqualTo(52);
    JsonNode second = threads(ann, "after", first.path("next").asString(), "limit", 500);
    assertThat(second.has("next")).isFalse();
    assertThat(second.has("unread")).isFalse();
    List<String> all = new ArrayList<>(keys(first));
    all.addAll(keys(second));
    assertThat(all).isEqualTo(expected);
    assertThat(threads(ann).path("items").size()).isEqualTo(30);
    assertThat(threads(ann, "limit", 0).path("items").size()).isEqualTo(1);
  }

  @Test
  void badThreadReadsAndCursorsAreClearErrors() {
    TestClient ann = server.user("Ann");
    TestClient stranger = server.user("Stranger");
    String room = ParleyServerExtension.room("ops");
    ann.create(room);
    long lone = ann.say(room, "no replies").path("seq").asLong();
    long root = ann.say(room, "a root").path("seq").asLong();
    inThread(ann, room, root);

    assertThat(code(ann.error(obj("type", "read", "room", room, "seq", root, "thread", lone))))
        .isEqualTo("bad_thread");
    assertThat(code(ann.error(obj("type", "read", "room", room, "seq", 1, "thread", 999))))
        .isEqualTo("bad_thread");
    assertThat(code(ann.error(obj("type", "read", "room", room, "seq", 0, "thread", root))))
        .isEqualTo("bad_request");
    assertThat(code(ann.error(obj("type", "read", "room", room, "seq", 1, "thread", "x"))))
        .isEqualTo("bad_request");
    assertThat(code(stranger.error(obj("type", "read", "room", room, "seq", 1, "thread", root))))
        .isEqualTo("not_member");
    assertThat(code(ann.error(obj("type", "threads", "after", "yesterday"))))
        .isEqualTo("bad_request");
    assertThat(code(ann.error(obj("type", "threads", "limit", "many")))).isEqualTo("bad_request");
  }

  private static String code(JsonNode error) {
    return error.path("code").asString();
  }
}
