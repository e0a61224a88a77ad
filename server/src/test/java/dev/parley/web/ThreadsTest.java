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
 * Threads: a reply in a thread is an ordinary event of the room carrying {@code thread}; its root
 * comes again as a change carrying {@code replies} (live, and through {@code changes} after a
 * reconnect); {@code history} with {@code thread} reads the root and its replies a page at a time;
 * a deleted root keeps its replies readable; a thread inside a thread, or of nothing, is refused.
 */
class ThreadsTest {

  @RegisterExtension
  static final ParleyServerExtension server = ParleyServerExtension.with(c -> c.withRate(200, 400));

  record Pair(TestClient ann, TestClient bob, String room) {}

  static Pair pair(String base) {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room(base);
    ann.create(room);
    bob.join(room);
    return new Pair(ann, bob, room);
  }

  static JsonNode inThread(TestClient c, String room, long root, Object... extra) {
    String id = TestClient.newId();
    c.send(
        obj("type", "send", "room", room, "id", id, "text", "re " + id, "thread", root)
            .setAll(obj(extra)));
    return c.awaitMessage(room, id);
  }

  static JsonNode rootVersion(TestClient c, String room, long root, int count) {
    return c.await(
        "message",
        m ->
            room.equals(m.path("room").asString())
                && m.path("seq").asLong() == root
                && m.path("replies").path("count").asInt() == count);
  }

  @Test
  void aThreadReplyIsAnEventOfTheRoomAndItsRootCountsItLive() {
    Pair p = pair("threads");
    long root = p.ann().say(p.room(), "Release notes v2").path("seq").asLong();

    JsonNode first = inThread(p.bob(), p.room(), root);
    assertThat(first.path("thread").asLong()).isEqualTo(root);
    assertThat(first.path("seq").asLong()).isEqualTo(root + 1); // the room's gapless order
    assertThat(first.has("alsoInRoom")).isFalse();
    JsonNode second = inThread(p.ann(), p.room(), root, "alsoInRoom", true);
    assertThat(second.path("alsoInRoom").asBoolean()).isTrue();

    for (TestClient c : new TestClient[] {p.ann(), p.bob()}) {
      JsonNode r = rootVersion(c, p.room(), root, 2);
      assertThat(r.path("replies").path("lastTs").asLong()).isEqualTo(second.path("ts").asLong());
      assertThat(r.path("replies").path("users").findValuesAsString(""))
          .isEmpty(); // an array of ids, not objects
      assertThat(r.path("replies").path("users").get(0).asString()).isEqualTo(p.bob().id());
      assertThat(r.path("replies").path("users").get(1).asString()).isEqualTo(p.ann().id());
      assertThat(r.path("rev").asLong()).isPositive();
      assertThat(r.path("text").asString()).isEqualTo("Release notes v2");
    }
    JsonNode page = p.bob().history(p.room(), "thread", root);
    assertThat(page.path("thread").asLong()).isEqualTo(root);
    assertThat(page.path("events").valueStream().map(e -> e.path("seq").asLong()))
        .containsExactly(root, first.path("seq").asLong(), second.path("seq").asLong());
    assertThat(page.path("events").get(0).path("replies").path("count").asInt()).isEqualTo(2);
    assertThat(page.path("more").asBoolean()).isFalse();
    // the room's own history holds them too, in seq order
    assertThat(
            p.bob()
                .history(p.room(), "after", root)
                .path("events")
                .valueStream()
                .map(e -> e.path("seq").asLong()))
        .containsExactly(first.path("seq").asLong(), second.path("seq").asLong());
  }

