package dev.parley.push;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.PushService;
import dev.parley.testing.TestClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Web Push end to end: the server pushes to a push service of this test's own on 127.0.0.1 (real
 * HTTP), which verifies each push's VAPID signature with the server's public key and decrypts its
 * payload with the device's keys ({@link PushService}). What is pushed (mentions, direct messages,
 * thread replies, by the room's level), what is not (a visible tab, level none, a room one was
 * removed from), gone subscriptions dropped, retries, and the bounds of a subscription.
 */
class WebPushTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  static final PushService service = new PushService();
  static final Duration WAIT = Duration.ofSeconds(10);

  @BeforeAll
  static void pushToThisTest() {
    TestPushers.loopback(server.server());
  }

  @AfterAll
  static void stopService() {
    service.close();
  }

  /** A user with one device subscribed; the service expects the server's key. */
  static TestClient subscribed(String base, PushService.Device device) {
    TestClient c = server.user(base);
    JsonNode key = c.call(obj("type", "push_key"));
    assertThat(key.path("type").asString()).isEqualTo("push_key");
    service.expectKey(key.path("key").asString());
    c.ok(obj("type", "push", "subscription", device.subscription()));
    return c;
  }

  static JsonNode say(TestClient from, String room, String text, String... mentions) {
    String id = TestClient.newId();
    from.send(
        obj("type", "send", "room", room, "id", id, "text", text, "mentions", List.of(mentions)));
    return from.awaitMessage(room, id);
  }

  static JsonNode whisper(TestClient from, TestClient to, String text) {
    String id = TestClient.newId();
    from.send(obj("type", "send", "to", to.id(), "id", id, "text", text));
    return from.awaitFrame(
        f -> "message".equals(f.path("type").asString()) && id.equals(f.path("id").asString()));
  }

  static List<JsonNode> pushes(PushService.Device d, int n) {
    await().atMost(WAIT).until(() -> service.of(d).size() >= n);
    assertThat(service.problems).isEmpty();
    return service.of(d).stream().map(PushService.Push::payload).toList();
  }

  /** Frames of one connection are handled in order: a pong means the ones before it were. */
  static void settled(TestClient c) {
    c.ping();
  }

  @Test
  void aMentionIsPushedSignedByTheServerAndEncryptedToTheDevice() {
    PushService.Device phone = service.device();
    TestClient bob = subscribed("bob", phone);
    TestClient ann = server.user("ann");
    String room = ParleyServerExtension.room("push");
    ann.create(room);
    bob.join(room);

    say(ann, room, "nothing for bob here");
    JsonNode sent = say(ann, room, "lunch, @" + bob.nick() + "?", bob.id());

    JsonNode push = pushes(phone, 1).get(0);
    assertThat(push.path("room").asString()).isEqualTo(room);
    assertThat(push.path("label").asString()).isEqualTo(room);
    assertThat(push.path("seq").asLong()).isEqualTo(sent.path("seq").asLong());
    assertThat(push.path("from").asString()).isEqualTo(ann.nick());
    assertThat(push.path("text").asString()).isEqualTo("lunch, @" + bob.nick() + "?");
    assertThat(push.path("reason").asString()).isEqualTo("mention");
    whisper(ann, bob, "psst");
    JsonNode direct = pushes(phone, 2).get(1);
    assertThat(direct.path("reason").asString()).isEqualTo("direct");
    assertThat(direct.has("label")).as("a direct room is named by the client").isFalse();
    assertThat(service.of(phone)).as("the plain message was not pushed").hasSize(2);
    PushService.Push first = service.of(phone).get(0);
    assertThat(first.headers().get("Topic").get(0)).hasSize(32).doesNotContain(room);
    assertThat(first.headers().get("Urgency")).containsExactly("high");
  }

  @Test
  void aReplyInAThreadIWroteIsPushed() {
    PushService.Device phone = service.device();
    TestClient bob = subscribed("bob", phone);
    TestClient ann = server.user("ann");
    String room = ParleyServerExtension.room("thread");
    bob.create(room);
    ann.join(room);
    JsonNode root = say(bob, room, "a plan");
    String id = TestClient.newId();
    ann.send(
        obj(
            "type",
            "send",
            "room",
            room,
            "id",
            id,
            "text",
            "sounds good",
            "thread",
            root.path("seq").asLong()));
    ann.awaitMessage(room, id);

    JsonNode push = pushes(phone, 1).get(0);
    assertThat(push.path("reason").asString()).isEqualTo("thread");
    assertThat(push.path("text").asString()).isEqualTo("sounds good");
  }

  @Test
  void aVisibleTabHoldsThePushUntilItIsHidden() {
    PushService.Device phone = service.device();
    TestClient bob = subscribed("bob", phone);
    TestClient tab2 = server.tabOf(bob);
    TestClient ann = server.user("ann");

    bob.send(obj("type", "visible", "on", true));
    settled(bob);
    whisper(ann, bob, "you are looking");
    tab2.send(obj("type", "visible", "on", false));
    settled(tab2);
    whisper(ann, bob, "still looking, in the other tab");
    bob.send(obj("type", "visible", "on", false));
    settled(bob);
    whisper(ann, bob, "now away");

    List<JsonNode> got = pushes(phone, 1);
    assertThat(got).extracting(p -> p.path("text").asString()).containsExactly("now away");

    bob.send(obj("type", "visible", "on", true));
    settled(bob);
    bob.close(); // a closed tab is visible no more
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              whisper(ann, tab2, "x"); // tab2 is bob's: the whisper is to bob
              assertThat(service.of(phone).size()).isGreaterThanOrEqualTo(2);
            });
  }

  @Test
  void levelNoneIsNeverPushedAndAllIsEveryMessage() {
    PushService.Device phone = service.device();
    TestClient bob = subscribed("bob", phone);
    TestClient ann = server.user("ann");
    String quiet = ParleyServerExtension.room("quiet");
    String busy = ParleyServerExtension.room("busy");
    ann.create(quiet);
    ann.create(busy);
    bob.join(quiet);
    bob.join(busy);
    bob.ok(obj("type", "notify", "room", quiet, "level", "none"));
    bob.ok(obj("type", "notify", "room", busy, "level", "all"));

    say(ann, quiet, "hey @" + bob.nick(), bob.id());
    say(ann, busy, "anything at all");

    List<JsonNode> got = pushes(phone, 1);
    assertThat(got).extracting(p -> p.path("reason").asString()).containsExactly("all");
    whisper(ann, bob, "sync");
    assertThat(pushes(phone, 2)).hasSize(2);
  }

  @Test
  void levelAllEndsWhenTheMemberLeavesAndComesBack() {
    PushService.Device phone = service.device();
    TestClient bob = subscribed("bob", phone);
    TestClient ann = server.user("ann");
    String room = ParleyServerExtension.room("chatty");
    ann.create(room);
    bob.join(room);
    bob.ok(obj("type", "notify", "room", room, "level", "all"));
    say(ann, room, "first");
    assertThat(pushes(phone, 1).get(0).path("reason").asString()).isEqualTo("all");

    bob.ok(obj("type", "leave", "room", room));
    bob.join(room);
    say(ann, room, "second, after bob came back");
    whisper(ann, bob, "sync");

    List<JsonNode> got = pushes(phone, 2);
    assertThat(got).hasSize(2);
    assertThat(got.get(1).path("text").asString()).isEqualTo("sync");
  }

  @Test
  void someoneRemovedFromAPrivateRoomGetsNoPushOfIt() {
    PushService.Device phone = service.device();
    TestClient bob = subscribed("bob", phone);
    TestClient ann = server.user("ann");
    String room = ParleyServerExtension.room("secret");
    ann.ok(obj("type", "create", "room", room, "private", true));
    ann.ok(obj("type", "invite", "room", room, "user", bob.id()));
    bob.join(room);
    say(ann, room, "welcome @" + bob.nick(), bob.id());
    assertThat(pushes(phone, 1).get(0).path("room").asString()).isEqualTo(room);

    ann.ok(obj("type", "kick", "room", room, "user", bob.id(), "reason", "done"));
    say(ann, room, "after you left, @" + bob.nick(), bob.id());
    say(ann, room, "the secret plan");
    whisper(ann, bob, "sync");

    List<JsonNode> got = pushes(phone, 2);
    assertThat(got).hasSize(2);
    assertThat(got.get(1).path("text").asString()).isEqualTo("sync");
  }

  @Test
  void aSubscriptionThePushServiceSaysIsGoneIsDropped() throws Exception {
    PushService.Device gone = service.device();
    PushService.Device flaky = service.device();
    TestClient bob = subscribed("bob", gone);
    bob.ok(obj("type", "push", "subscription", flaky.subscription()));
    gone.answers.add(410);
    flaky.answers.add(503);
    flaky.answers.add(429);
    TestClient ann = server.user("ann");

    whisper(ann, bob, "are you there");

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(server.server().push().book().devices(bob.id()))
                    .extracting(d -> d.endpoint())
                    .containsExactly(flaky.endpoint()));
    assertThat(pushes(flaky, 1)).hasSize(1);
    assertThat(flaky.requests.get()).as("two refusals, then delivered").isEqualTo(3);
    whisper(ann, bob, "again");
    assertThat(pushes(flaky, 2)).hasSize(2);
    assertThat(gone.requests.get()).as("never asked again").isEqualTo(1);
  }

  @Test
  void aUsersPushesArriveInTheOrderOfTheirMessages() {
    PushService.Device phone = service.device();
    TestClient bob = subscribed("bob", phone);
    TestClient ann = server.user("ann");
    List<String> texts = new java.util.ArrayList<>();
    String last = null;
    for (int i = 1; i <= 30; i++) {
      texts.add("message " + i);
      last = TestClient.newId();
      ann.send(obj("type", "send", "to", bob.id(), "id", last, "text", "message " + i));
    }
    String lastId = last;
    ann.awaitFrame(
        f -> "message".equals(f.path("type").asString()) && lastId.equals(f.path("id").asString()));

    assertThat(pushes(phone, 30))
        .as("each push names the room as its Topic: the last one must be the newest")
        .extracting(p -> p.path("text").asString())
        .containsExactlyElementsOf(texts);
  }

  @Test
  void aRetryGivesWayToANewerPushOfTheSameRoom() throws Exception {
    PushService.Device phone = service.device();
    TestClient bob = subscribed("bob", phone);
    TestClient ann = server.user("ann");
    phone.answers.add(503);

    whisper(ann, bob, "older");
    whisper(ann, bob, "newer");

    assertThat(pushes(phone, 1))
        .extracting(p -> p.path("text").asString())
        .containsExactly("newer");
    Thread.sleep(1_000); // twenty times the test's back-off: a retry of "older" would be here
    assertThat(service.of(phone)).hasSize(1);
    assertThat(phone.requests.get()).as("older refused once, never asked again").isEqualTo(2);
  }

  @Test
  void unpushForgetsTheDevice() {
    PushService.Device old = service.device();
    PushService.Device kept = service.device();
    TestClient bob = subscribed("bob", old);
    bob.ok(obj("type", "push", "subscription", kept.subscription()));
    bob.ok(obj("type", "unpush", "endpoint", old.endpoint()));
    TestClient ann = server.user("ann");
    whisper(ann, bob, "one");
    assertThat(pushes(kept, 1)).hasSize(1);
    assertThat(old.requests.get()).isZero();
  }

  @Test
  void aUserHasAtMostTenDevices() {
    TestClient bob = subscribed("bob", service.device());
    for (int i = 1; i < 10; i++)
      bob.ok(obj("type", "push", "subscription", service.device().subscription()));
    JsonNode refused =
        bob.error(obj("type", "push", "subscription", service.device().subscription()));
    assertThat(refused.path("code").asString()).isEqualTo("quota");
  }

  @Test
  void aSubscriptionIsCheckedBeforeItIsKept() {
    TestClient bob = server.user("bob");
    PushService.Device d = service.device();
    String p256dh = d.p256dh();
    String auth = d.auth();
    for (JsonNode sub :
        List.of(
            obj("endpoint", "http://push.example/x", "keys", obj("p256dh", p256dh, "auth", auth)),
            obj(
                "endpoint",
                "https://" + "a".repeat(1100),
                "keys",
                obj("p256dh", p256dh, "auth", auth)),
            obj("endpoint", "not a url", "keys", obj("p256dh", p256dh, "auth", auth)),
            obj("endpoint", d.endpoint(), "keys", obj("p256dh", auth, "auth", auth)),
            obj("endpoint", d.endpoint(), "keys", obj("p256dh", p256dh, "auth", p256dh)),
            obj("endpoint", d.endpoint(), "keys", obj("p256dh", "!!", "auth", auth)),
            obj("endpoint", d.endpoint()))) {
      JsonNode refused = bob.error(obj("type", "push", "subscription", sub));
      assertThat(refused.path("code").asString()).as(sub.toString()).isEqualTo("bad_request");
    }
    assertThat(bob.error(obj("type", "push")).path("code").asString()).isEqualTo("bad_request");
    assertThat(bob.error(obj("type", "visible")).path("code").asString()).isEqualTo("bad_request");
  }
}
