package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static dev.parley.testing.ParleyServerExtension.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Guards;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A user creates at most {@code --room-quota} rooms a day (the contract's default, 20): beyond it
 * {@code create} gets {@code quota}, whichever of their connections asks, and after a restart too.
 */
class RoomQuotaTest {

  private static final int QUOTA = Guards.defaults().roomQuota();

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(
          c -> c.withRate(1000, 1000).withGuards(c.guards().withRoomQuota(QUOTA)));

  @Test
  void aUserCreatesAtMostTheQuotaThenGetsQuotaOnEveryConnection() {
    TestClient ann = server.user("ann");
    for (int i = 0; i < QUOTA; i++) ann.create(room("q"));

    String refused = room("q");
    JsonNode error = ann.error(obj("type", "create", "room", refused));
    assertThat(error.path("code").asString()).isEqualTo("quota");
    assertThat(error.path("message").asString()).contains(String.valueOf(QUOTA));

    TestClient annTab = server.tabOf(ann);
    assertThat(annTab.error(obj("type", "create", "room", room("q"))).path("code").asString())
        .isEqualTo("quota");

    TestClient bob = server.user("bob");
    assertThat(bob.error(obj("type", "join", "room", refused)).path("code").asString())
        .as("a refused room is not made")
        .isEqualTo("not_found");
    bob.create(room("other")); // someone else's quota is their own
  }

  @Test
  void refusedCreatesDoNotCountAgainstTheQuota() {
    TestClient ann = server.user("ann");
    String taken = room("taken");
    server.user("bob").create(taken);
    for (int i = 0; i < QUOTA; i++) {
      assertThat(ann.error(obj("type", "create", "room", taken)).path("code").asString())
          .isEqualTo("room_exists");
      assertThat(ann.error(obj("type", "create", "room", "Bad Name")).path("code").asString())
          .isEqualTo("invalid_room");
    }
    for (int i = 0; i < QUOTA; i++) ann.create(room("ok"));
    assertThat(ann.error(obj("type", "create", "room", room("q"))).path("code").asString())
        .isEqualTo("quota");
  }

  @Test
  void theQuotaHoldsAfterARestart() {
    TestClient ann = server.user("ann");
    for (int i = 0; i < QUOTA - 1; i++) ann.create(room("before"));
    String token = ann.token();

    server.restart();

    TestClient again = server.client();
    again.resume(token);
    again.create(room("last"));
    assertThat(again.error(obj("type", "create", "room", room("q"))).path("code").asString())
        .isEqualTo("quota");
  }
}