  @Test
  void aReconnectingMemberCatchesUpOnTheRootsSummaryThroughChanges() {
    Pair p = pair("catchup");
    long root = p.ann().say(p.room(), "deploy at 5?").path("seq").asLong();
    long rev = 0; // the root has never changed: everything after rev 0 is the thread's doing
    String token = p.bob().token();
    p.bob().close();
    inThread(p.ann(), p.room(), root);
    inThread(p.ann(), p.room(), root);

    TestClient back = server.client();
    back.resume(token);
    JsonNode changes = back.call(obj("type", "changes", "room", p.room(), "since", rev));
    JsonNode r = changes.path("events").get(changes.path("events").size() - 1);
    assertThat(r.path("seq").asLong()).isEqualTo(root);
    assertThat(r.path("replies").path("count").asInt()).isEqualTo(2);
  }

  @Test
  void threadHistoryIsPagedAndADeletedRootKeepsItsRepliesReadable() {
    Pair p = pair("pages");
    long root = p.ann().say(p.room(), "long thread").path("seq").asLong();
    for (int i = 0; i < 5; i++) inThread(i % 2 == 0 ? p.bob() : p.ann(), p.room(), root);
    rootVersion(p.bob(), p.room(), root, 5);

    JsonNode one = p.bob().history(p.room(), "thread", root, "limit", 2);
    assertThat(one.path("events")).hasSize(3);
    assertThat(one.path("more").asBoolean()).isTrue();
    long last = one.path("events").get(2).path("seq").asLong();
    JsonNode two = p.bob().history(p.room(), "thread", root, "after", last, "limit", 200);
    assertThat(two.path("events")).hasSize(4); // the root again, then the last three
    assertThat(two.path("events").get(0).path("seq").asLong()).isEqualTo(root);
    assertThat(two.path("more").asBoolean()).isFalse();

    p.ann().ok(obj("type", "delete", "room", p.room(), "seq", root));
    JsonNode after = p.bob().history(p.room(), "thread", root);
    assertThat(after.path("events").get(0).path("deleted").asBoolean()).isTrue();
    assertThat(after.path("events").get(0).has("text")).isFalse();
    assertThat(after.path("events").get(0).path("replies").path("count").asInt()).isEqualTo(5);
    assertThat(after.path("events")).hasSize(6);
    assertThat(after.path("events").get(1).path("text").asString()).startsWith("re ");
    assertThat(errorCode(p.bob(), p.room(), "thread", root)).isEqualTo("bad_thread");
  }

  static String errorCode(TestClient c, String room, Object... link) {
    JsonNode e =
        c.error(
            obj("type", "send", "room", room, "id", TestClient.newId(), "text", "x")
                .setAll(obj(link)));
    assertThat(e.path("message").asString()).isNotBlank();
    return e.path("code").asString();
  }

  @Test
  void aThreadInAThreadOrOfNothingIsRefusedAndNothingIsStored() {
    Pair p = pair("nested");
    String other = room("other");
    p.ann().create(other);
    long there = 0;
    for (int i = 0; i < 6; i++) there = p.ann().say(other, "elsewhere").path("seq").asLong();
    long root = p.ann().say(p.room(), "root").path("seq").asLong();
    long reply = inThread(p.bob(), p.room(), root).path("seq").asLong();
    long notice = p.ann().history(p.room()).path("events").get(0).path("seq").asLong();
    assertThat(there).isGreaterThan(reply);

    for (long bad : new long[] {reply, there, reply + 40, notice, 0, -3}) {
      assertThat(errorCode(p.bob(), p.room(), "thread", bad))
          .as("thread %s", bad)
          .isEqualTo("bad_thread");
    }
    assertThat(errorCode(p.bob(), p.room(), "alsoInRoom", true)).isEqualTo("bad_request");
    assertThat(errorCode(p.bob(), p.room(), "thread", "root")).isEqualTo("bad_request");
    assertThat(
            p.bob()
                .error(obj("type", "history", "room", p.room(), "thread", reply + 40))
                .path("code")
                .asString())
        .isEqualTo("not_found");
    assertThat(p.ann().say(p.room(), "next").path("seq").asLong()).isEqualTo(reply + 1);
    assertThat(rootVersion(p.ann(), p.room(), root, 1).path("replies").path("count").asInt())
        .isEqualTo(1);
  }
}
