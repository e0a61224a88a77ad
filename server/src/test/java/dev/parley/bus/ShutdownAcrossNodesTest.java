package dev.parley.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.domain.Status;
import dev.parley.testing.ParleyCluster;
import dev.parley.testing.TestClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A node that closes while the offline grace of some of its users runs (30 s here) does not leave
 * them online elsewhere until it is over, nor until the other nodes notice its heartbeat is gone:
 * it says they are offline as it closes ({@code ParleyServer.close} calls {@code Chat.leaveNow}),
 * and the other nodes' people see it at once. Nodes 0 and 2 have the grace; node 1 watches.
 */
class ShutdownAcrossNodesTest {
  private static final Duration GRACE = Duration.ofSeconds(30);

  @RegisterExtension
  static final ParleyCluster cluster =
      ParleyCluster.perNode(3, (i, c) -> i == 1 ? c : c.withOfflineGrace(GRACE));

  /**
   * Every user a node said is offline, as the cluster's bus carried it (other nodes hear it so).
   */
  private final List<String> saidOffline = new CopyOnWriteArrayList<>();

  private RedisClient redis;
  private StatefulRedisPubSubConnection<byte[], byte[]> bus;

  @BeforeEach
  void listenToTheBus() {
    redis = RedisClient.create(cluster.redis());
    bus = redis.connectPubSub(ByteArrayCodec.INSTANCE);
    bus.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(byte[] channel, byte[] message) {
            if (Envelope.decode(message) instanceof Envelope.Seen s && s.status() == Status.OFFLINE)
              saidOffline.add(s.userId());
          }
        });
    bus.sync().subscribe((cluster.channel() + ":bus").getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void stopListening() {
    bus.close();
    redis.shutdown();
  }

  private static boolean is(JsonNode p, TestClient who, String status) {
    return who.id().equals(p.path("user").path("id").asString())
        && status.equals(p.path("status").asString());
  }

  /** Closes {@code node}; then {@code bob} sees {@code ann} offline, long before the grace. */
  private void closeAndSeeOffline(int node, TestClient bob, TestClient ann) {
    cluster.node(node).close();
    bob.await("presence", p -> is(p, ann, "offline"), GRACE.dividedBy(3));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(saidOffline)
                    .as("ann's node said she is offline (not only the sweep noticing it gone)")
                    .contains(ann.id()));
  }

  @Test
  void aUserWhoseGraceRunsGoesOfflineEverywhereWhenTheirNodeCloses() {
    TestClient bob = cluster.user(1, "bob");
    TestClient ann = cluster.user(0, "ann");
    bob.await("presence", p -> is(p, ann, "online"));
    ann.close();
    bob.ping();
    assertThat(bob.frames("presence", p -> is(p, ann, "offline")))
        .as("offline before the grace is over")
        .isEmpty();
    assertThat(saidOffline).isEmpty();
    closeAndSeeOffline(0, bob, ann);
  }

  @Test
  void aUserStillConnectedGoesOfflineEverywhereWhenTheirNodeCloses() {
    TestClient bob = cluster.user(1, "bob");
    TestClient ann = cluster.user(2, "ann");
    bob.await("presence", p -> is(p, ann, "online"));
    closeAndSeeOffline(2, bob, ann);
    assertThat(ann.closeCode()).as("ann's close code").isEqualTo(1001);
  }
}
