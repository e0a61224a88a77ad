package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static dev.parley.testing.ParleyServerExtension.nick;
import static dev.parley.testing.ParleyServerExtension.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Bystander;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * What one user types and everyone else sees (an avatar, a room's topic, a reaction, a message and
 * its id) keeps the character rules of nicks: no control characters, no bidi overrides or isolates,
 * no invisible formatting, no broken UTF-16 (a lone surrogate). Each refusal is a {@code
 * bad_request} naming the rule; every kind of emoji sequence still works. The bad strings travel as
 * JSON escapes in a raw frame, exactly as an attacker's client sends them.
 */
class CharacterRulesTest {

  @RegisterExtension
  static final ParleyServerExtension server = ParleyServerExtension.with(c -> c.withRate(200, 400));

  /** JSON string bodies (escaped as they go on the wire) that are no avatar, reaction or topic. */
  static final Map<String, String> BAD_SYMBOLS =
      Map.ofEntries(
          Map.entry("a right-to-left override", "\\u202e\\ud83d\\ude42"),
          Map.entry("a bidi isolate", "\\u2067\\ud83d\\ude42\\u2069"),
          Map.entry("a left-to-right mark", "\\ud83d\\ude42\\u200e"),
          Map.entry("a lone high surrogate", "\\ud83d"),
          Map.entry("a lone low surrogate", "\\ude42"),
          Map.entry("a zero-width space", "\\ud83d\\ude42\\u200b"),
          Map.entry("a byte-order mark", "\\ufeff\\ud83d\\ude42"),
          Map.entry("a control character", "\\ud83d\\ude42\\u0007"),
          Map.entry("a C1 control", "\\u009b\\ud83d\\ude42"),
          Map.entry("NUL", "\\u0000"),
          Map.entry("a joiner with nothing before it", "\\u200d\\ud83d\\ude42"),
          Map.entry("a joiner at the end", "\\ud83d\\ude42\\u200d"),
          Map.entry("a variation selector alone", "\\ufe0f"),
          Map.entry(
              "invisible tag letters (text smuggled inside)",
              "\\ud83d\\udc4d\\udb40\\udc68\\udb40\\udc69"),
          Map.entry("a space", "\\ud83d\\ude42 \\ud83d\\ude42"));

  /**
   * Emoji sequences that must keep working: ZWJ family, flag, keycap, skin tone, subdivision flag.
   */
  static final String[] GOOD_EMOJI = {
    "👨‍👩‍👧‍👦",
    "👩🏽‍💻",
    "🇫🇷",
    "1️⃣",
    "#️⃣",
    "👍🏽",
    "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
    "❤️",
    "🏳️‍🌈",
    "👩🏻‍❤️‍💋‍👨🏼",
    "✅"
  };

  /**
   * Sends a frame as raw text with a fresh ref; returns the reply carrying it, or the first {@code
   * message} that arrives after it (a {@code send} is answered by the stored message).
   */
  private static JsonNode rawCall(TestClient c, String frameWithoutRef) {
    String ref = "raw-" + System.nanoTime();
    int before = c.frames().size();
    c.sendRaw(
        frameWithoutRef.substring(0, frameWithoutRef.length() - 1) + ",\"ref\":\"" + ref + "\"}");
    return Awaitility.await("a reply to " + ref)
        .atMost(TestClient.TIMEOUT)
        .pollInterval(Duration.ofMillis(5))
        .until(
            () -> {
              List<JsonNode> frames = c.frames();
              for (JsonNode f : frames.subList(before, frames.size())) {
                if (ref.equals(f.path("ref").asString())
                    || "message".equals(f.path("type").asString())) return f;
              }
              return null;
            },
            f -> f != null);
  }

  @Test
  void
      anAvatarWithBidiControlsLoneSurrogatesOrInvisibleCharactersIsRefusedAndTheConnectionStaysOpen() {
    for (Map.Entry<String, String> bad : BAD_SYMBOLS.entrySet()) {
      TestClient c = server.client();
      JsonNode reply =
          rawCall(
              c,
              "{\"type\":\"hello\",\"nick\":\""
                  + nick("av")
                  + "\",\"avatar\":\""
                  + bad.getValue()
                  + "\"}");
      assertThat(reply.path("type").asString())
          .as("avatar with %s", bad.getKey())
          .isEqualTo("error");
      assertThat(reply.path("code").asString())
          .as("avatar with %s", bad.getKey())
          .isEqualTo("bad_request");
      assertThat(reply.path("message").asString())
          .as("avatar with %s", bad.getKey())
          .contains("avatar");
      // the connection stays open for another hello, as after invalid_nick
      assertThat(
              c.welcomed(obj("type", "hello", "nick", nick("av")))
                  .path("user")
                  .path("avatar")
                  .isMissingNode())
          .isTrue();
    }
    for (String good : GOOD_EMOJI) {
      TestClient c = server.client();
      JsonNode welcome = c.welcomed(obj("type", "hello", "nick", nick("av"), "avatar", good));
      assertThat(welcome.path("user").path("avatar").asString()).isEqualTo(good);
    }
  }

  @Test
  void aResumedUserCannotChangeTheirAvatarToABadOne() {
    TestClient ann = server.user("ann");
    TestClient tab = server.client();
    JsonNode reply =
        rawCall(
            tab,
            "{\"type\":\"hello\",\"token\":\""
                + ann.token()
                + "\",\"avatar\":\"\\u202e\\ud83d\\ude42\"}");
    assertThat(reply.path("code").asString()).isEqualTo("bad_request");
  }

