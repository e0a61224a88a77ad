package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static dev.parley.testing.ParleyServerExtension.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A client that was away while messages it already holds were edited, deleted or reacted to learns
 * of every change on reconnect, as surely as it learns of new messages: {@code history} with {@code
 * after} brings the new seqs, {@code changes} with {@code since} the changed ones.
 */
class ChangesCatchUpTest {

  @RegisterExtension
  static final ParleyServerExtension server = ParleyServerExtension.with(c -> c.withRate(100, 200));

  @Test
  void editsDeletesAndReactionsMadeWhileAwayComeBackWithChanges() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room("away");
    ann.create(room);
    bob.join(room);
    long a = ann.say(room, "first draft").path("seq").asLong();
    long b = ann.say(room, "regret this").path("seq").asLong();
    long c = ann.say(room, "vote here").path("seq").asLong();
    bob.roundTrip(room);
    long lastSeq = bob.roundTrip(room);
    long rev = 0; // nothing has changed yet: bob's known rev, as a client keeps it
    String token = bob.token();
    bob.close();

    ann.ok(obj("type", "edit", "room", room, "seq", a, "text", "final draft"));
    ann.ok(obj("type", "delete", "room", room, "seq", b));
    ann.ok(obj("type", "react", "room", room, "seq", c, "emoji", "🗳️", "on", true));

    TestClient back = server.client();
    back.resume(token);
    assertThat(back.welcomeRoom(room).path("rev").asLong()).isEqualTo(3);
    assertThat(back.history(room, "after", lastSeq).path("events")).isEmpty(); // no new seq
    JsonNode changes = back.call(obj("type", "changes", "room", room, "since", rev));

    assertThat(changes.path("type").asString()).isEqualTo("changes");
    assertThat(changes.path("room").asString()).isEqualTo(room);
    assertThat(changes.path("rev").asLong()).isEqualTo(3);
    assertThat(changes.path("more").asBoolean()).isFalse();
    JsonNode events = changes.path("events");
    assertThat(events.findValuesAsString("type")).containsOnly("message");
    assertThat(seqs(events)).containsExactly(a, b, c);
    assertThat(events.get(0).path("text").asString()).isEqualTo("final draft");
    assertThat(events.get(1).path("deleted").asBoolean()).isTrue();
    assertThat(events.get(1).has("text")).isFalse();
    assertThat(events.get(2).path("reactions").path("🗳️").get(0).asString()).isEqualTo(ann.id());
  }

  @Test
  void changesComeInPagesAndAnUpToDateClientGetsNone() {
    TestClient ann = server.user("ann");
    String room = room("many");
    ann.create(room);
    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < 5; i++) seqs.add(ann.say(room, "m" + i).path("seq").asLong());
    for (long seq : seqs)
      ann.ok(obj("type", "edit", "room", room, "seq", seq, "text", "edited " + seq));

    List<Long> got = new ArrayList<>();
    long since = 0;
    boolean more = true;
    int pages = 0;
    while (more) {
      JsonNode page = ann.call(obj("type", "changes", "room", room, "since", since, "limit", 2));
      JsonNode events = page.path("events");
      got.addAll(seqs(events));
      since = events.get(events.size() - 1).path("rev").asLong();
      more = page.path("more").asBoolean();
      pages++;
    }
    assertThat(got).isEqualTo(seqs);
    assertThat(pages).isEqualTo(3);
    JsonNode none = ann.call(obj("type", "changes", "room", room, "since", 5));
    assertThat(none.path("events")).isEmpty();
    assertThat(none.path("rev").asLong()).isEqualTo(5);
  }

  @Test
  void changesSurviveARestartOfTheServer() {
    TestClient ann = server.user("ann");
    String room = room("restart");
    ann.create(room);
    long seq = ann.say(room, "typo").path("seq").asLong();
    ann.ok(obj("type", "edit", "room", room, "seq", seq, "text", "fixed"));
    String token = ann.token();

    server.restart();

    TestClient back = server.client();
    back.resume(token);
    assertThat(back.welcomeRoom(room).path("rev").asLong()).isEqualTo(1);
    assertThat(
            back.call(obj("type", "changes", "room", room, "since", 0))
                .path("events")
                .get(0)
                .path("text")
                .asString())
        .isEqualTo("fixed");
    back.ok(obj("type", "edit", "room", room, "seq", seq, "text", "fixed again"));
    assertThat(back.await("message", m -> m.path("seq").asLong() == seq).path("rev").asLong())
        .isEqualTo(2);
  }

  private static List<Long> seqs(JsonNode events) {
    List<Long> out = new ArrayList<>();
    for (JsonNode e : events) out.add(e.path("seq").asLong());
    return out;
  }
}
