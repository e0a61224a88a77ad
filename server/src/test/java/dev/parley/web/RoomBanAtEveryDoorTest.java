package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A person banned from a room cannot come back by any door into it: not by {@code join}, not by an
 * invite link made before or after the ban, not by a member's invitation; and the invite's use is
 * not spent on them. The owner's {@code settings} also makes a room private (and a moderator's may
 * not): the two halves of issue 18, private rooms and moderation, meet here.
 */
class RoomBanAtEveryDoorTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  private static String code(JsonNode error) {
    assertThat(error.path("type").asString()).as(error.toString()).isEqualTo("error");
    return error.path("code").asString();
  }

  @Test
  void aBannedPersonIsRefusedAtJoinAtAnInviteLinkAndAtAnInvitation() {
    TestClient ann = server.user("Ann");
    TestClient bob = server.user("Bob");
    TestClient cy = server.user("Cy");
    String room = ParleyServerExtension.room("club");
    ann.create(room);
    bob.join(room);
    cy.join(room);
    String before =
        ann.call(obj("type", "invite", "room", room, "uses", 5)).path("code").asString();

    ann.ok(obj("type", "ban", "room", room, "user", bob.id(), "reason", "spam"));
    bob.await("moderated");
    String after = ann.call(obj("type", "invite", "room", room, "uses", 5)).path("code").asString();

    assertThat(code(bob.error(obj("type", "join", "room", room)))).isEqualTo("banned");
    assertThat(code(bob.error(obj("type", "join", "invite", before)))).isEqualTo("banned");
    assertThat(code(bob.error(obj("type", "join", "invite", after)))).isEqualTo("banned");
    assertThat(code(cy.error(obj("type", "invite", "room", room, "user", bob.id()))))
        .isEqualTo("banned");

    JsonNode open = ann.call(obj("type", "invites", "room", room)).path("invites");
    assertThat(open.findValuesAsString("usesLeft"))
        .as("no use spent on the banned person")
        .containsOnly("5");
    ann.ok(obj("type", "unban", "room", room, "user", bob.id()));
    bob.ok(obj("type", "join", "invite", after));
  }

  @Test
  void theOwnersSettingsMakeTheRoomPrivateAndAModeratorsMayNot() {
    TestClient ann = server.user("Ann");
    TestClient mo = server.user("Mo");
    TestClient eve = server.user("Eve");
    String room = ParleyServerExtension.room("team");
    ann.create(room);
    mo.join(room);
    ann.ok(obj("type", "role", "room", room, "user", mo.id(), "role", "moderator"));

    assertThat(code(mo.error(obj("type", "settings", "room", room, "private", true))))
        .isEqualTo("forbidden");
    ann.ok(obj("type", "settings", "room", room, "private", true));
    JsonNode notice = mo.await("notice", n -> "settings".equals(n.path("event").asString()));
    assertThat(notice.path("room").asString()).isEqualTo(room);

    JsonNode missing = eve.error(obj("type", "join", "room", room));
    JsonNode nobody = eve.error(obj("type", "join", "room", ParleyServerExtension.room("nothing")));
    assertThat(code(missing)).isEqualTo(code(nobody)).isEqualTo("not_found");
  }
}
