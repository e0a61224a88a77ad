package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A page of {@code history} names who its authors are now ({@code authors}, a Parley extension): a
 * renamed user's old messages keep the author they were sent with, and a client still learns the
 * name they have now, by id, even while they are offline and someone else holds their old nick.
 */
class HistoryAuthorsTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  @Test
  void aRenamedAuthorsOldMessagesComeWithTheNameTheyHaveNow() {
    String room = ParleyServerExtension.room("names");
    TestClient ann = server.user("ann");
    String oldNick = ann.nick();
    ann.create(room);
    TestClient bob = server.user("bob");
    bob.join(room);
    ann.say(room, "before the rename");

    String renamed = ParleyServerExtension.nick("annie");
    ann.ok(obj("type", "profile", "nick", renamed));
    bob.await("presence", p -> p.path("user").path("nick").asString().equals(renamed));
    ann.close();
    // someone else takes the nick ann gave up: a different id, never her messages' author
    TestClient squatter = server.user("x");
    squatter.ok(obj("type", "profile", "nick", oldNick));

    JsonNode page = bob.history(room);
    JsonNode said = message(page, "before the rename");
    assertThat(said.path("from").path("nick").asString())
        .as("the event keeps the author it was sent with")
        .isEqualTo(oldNick);
    assertThat(said.path("from").path("id").asString()).isEqualTo(ann.id());
    Map<String, String> now = authors(page);
    assertThat(now).containsEntry(ann.id(), renamed).containsEntry(bob.id(), bob.nick());
    assertThat(now).doesNotContainKey(squatter.id());
  }

  @Test
  void aPageReadFromTheStoreAfterARestartNamesItsAuthorsToo() {
    String room = ParleyServerExtension.room("kept");
    TestClient ann = server.user("ann");
    ann.create(room);
    ann.say(room, "said once");
    String renamed = ParleyServerExtension.nick("annie");
    ann.ok(obj("type", "profile", "nick", renamed));
    String token = ann.token();

    server.restart();
    TestClient back = server.client();
    back.resume(token);
    JsonNode page = back.history(room);
    assertThat(authors(page)).containsEntry(back.id(), renamed);
    assertThat(message(page, "said once").path("from").path("nick").asString())
        .isNotEqualTo(renamed);
  }

  private static JsonNode message(JsonNode page, String text) {
    for (JsonNode e : page.path("events")) {
      if (text.equals(e.path("text").asString())) return e;
    }
    throw new AssertionError("no message \"" + text + "\" in " + page);
  }

  private static Map<String, String> authors(JsonNode page) {
    Map<String, String> byId = new HashMap<>();
    for (JsonNode a : page.path("authors"))
      byId.put(a.path("id").asString(), a.path("nick").asString());
    return byId;
  }
}
