package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static dev.parley.testing.ParleyServerExtension.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Edit, delete and react, as members of a room see them live and in history. */
class MessageChangesTest {

  @RegisterExtension
  static final ParleyServerExtension server = ParleyServerExtension.with(c -> c.withRate(100, 200));

  record Pair(TestClient ann, TestClient bob, String room) {}

  static Pair pair() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room("edits");
    ann.create(room);
    bob.join(room);
    return new Pair(ann, bob, room);
  }

  static JsonNode version(TestClient c, String room, long seq, long rev) {
    return c.await(
        "message",
        m ->
            room.equals(m.path("room").asString())
                && m.path("seq").asLong() == seq
                && m.path("rev").asLong() == rev);
  }

  @Test
  void theAuthorEditsAndEveryMemberSeesTheSameSeqWithTheNewTextAndRev() {
    Pair p = pair();
    long seq = p.ann().say(p.room(), "helo wrold").path("seq").asLong();

    JsonNode ok =
        p.ann().call(obj("type", "edit", "room", p.room(), "seq", seq, "text", "hello world"));

    assertThat(ok.path("type").asString()).isEqualTo("ok");
    for (TestClient c : new TestClient[] {p.ann(), p.bob()}) {
      JsonNode m = version(c, p.room(), seq, 1);
      assertThat(m.path("text").asString()).isEqualTo("hello world");
      assertThat(m.path("edited").asLong()).isPositive();
      assertThat(m.path("id").asString()).isNotBlank();
    }
    JsonNode history = p.bob().history(p.room(), "after", seq - 1);
    assertThat(history.path("events").get(0).path("text").asString()).isEqualTo("hello world");
    assertThat(history.path("events").get(0).path("rev").asLong()).isEqualTo(1);
  }

  @Test
  void nobodyButTheAuthorEditsOrDeletes() {
    Pair p = pair();
    long seq = p.ann().say(p.room(), "mine").path("seq").asLong();

    assertThat(
            p.bob()
                .error(obj("type", "edit", "room", p.room(), "seq", seq, "text", "mine now"))
                .path("code")
                .asString())
        .isEqualTo("forbidden");
    assertThat(
            p.bob()
                .error(obj("type", "delete", "room", p.room(), "seq", seq))
                .path("code")
                .asString())
        .isEqualTo("forbidden");
    assertThat(
            p.ann()
                .history(p.room(), "after", seq - 1)
                .path("events")
                .get(0)
                .path("text")
                .asString())
        .isEqualTo("mine");
  }

  @Test
  void aDeletedMessageKeepsItsPlaceButNotItsTextAndCannotBeChangedAgain() {
    Pair p = pair();
    long seq = p.ann().say(p.room(), "oops, a password").path("seq").asLong();
    p.bob().ok(obj("type", "react", "room", p.room(), "seq", seq, "emoji", "😬", "on", true));

    p.ann().ok(obj("type", "delete", "room", p.room(), "seq", seq));

    JsonNode seen = version(p.bob(), p.room(), seq, 2);
    assertThat(seen.path("deleted").asBoolean()).isTrue();
    assertThat(seen.has("text")).isFalse();
    assertThat(seen.has("reactions")).isFalse();
    JsonNode history = p.bob().history(p.room());
    assertThat(history.toString()).doesNotContain("password");
    assertThat(
            p.ann()
                .error(obj("type", "edit", "room", p.room(), "seq", seq, "text", "back"))
                .path("code")
                .asString())
        .isEqualTo("not_found");
    assertThat(
            p.bob()
                .error(
                    obj("type", "react", "room", p.room(), "seq", seq, "emoji", "👍", "on", true))
                .path("code")
                .asString())
        .isEqualTo("not_found");
  }

  @Test
  void reactionsReachEveryMemberAndRepeatsAreQuiet() {
    Pair p = pair();
    long seq = p.ann().say(p.room(), "lunch?").path("seq").asLong();

    p.bob().ok(obj("type", "react", "room", p.room(), "seq", seq, "emoji", "👍", "on", true));
    JsonNode r = p.ann().await("reaction", f -> f.path("seq").asLong() == seq);
    assertThat(r.path("emoji").asString()).isEqualTo("👍");
    assertThat(r.path("on").asBoolean()).isTrue();
    assertThat(r.path("user").path("id").asString()).isEqualTo(p.bob().id());
    assertThat(r.path("user").path("nick").asString()).isEqualTo(p.bob().nick());
    assertThat(r.path("rev").asLong()).isEqualTo(1);

    p.bob()
        .ok(
            obj(
                "type", "react", "room", p.room(), "seq", seq, "emoji", "👍", "on",
                true)); // already there
    p.ann().ok(obj("type", "react", "room", p.room(), "seq", seq, "emoji", "👍", "on", true));
    p.ann().await("reaction", f -> f.path("rev").asLong() == 2);
    p.ann().roundTrip(p.room());
    assertThat(p.ann().frames("reaction")).hasSize(2);
    JsonNode stored = p.ann().history(p.room(), "after", seq - 1).path("events").get(0);
    assertThat(stored.path("reactions").path("👍").findValuesAsString("")).isEmpty();
    assertThat(stored.path("reactions").path("👍").toString())
        .isEqualTo("[\"" + p.bob().id() + "\",\"" + p.ann().id() + "\"]");

    p.bob().ok(obj("type", "react", "room", p.room(), "seq", seq, "emoji", "👍", "on", false));
    JsonNode off = p.ann().await("reaction", f -> f.path("rev").asLong() == 3);
    assertThat(off.path("on").asBoolean()).isFalse();
  }

  @Test
  void whatIsNotAnEmojiOrNotAMessageIsRefused() {
    Pair p = pair();
    long seq = p.ann().say(p.room(), "x").path("seq").asLong();
    for (String bad : new String[] {"", " ", "a b", "x".repeat(33), "\u0007", "\u202e"}) {
      assertThat(
              p.bob()
                  .error(
                      obj("type", "react", "room", p.room(), "seq", seq, "emoji", bad, "on", true))
                  .path("code")
                  .asString())
          .as("emoji %s", bad)
          .isEqualTo("bad_request");
    }
    assertThat(
            p.bob()
                .error(obj("type", "react", "room", p.room(), "seq", 1, "emoji", "👍", "on", true))
                .path("code")
                .asString())
        .as("seq 1 is the create notice")
        .isEqualTo("not_found");
    assertThat(
            p.bob()
                .error(obj("type", "react", "room", p.room(), "seq", seq, "emoji", "👍"))
                .path("code")
                .asString())
        .isEqualTo("bad_request");
    p.bob().ok(obj("type", "react", "room", p.room(), "seq", seq, "emoji", "👩🏽‍💻", "on", true));
    p.bob()
        .ok(
            obj(
                "type",
                "react",
                "room",
                p.room(),
                "seq",
                seq,
                "emoji",
                "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
                "on",
                true));
  }

  @Test
  void anEditKeepsTheTextRulesOfSend() {
    Pair p = pair();
    long seq = p.ann().say(p.room(), "short").path("seq").asLong();
    int limit = p.ann().welcome().path("server").path("limits").path("text").asInt();
    assertThat(
            p.ann()
                .error(
                    obj(
                        "type",
                        "edit",
                        "room",
                        p.room(),
                        "seq",
                        seq,
                        "text",
                        "x".repeat(limit + 1)))
                .path("code")
                .asString())
        .isEqualTo("too_long");
    assertThat(
            p.ann()
                .error(obj("type", "edit", "room", p.room(), "seq", seq, "text", "   "))
                .path("code")
                .asString())
        .isEqualTo("bad_request");
  }

  @Test
  void theLatestPageComesFromMemoryWithTheChangesIn() {
    Pair p = pair();
    long seq = p.ann().say(p.room(), "before").path("seq").asLong();
    p.ann().history(p.room()); // the tail holds the page now
    p.ann().ok(obj("type", "edit", "room", p.room(), "seq", seq, "text", "after"));
    p.bob().ok(obj("type", "react", "room", p.room(), "seq", seq, "emoji", "✅", "on", true));
    version(p.bob(), p.room(), seq, 1);
    p.bob().await("reaction", f -> f.path("rev").asLong() == 2);

    JsonNode latest = p.bob().history(p.room()).path("events");
    JsonNode m = latest.get(latest.size() - 1);
    assertThat(m.path("text").asString()).isEqualTo("after");
    assertThat(m.path("rev").asLong()).isEqualTo(2);
    assertThat(m.path("reactions").has("✅")).isTrue();
  }
}