  @Test
  void aReactionIsOneEmojiSequenceAndNothingElse() {
    TestClient ann = server.user("ann");
    String room = room("react");
    ann.create(room);
    long seq = ann.say(room, "react to me").path("seq").asLong();
    for (Map.Entry<String, String> bad : BAD_SYMBOLS.entrySet()) {
      JsonNode reply =
          rawCall(
              ann,
              "{\"type\":\"react\",\"room\":\""
                  + room
                  + "\",\"seq\":"
                  + seq
                  + ",\"on\":true,\"emoji\":\""
                  + bad.getValue()
                  + "\"}");
      assertThat(reply.path("code").asString())
          .as("reaction with %s", bad.getKey())
          .isEqualTo("bad_request");
      assertThat(reply.path("message").asString())
          .as("reaction with %s", bad.getKey())
          .contains("reaction");
    }
    for (String good : GOOD_EMOJI) {
      ann.ok(obj("type", "react", "room", room, "seq", seq, "emoji", good, "on", true));
    }
    JsonNode stored = ann.history(room, "after", seq - 1).path("events").get(0).path("reactions");
    for (String good : GOOD_EMOJI) assertThat(stored.has(good)).as("reaction %s", good).isTrue();
  }

  @Test
  void aTopicKeepsTheRulesButMayHoldEmojiAndAnyScript() {
    TestClient ann = server.user("ann");
    String[] badTopics = {
      "\\u202eevil",
      "tabs \\u2066isolated\\u2069",
      "broken \\ud800 text",
      "zero\\u200bwidth",
      "bell \\u0007",
      "\\u009b C1",
    };
    for (String bad : badTopics) {
      JsonNode reply =
          rawCall(
              ann,
              "{\"type\":\"create\",\"room\":\"" + room("topic") + "\",\"topic\":\"" + bad + "\"}");
      assertThat(reply.path("code").asString()).as("topic %s", bad).isEqualTo("bad_request");
      assertThat(reply.path("message").asString()).as("topic %s", bad).contains("topic");
    }
    String good = "Weekend 👨‍👩‍👧‍👦 plans, שלום, سلام، می‌خواهم, 🇫🇷 1️⃣ 🏴󠁧󠁢󠁳󠁣󠁴󠁿";
    String room = room("topic");
    ann.ok(obj("type", "create", "room", room, "topic", good));
    assertThat(
            ann.await("room", r -> room.equals(r.path("name").asString())).path("topic").asString())
        .isEqualTo(good);
  }

  @Test
  void aMessageOrAnEditWithALoneSurrogateOrAControlIsRefusedAndTheRoomStaysReadable() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room("text");
    ann.create(room);
    bob.join(room);
    TestClient carol = server.user("carol");
    carol.join(room);
    Bystander bystander =
        Bystander.watch(carol, room, server.httpUri("/healthz")); // reads the attacked room
    String[] badTexts = {
      "half an emoji \\ud83d", "\\ude42 low half", "C1 \\u0085 next line", "nul \\u0000"
    };
    for (String bad : badTexts) {
      JsonNode reply =
          rawCall(
              ann,
              "{\"type\":\"send\",\"room\":\""
                  + room
                  + "\",\"id\":\"m-raw-"
                  + TestClient.newId()
                  + "\",\"text\":\""
                  + bad
                  + "\"}");
      assertThat(reply.path("code").asString()).as("text %s", bad).isEqualTo("bad_request");
    }
    long seq = ann.say(room, "fine 👩🏽‍💻 text, שלום \u200f!").path("seq").asLong();
    JsonNode edit =
        rawCall(
            ann,
            "{\"type\":\"edit\",\"room\":\""
                + room
                + "\",\"seq\":"
                + seq
                + ",\"text\":\"broken \\ud800\"}");
    assertThat(edit.path("code").asString()).isEqualTo("bad_request");
    JsonNode badId =
        rawCall(
            ann,
            "{\"type\":\"send\",\"room\":\""
                + room
                + "\",\"id\":\"m-raw\\ud800\",\"text\":\"hi\"}");
    assertThat(badId.path("code").asString()).isEqualTo("bad_request");
    JsonNode controlId =
        rawCall(
            ann,
            "{\"type\":\"send\",\"room\":\""
                + room
                + "\",\"id\":\"m-raw\\u0000\",\"text\":\"hi\"}");
    assertThat(controlId.path("code").asString()).isEqualTo("bad_request");
    // everyone can still read the room
    JsonNode history = bob.history(room);
    assertThat(history.path("type").asString()).isEqualTo("history");
    assertThat(history.path("events").toString()).contains("fine 👩🏽‍💻 text");
    bob.ping();
    Awaitility.await().atMost(TestClient.TIMEOUT).until(() -> bystander.rounds() >= 3);
    bystander.assertServed();
  }

  @Test
  void aNickStillRefusesWhatItAlwaysRefused() {
    for (String bad : new String[] {"ann\\u202e", "\\ud83d", "a\\u200bnn", "a\\u0000nn"}) {
      TestClient c = server.client();
      JsonNode reply = rawCall(c, "{\"type\":\"hello\",\"nick\":\"" + bad + "\"}");
      assertThat(reply.path("code").asString()).as("nick %s", bad).isEqualTo("invalid_nick");
    }
  }
}
