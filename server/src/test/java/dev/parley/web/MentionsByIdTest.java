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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A mention belongs to the user id it was meant for ({@code send} with {@code mentions}): the
 * server keeps only ids of people whose current nick the text names after an {@code @}, stores each
 * with the name as written, and hands them back on the {@code message}, in history and in changes,
 * after a restart too; a rename or a newcomer taking the old nick changes nothing.
 */
class MentionsByIdTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  @Test
  void onlyIdsOfPeopleTheTextNamesAreKeptWithTheNameAsWritten() {
    String room = ParleyServerExtension.room("men");
    TestClient ann = server.user("ann");
    ann.create(room);
    TestClient bob = server.user("bob");
    bob.join(room);
    TestClient carol = server.user("carol");
    carol.join(room);

    String text = "hey @" + bob.nick().toUpperCase() + ", look";
    JsonNode sent = send(ann, room, text, ids(bob.id(), carol.id(), "u-nobody", bob.id()));
    JsonNode mentions = sent.path("mentions");
    assertThat(mentions).as("carol is not named, u-nobody is nobody").hasSize(1);
    assertThat(mentions.get(0).path("id").asString()).isEqualTo(bob.id());
    assertThat(mentions.get(0).path("nick").asString()).isEqualTo(bob.nick().toUpperCase());
    JsonNode atBob = bob.awaitMessage(room, sent.path("id").asString());
    assertThat(atBob.path("mentions")).isEqualTo(mentions);

    JsonNode plain = send(ann, room, "no one here", ids(bob.id()));
    assertThat(plain.has("mentions")).as("nobody named: no field").isFalse();
  }

  @Test
  void moreThanFiftyIdsOrIdsThatAreNotStringsAreRefused() {
    String room = ParleyServerExtension.room("many");
    TestClient ann = server.user("ann");
    ann.create(room);
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 51; i++) many.add("u" + i);
    ObjectNode tooMany =
        obj("type", "send", "room", room, "id", TestClient.newId(), "text", "@x")
            .set("mentions", ids(many.toArray(String[]::new)));
    assertThat(ann.error(tooMany).path("code").asString()).isEqualTo("bad_request");
    ObjectNode numbers =
        obj("type", "send", "room", room, "id", TestClient.newId(), "text", "@x")
            .set("mentions", JsonNodeFactory.instance.arrayNode().add(1));
    assertThat(ann.error(numbers).path("code").asString()).isEqualTo("bad_request");
    assertThat(ann.history(room).path("events").findValuesAsString("text")).doesNotContain("@x");
  }

  @Test
  void aMentionStaysWithItsUserThroughRenameNewcomerRestartHistoryAndChanges() {
    String room = ParleyServerExtension.room("kept");
    TestClient ann = server.user("ann");
    ann.create(room);
    TestClient bob = server.user("bob");
    bob.join(room);
    String oldNick = bob.nick();
    JsonNode sent = send(ann, room, "ping @" + oldNick, ids(bob.id()));
    long seq = sent.path("seq").asLong();

    bob.ok(obj("type", "profile", "nick", ParleyServerExtension.nick("rob")));
    bob.close();
    TestClient newcomer = server.user("x");
    newcomer.ok(obj("type", "profile", "nick", oldNick));
    newcomer.join(room);
    // after the rename, the old nick is someone else's: an id for it now is the newcomer's
    ann.ok(obj("type", "react", "room", room, "seq", seq, "emoji", "👍", "on", true));
    String annToken = ann.token();

    server.restart();
    TestClient back = server.client();
    back.resume(annToken);
    JsonNode page = back.history(room);
    JsonNode stored = null;
    for (JsonNode e : page.path("events")) if (e.path("seq").asLong() == seq) stored = e;
    assertThat(stored).isNotNull();
    assertThat(stored.path("mentions")).hasSize(1);
    assertThat(stored.path("mentions").get(0).path("id").asString()).isEqualTo(bob.id());
    assertThat(stored.path("mentions").get(0).path("nick").asString()).isEqualTo(oldNick);
    // a page of ann's message alone (bob's join notice outside it) still names bob as he is now
    JsonNode alone = back.history(room, "after", seq - 1, "limit", 1);
    assertThat(alone.path("events")).hasSize(1);
    String robNow = null;
    for (JsonNode a : alone.path("authors")) {
      if (bob.id().equals(a.path("id").asString())) robNow = a.path("nick").asString();
    }
    assertThat(robNow).as("the page names the mentioned user as they are now").startsWith("rob");

    JsonNode changes = back.call(obj("type", "changes", "room", room, "since", 0));
    JsonNode changed = changes.path("events").get(0);
    assertThat(changed.path("seq").asLong()).isEqualTo(seq);
    assertThat(changed.path("mentions").get(0).path("id").asString()).isEqualTo(bob.id());

    // an edit that no longer names bob drops the mention
    back.ok(obj("type", "edit", "room", room, "seq", seq, "text", "ping nobody"));
    JsonNode after = back.call(obj("type", "changes", "room", room, "since", 0));
    assertThat(after.path("events").get(0).has("mentions")).isFalse();
  }

  private static JsonNode send(TestClient c, String room, String text, ArrayNode mentions) {
    String id = TestClient.newId();
    c.send(obj("type", "send", "room", room, "id", id, "text", text).set("mentions", mentions));
    return c.awaitMessage(room, id);
  }

  private static ArrayNode ids(String... ids) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (String id : ids) a.add(id);
    return a;
  }
}
