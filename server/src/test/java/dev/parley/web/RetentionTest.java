package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static dev.parley.testing.ParleyServerExtension.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Retention over the socket: the override frame, its refusals, and what members are told. */
class RetentionTest {

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(
          c -> c.withRate(2000, 2000).withRetention(null, 5, Duration.ofMillis(200)));

  @Test
  void theCreatorSetsTheRoomsPolicyAndEveryoneElseIsRefused() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String r = room("ret");
    ann.create(r);
    bob.join(r);
    assertThat(ann.welcome().path("server").path("retention").path("count").asInt()).isEqualTo(5);

    JsonNode refused = bob.error(obj("type", "retention", "room", r, "days", 1, "count", null));
    assertThat(refused.path("code").asString()).isEqualTo("forbidden");
    assertThat(ann.error(obj("type", "retention", "room", r, "days", 0)).path("code").asString())
        .isEqualTo("bad_request");
    assertThat(
            ann.error(obj("type", "retention", "room", r, "count", "many")).path("code").asString())
        .isEqualTo("bad_request");
    assertThat(
            ann.error(obj("type", "retention", "room", room("nowhere"), "days", 3))
                .path("code")
                .asString())
        .isEqualTo("not_found");

    ann.ok(obj("type", "retention", "room", r, "days", 30, "count", null));
    JsonNode told =
        bob.await("room", f -> r.equals(f.path("name").asString()) && f.has("retention"));
    assertThat(told.path("retention").path("days").asInt()).isEqualTo(30);
    assertThat(told.path("retention").path("count").isNull()).isTrue();

    ann.ok(obj("type", "retention", "room", r, "inherit", true));
    bob.await("room", f -> r.equals(f.path("name").asString()) && !f.has("retention"));
  }

  @Test
  void aRestartKeepsTheRoomsPolicyAndWhereItsHistoryStarts() {
    TestClient ann = server.user("ann");
    String r = room("kept");
    ann.create(r);
    ann.ok(obj("type", "retention", "room", r, "days", 7, "count", 2));
    for (int i = 0; i < 4; i++) ann.say(r, "m" + i); // seqs 2..5
    ann.await(
        "room",
        f -> r.equals(f.path("name").asString()) && f.path("firstSeq").asLong() == 4,
        Duration.ofSeconds(10));
    String token = ann.token();

    server.restart();
    TestClient again = server.client();
    again.resume(token);
    JsonNode view = again.welcomeRoom(r);
    assertThat(view.path("firstSeq").asLong()).isEqualTo(4);
    assertThat(view.path("retention").path("days").asInt()).isEqualTo(7);
    assertThat(view.path("retention").path("count").asInt()).isEqualTo(2);
    assertThat(view.path("createdBy").asString()).isEqualTo(again.id());
  }

  @Test
  void aDirectConversationFollowsTheServer() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    ann.send(obj("type", "send", "to", bob.id(), "id", TestClient.newId(), "text", "hi"));
    JsonNode m = ann.await("message", f -> f.path("room").asString().startsWith("dm:"));
    String dm = m.path("room").asString();
    assertThat(ann.error(obj("type", "retention", "room", dm, "days", 3)).path("code").asString())
        .isEqualTo("bad_request");
    TestClient eve = server.user("eve");
    assertThat(eve.error(obj("type", "retention", "room", dm, "days", 3)).path("code").asString())
        .isEqualTo("not_found");
  }

  @Test
  void theServersCountIsAppliedAndMembersLearnWhereHistoryStarts() {
    TestClient ann = server.user("ann");
    String r = room("count");
    ann.create(r); // seq 1
    for (int i = 0; i < 11; i++) ann.say(r, "m" + i); // seqs 2..12

    JsonNode told =
        ann.await(
            "room",
            f -> r.equals(f.path("name").asString()) && f.path("firstSeq").asLong() == 8,
            Duration.ofSeconds(10));
    assertThat(told.path("firstSeq").asLong()).isEqualTo(8);

    JsonNode latest = ann.history(r, "limit", 50);
    assertThat(latest.path("events").size()).isEqualTo(5);
    assertThat(latest.path("events").get(0).path("seq").asLong()).isEqualTo(8);
    assertThat(latest.path("more").asBoolean()).isFalse();
    JsonNode older = ann.history(r, "before", 8);
    assertThat(older.path("events").size()).isZero();
    assertThat(older.path("more").asBoolean()).isFalse();

    TestClient again = server.client();
    again.resume(ann.token());
    assertThat(again.welcomeRoom(r).path("firstSeq").asLong()).isEqualTo(8);
    assertThat(again.welcomeRoom(r).path("lastSeq").asLong()).isEqualTo(12);
  }
}
