package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Invitations into a room (issue 18): a member brings someone in at once, or makes a link with a
 * number of uses and an expiry that {@code join} with {@code invite} takes; the room's members list
 * and revoke its open links; the bounds and the flood are refused plainly.
 */
class RoomInvitesTest {

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withRate(1000, 2000));

  private static String privateRoom(TestClient owner) {
    String room = ParleyServerExtension.room("team");
    owner.ok(obj("type", "create", "room", room, "private", true));
    return room;
  }

  private static String code(JsonNode f) {
    return f.path("code").asString();
  }

  @Test
  void anInvitedUserIsInAtOnceAndTheMembersAreTold() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = privateRoom(ann);
    ann.ok(obj("type", "invite", "room", room, "user", bob.id()));

    JsonNode frame = bob.await("room", f -> room.equals(f.path("name").asString()));
    assertThat(frame.path("private").asBoolean()).isTrue();
    JsonNode notice =
        ann.await(
            "notice",
            n ->
                room.equals(n.path("room").asString())
                    && "join".equals(n.path("event").asString()));
    assertThat(notice.path("user").path("id").asString()).isEqualTo(bob.id());
    JsonNode said = ann.say(room, "welcome bob");
    assertThat(bob.awaitMessage(room, said.path("id").asString()).path("text").asString())
        .isEqualTo("welcome bob");
    assertThat(bob.history(room).path("type").asString()).isEqualTo("history");
    ann.ok(obj("type", "invite", "room", room, "user", bob.id())); // already in: nothing more
  }

  @Test
  void aLinkAdmitsAsManyAsItsUsesThenNobody() {
    TestClient ann = server.user("ann");
    String room = privateRoom(ann);
    JsonNode made = ann.ok(obj("type", "invite", "room", room, "uses", 2, "minutes", 60));
    String code = code(made);
    assertThat(code).matches("[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{16}");
    assertThat(made.path("url").asString()).endsWith("/#join=" + code);
    assertThat(made.path("expires").asLong() - System.currentTimeMillis())
        .isBetween(59 * 60_000L, 60 * 60_000L + 1);

    TestClient bob = server.user("bob");
    JsonNode joined = bob.ok(obj("type", "join", "invite", code));
    assertThat(joined.path("room").path("name").asString()).isEqualTo(room);
    assertThat(joined.path("room").path("private").asBoolean()).isTrue();
    bob.ok(obj("type", "join", "invite", code)); // already in: the use is not spent
    server.user("carol").ok(obj("type", "join", "invite", code));
    JsonNode late = server.user("dave").error(obj("type", "join", "invite", code));
    assertThat(code(late)).isEqualTo("bad_invite");
    assertThat(
            server
                .user("eve")
                .error(obj("type", "join", "invite", "NOTACODE"))
                .path("code")
                .asString())
        .isEqualTo("bad_invite");
  }

  @Test
  void membersListAndRevokeTheOpenLinksAndOthersCannot() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient carol = server.user("carol");
    String room = privateRoom(ann);
    ann.ok(obj("type", "invite", "room", room, "user", bob.id()));
    String first = code(ann.ok(obj("type", "invite", "room", room, "uses", 3)));
    code(bob.ok(obj("type", "invite", "room", room, "uses", 1, "minutes", 5)));

    JsonNode listed = bob.call(obj("type", "invites", "room", room));
    assertThat(listed.path("type").asString()).isEqualTo("invites");
    assertThat(listed.path("room").asString()).isEqualTo(room);
    assertThat(listed.path("invites")).hasSize(2);
    assertThat(listed.toString()).doesNotContain(first);
    JsonNode oldest = listed.path("invites").get(1);
    assertThat(oldest.path("uses").asInt()).isEqualTo(3);
    assertThat(oldest.path("usesLeft").asInt()).isEqualTo(3);
    assertThat(oldest.path("createdBy").asString()).isEqualTo(ann.id());

    assertThat(code(carol.error(obj("type", "uninvite", "code", first)))).isEqualTo("bad_invite");
    assertThat(code(carol.error(obj("type", "invites", "room", room)))).isEqualTo("not_found");
    bob.ok(obj("type", "uninvite", "code", oldest.path("id").asString()));
    assertThat(bob.call(obj("type", "invites", "room", room)).path("invites")).hasSize(1);
    assertThat(code(carol.error(obj("type", "join", "invite", first)))).isEqualTo("bad_invite");
  }

  @Test
  void anyoneInAPublicRoomMayInviteButOnlyFromInside() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = ParleyServerExtension.room("open");
    ann.create(room);
    assertThat(code(bob.error(obj("type", "invite", "room", room, "uses", 1))))
        .isEqualTo("not_member");
    bob.join(room);
    String link = code(bob.ok(obj("type", "invite", "room", room)));
    TestClient carol = server.user("carol");
    assertThat(carol.ok(obj("type", "join", "invite", link)).path("room").path("name").asString())
        .isEqualTo(room);
  }

  @Test
  void usesAndExpiryOutOfBoundsAreRefusedAndNothingIsMade() {
    TestClient ann = server.user("ann");
    String room = privateRoom(ann);
    for (ObjectNode bad :
        new ObjectNode[] {
          obj("type", "invite", "room", room, "uses", 0),
          obj("type", "invite", "room", room, "uses", 1001),
          obj("type", "invite", "room", room, "minutes", 0),
          obj("type", "invite", "room", room, "minutes", TimeUnit.DAYS.toMinutes(30) + 1),
          obj("type", "invite", "room", room, "user", "u-nobody")
        }) {
      JsonNode refused = ann.error(bad);
      assertThat(code(refused)).as("%s", bad).isIn("bad_request", "not_found");
    }
    ann.ok(obj("type", "invite", "room", room, "minutes", TimeUnit.DAYS.toMinutes(30)));
    assertThat(ann.call(obj("type", "invites", "room", room)).path("invites")).hasSize(1);
  }

  @Test
  void aFloodOfInvitesIsSlowedDownWithAClearError() {
    TestClient ann = server.user("ann");
    String room = privateRoom(ann);
    JsonNode last = null;
    for (int i = 0; i < 25; i++) {
      last = ann.call(obj("type", "invite", "room", room, "uses", 1));
      if ("error".equals(last.path("type").asString())) break;
    }
    assertThat(code(last)).isEqualTo("slow_down");
    assertThat(last.path("retryAfter").asLong()).isPositive();
    assertThat(last.path("message").asString()).contains("invitations");
    assertThat(ann.call(obj("type", "invites", "room", room)).path("invites")).hasSize(20);
  }
}
