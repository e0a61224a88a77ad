package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static dev.parley.testing.ParleyServerExtension.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The {@code members} frame (a Parley extension): a room's members with their presence, in pages,
 * for its members only; a non-member is refused as {@code history} refuses them.
 */
class RoomMembersTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  @Test
  void aMemberSeesTheMembersWithTheirPresenceInPages() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient cy = server.user("cy");
    String room = room("crew");
    ann.create(room);
    bob.join(room);
    cy.join(room);
    cy.close();
    ann.await(
        "presence",
        p ->
            p.path("status").asString().equals("offline")
                && p.path("user").path("id").asString().equals(cy.id()));

    JsonNode all = ann.call(obj("type", "members", "room", room));
    assertThat(all.path("type").asString()).isEqualTo("members");
    assertThat(all.path("room").asString()).isEqualTo(room);
    assertThat(all.path("more").asBoolean()).isFalse();
    List<String> ids = all.path("members").findValuesAsString("id");
    assertThat(ids).containsExactlyInAnyOrder(ann.id(), bob.id(), cy.id()).isSorted();
    for (JsonNode m : all.path("members")) {
      String expected = m.path("id").asString().equals(cy.id()) ? "offline" : "online";
      assertThat(m.path("status").asString()).as(m.toString()).isEqualTo(expected);
      assertThat(m.path("nick").asString()).isNotEmpty();
    }

    JsonNode first = ann.call(obj("type", "members", "room", room, "limit", 2));
    assertThat(first.path("members").findValuesAsString("id")).isEqualTo(ids.subList(0, 2));
    assertThat(first.path("more").asBoolean()).isTrue();
    JsonNode rest =
        ann.call(
            obj(
                "type",
                "members",
                "room",
                room,
                "limit",
                2,
                "after",
                first.path("next").asString()));
    assertThat(rest.path("members").findValuesAsString("id")).isEqualTo(ids.subList(2, 3));
    assertThat(rest.path("more").asBoolean()).isFalse();
  }

  @Test
  void onlyMembersMayAskAndOthersConversationsDoNotExist() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient eve = server.user("eve");
    String room = room("secretish");
    ann.create(room);
    String dm = DirectMessageTest.whisper(ann, bob, "hi").path("room").asString();

    assertThat(code(eve.error(obj("type", "members", "room", room)))).isEqualTo("not_member");
    assertThat(code(eve.error(obj("type", "members", "room", room("nowhere")))))
        .isEqualTo("not_found");
    assertThat(code(eve.error(obj("type", "members", "room", dm)))).isEqualTo("not_found");
    assertThat(
            bob.call(obj("type", "members", "room", dm)).path("members").findValuesAsString("id"))
        .containsExactlyInAnyOrder(ann.id(), bob.id());
  }

  private static String code(JsonNode error) {
    return error.path("code").asString();
  }
}
