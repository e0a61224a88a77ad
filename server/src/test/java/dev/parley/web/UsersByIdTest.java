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

/**
 * {@code users} with {@code ids} (a Parley extension): who those users are now, by id, offline ones
 * included, so that a client that was closed during a rename still shows the author of old messages
 * under the name they have now. Unknown ids are left out; more than 50 ids, or ids that are not
 * strings, are a {@code bad_request}.
 */
class UsersByIdTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  @Test
  void answersWhoTheUsersAreNowOfflineOnesIncluded() {
    TestClient ann = server.user("ann");
    String renamed = ParleyServerExtension.nick("annie");
    ann.ok(obj("type", "profile", "nick", renamed, "avatar", "🦊"));
    ann.close();
    TestClient bob = server.user("bob");

    JsonNode reply = bob.call(obj("type", "users", "ids", ids(ann.id(), "u-nobody", ann.id())));
    assertThat(reply.path("type").asString()).isEqualTo("users");
    assertThat(reply.path("users")).hasSize(1);
    JsonNode who = reply.path("users").get(0);
    assertThat(who.path("id").asString()).isEqualTo(ann.id());
    assertThat(who.path("nick").asString()).isEqualTo(renamed);
    assertThat(who.path("avatar").asString()).isEqualTo("🦊");
    assertThat(who.path("status").asString()).isEqualTo("offline");
  }

  @Test
  void tooManyIdsOrIdsThatAreNotStringsAreRefused() {
    TestClient bob = server.user("bob");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 51; i++) many.add("u" + i);
    JsonNode tooMany = bob.error(obj("type", "users", "ids", ids(many.toArray(String[]::new))));
    assertThat(tooMany.path("code").asString()).isEqualTo("bad_request");
    ArrayNode numbers = JsonNodeFactory.instance.arrayNode().add(1);
    assertThat(bob.error(obj("type", "users", "ids", numbers)).path("code").asString())
        .isEqualTo("bad_request");
    // fifty is fine
    assertThat(
            bob.call(obj("type", "users", "ids", ids(many.subList(0, 50).toArray(String[]::new))))
                .path("users"))
        .isEmpty();
  }

  private static ArrayNode ids(String... ids) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (String id : ids) a.add(id);
    return a;
  }
}
