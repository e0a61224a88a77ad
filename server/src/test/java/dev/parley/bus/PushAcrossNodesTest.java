package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.push.TestPushers;
import dev.parley.push.WebPush;
import dev.parley.testing.ParleyCluster;
import dev.parley.testing.PushService;
import dev.parley.testing.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Web Push in a cluster (PostgreSQL and Redis): both nodes sign with the one VAPID key pair the
 * first of them stored, only the node that stored a message pushes it, and a tab visible on the
 * other node holds the push.
 */
class PushAcrossNodesTest {

  @RegisterExtension
  static final ParleyCluster cluster = ParleyCluster.of(2, c -> c.withRate(1000, 2000));

  static final PushService service = new PushService();
  static final Duration WAIT = Duration.ofSeconds(10);

  static final WebPush[] pushers = new WebPush[2];

  @BeforeAll
  static void pushToThisTest() {
    for (int i = 0; i < 2; i++) pushers[i] = TestPushers.loopback(cluster.node(i));
  }

  @AfterAll
  static void stopService() {
    service.close();
  }

  static String key(TestClient c) {
    return c.call(obj("type", "push_key")).path("key").asString();
  }

  static void whisper(TestClient from, TestClient to, String text) {
    String id = TestClient.newId();
    from.send(obj("type", "send", "to", to.id(), "id", id, "text", text));
    from.awaitFrame(
        f -> "message".equals(f.path("type").asString()) && id.equals(f.path("id").asString()));
  }

  @Test
  void bothNodesSignWithOneKeyAndOnlyTheStoringNodePushes() {
    TestClient ann = cluster.user(0, "ann");
    TestClient bob = cluster.user(1, "bob");
    String k = key(ann);
    assertThat(key(bob)).isEqualTo(k);
    service.expectKey(k);
    PushService.Device phone = service.device();
    bob.ok(obj("type", "push", "subscription", phone.subscription()));

    whisper(ann, bob, "from node 0");
    whisper(bob, ann, "bob answers"); // ann has no device: nothing
    whisper(ann, bob, "again from node 0");

    await().atMost(WAIT).until(() -> service.of(phone).size() >= 2);
    assertThat(service.problems).isEmpty();
    assertThat(service.of(phone))
        .extracting(p -> p.payload().path("text").asString())
        .containsExactly("from node 0", "again from node 0");
  }

  @Test
  void aTabVisibleOnTheOtherNodeHoldsThePush() {
    TestClient ann = cluster.user(0, "ann");
    TestClient bob = cluster.user(1, "bob");
    service.expectKey(key(ann));
    PushService.Device phone = service.device();
    bob.ok(obj("type", "push", "subscription", phone.subscription()));

    bob.send(obj("type", "visible", "on", true));
    await().atMost(WAIT).until(() -> cluster.node(0).push().visibleElsewhere().test(bob.id()));
    whisper(ann, bob, "bob is looking, on node 1");
    // node 0 queued its push before the message reached node 1; once its pool is idle, the push
    // was decided while bob was still looking
    bob.await("message", m -> "bob is looking, on node 1".equals(m.path("text").asString()));
    await().atMost(WAIT).until(pushers[0]::idle);
    bob.send(obj("type", "visible", "on", false));
    await().atMost(WAIT).until(() -> !cluster.node(0).push().visibleElsewhere().test(bob.id()));
    whisper(ann, bob, "bob looked away");

    await().atMost(WAIT).until(() -> service.of(phone).size() >= 1);
    JsonNode only = service.of(phone).get(0).payload();
    assertThat(only.path("text").asString()).isEqualTo("bob looked away");
    assertThat(service.of(phone)).hasSize(1);
  }
}
