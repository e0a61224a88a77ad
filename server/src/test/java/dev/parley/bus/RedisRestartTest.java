package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.RedisServer;
import dev.parley.testing.StoredLog;
import dev.parley.testing.TestClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Three nodes on a Redis of the test's own, killed while senders on every node write into one room
 * and started again on the same port: delivery across nodes waits, but nothing stored is lost
 * (every member on every node ends with the stored log, in order, once, without reconnecting), and
 * fan-out through Redis works again without restarting any node.
 */
class RedisRestartTest {
  private static final int MESSAGES_EACH = 100;
  private static final int WINDOW = 3;

  /** Echoes each sender has had before Redis is killed, and again before it comes back. */
  private static final int STEP = 20;

  @RegisterExtension
  @Order(1)
  static final RedisServer redis = new RedisServer();

  @RegisterExtension
  @Order(2)
  static final ParleyCluster cluster =
      ParleyCluster.of(3, redis::url, c -> c.withRate(100_000, 100_000));

  @Test
  void redisKilledMidTrafficDelaysDeliveryButLosesNothingAndFanOutComesBack() throws Exception {
    String room = ParleyServerExtension.room("redisless");
    List<TestClient> senders = new ArrayList<>();
    List<TestClient> everyone = new ArrayList<>();
    for (int n = 0; n < cluster.size(); n++) {
      TestClient s = cluster.user(n, "sender" + n);
      senders.add(s);
      everyone.add(s);
      everyone.add(cluster.user(n, "reader" + n));
    }
    everyone.get(0).create(room);
    for (TestClient c : everyone.subList(1, everyone.size())) c.join(room);
    String last = everyone.get(everyone.size() - 1).id();
    for (TestClient c : everyone) {
      c.await(
          "notice",
          n ->
              room.equals(n.path("room").asString())
                  && last.equals(n.path("user").path("id").asString()));
    }
    long start =
        everyone.get(0).history(room, "limit", 1).path("events").get(0).path("seq").asLong();
    for (TestClient c : everyone) c.clear();

    ExecutorService pool = Executors.newFixedThreadPool(senders.size());
    try {
      List<Future<?>> running = new ArrayList<>();
      for (TestClient s : senders) {
        running.add(
            pool.submit(
                () -> {
                  send(s, room);
                  return null;
                }));
      }
      awaitEchoes(senders, room, STEP);
      long down = System.nanoTime();
      redis.kill();
      // each node goes on storing its people's messages, and every member on every node gets
      // them from the store, Redis or not
      awaitEchoes(senders, room, 2 * STEP);
      for (TestClient c : everyone) {
        for (TestClient s : senders) {
          Awaitility.await("%s getting %s's messages while Redis is down".formatted(c, s))
              .atMost(Duration.ofSeconds(20))
              .until(() -> from(c, s, room) >= 2 * STEP);
        }
      }
      long filled = System.nanoTime();
      redis.start();
      long up = System.nanoTime();
      for (Future<?> f : running) f.get();

      List<Event> log = StoredLog.after(cluster.jdbcUrl(), room, start);
      assertThat(log).hasSize(senders.size() * MESSAGES_EACH).allMatch(e -> e instanceof Message);
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < log.size(); i++) {
        assertThat(log.get(i).seq()).as("stored seqs are gapless").isEqualTo(start + 1 + i);
        expected.add(log.get(i).seq() + "/" + ((Message) log.get(i)).id());
      }
      for (TestClient c : everyone) {
        List<JsonNode> got =
            c.awaitCount(
                "message",
                m -> room.equals(m.path("room").asString()),
                expected.size(),
                Duration.ofSeconds(20));
        assertThat(
                got.stream()
                    .map(m -> m.path("seq").asLong() + "/" + m.path("id").asString())
                    .toList())
            .as("%s: the room as stored, once, in order", c)
            .isEqualTo(expected);
      }
      long caughtUp = System.nanoTime();

      // typing crosses only through Redis (nothing stored to fall back on): fan-out is back
      TestClient typist = everyone.get(0);
      Awaitility.await("typing from node 0 reaching nodes 1 and 2 through the restarted Redis")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                typist.send(obj("type", "typing", "room", room));
                return everyone.subList(2, everyone.size()).stream()
                    .allMatch(c -> !c.frames("typing").isEmpty());
              });
      long fanOut = System.nanoTime();
      // and messages go through Redis again, not only through the store's sweep: each one sent
      // now crosses the cluster's channel (seen by a subscriber of the test's own) and reaches
      // every member
      try (ChannelWatch channel = new ChannelWatch(redis.url(), cluster.channel())) {
        List<String> ids = new ArrayList<>();
        for (TestClient from : senders)
          ids.add(from.sayAsync(room, "after the restart from " + from.nick()));
        for (String id : ids) {
          for (TestClient c : everyone)
            c.await("message", m -> id.equals(m.path("id").asString()), Duration.ofSeconds(20));
          Awaitility.await("message " + id + " published on the cluster's channel")
              .atMost(Duration.ofSeconds(20))
              .until(() -> channel.carried(id) > 0);
        }
      }
      System.out.printf(
          "redis restart: down %d ms (members on every node had %d messages of each sender from the store"
              + " %d ms after the kill); every member had the stored log %d ms after it was back; fan-out back %d ms after it was back%n",
          (up - down) / 1_000_000,
          2 * STEP,
          (filled - down) / 1_000_000,
          (caughtUp - up) / 1_000_000,
          (fanOut - up) / 1_000_000);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void membershipsMadeWhileRedisIsDownAreKnownOnEveryNodeOnceItIsBack() throws Exception {
    List<String> rooms = new ArrayList<>();
    List<TestClient> joiners = new ArrayList<>();
    for (int n = 0; n < cluster.size(); n++) {
      String room = ParleyServerExtension.room("joined-offline");
      cluster.user(n, "owner").create(room);
      rooms.add(room);
      joiners.add(cluster.user(n, "joiner"));
    }
    redis.kill();
    List<String> refs = new ArrayList<>();
    for (int n = 0; n < cluster.size(); n++)
      refs.add(joiners.get(n).request(obj("type", "join", "room", rooms.get(n))));
    redis.start();
    for (int n = 0; n < cluster.size(); n++) {
      assertThat(joiners.get(n).awaitRef(refs.get(n)).path("type").asString()).isEqualTo("ok");
    }
    // each joiner, resumed on every other node, is a member there of the room it joined
    for (int n = 0; n < cluster.size(); n++) {
      for (int other = 0; other < cluster.size(); other++) {
        if (other == n) continue;
        TestClient joiner = joiners.get(n);
        String room = rooms.get(n);
        int node = other;
        Awaitility.await()
            .atMost(Duration.ofSeconds(15))
            .untilAsserted(
                () -> {
                  TestClient probe = cluster.client(node);
                  JsonNode welcome = probe.resume(joiner.token());
                  probe.close();
                  assertThat(dev.parley.testing.Json.find(welcome.path("rooms"), "name", room))
                      .as(
                          "node %d knows that %s joined %s while Redis was down",
                          node, joiner, room)
                      .isNotNull();
                });
      }
    }
  }

  @Test
  void leavesMadeWhileRedisIsDownAreKnownOnEveryNodeOnceItIsBack() throws Exception {
    List<String> rooms = new ArrayList<>();
    List<TestClient> leavers = new ArrayList<>();
    for (int n = 0; n < cluster.size(); n++) {
      String room = ParleyServerExtension.room("left-offline");
      TestClient owner = cluster.user((n + 1) % cluster.size(), "stayer");
      TestClient leaver = cluster.user(n, "leaver");
      owner.create(room);
      leaver.join(room);
      owner.await(
          "notice",
          f ->
              room.equals(f.path("room").asString())
                  && leaver.id().equals(f.path("user").path("id").asString()));
      rooms.add(room);
      leavers.add(leaver);
    }
    redis.kill();
    List<String> refs = new ArrayList<>();
    for (int n = 0; n < cluster.size(); n++)
      refs.add(leavers.get(n).request(obj("type", "leave", "room", rooms.get(n))));
    redis.start();
    for (int n = 0; n < cluster.size(); n++) {
      assertThat(leavers.get(n).awaitRef(refs.get(n)).path("type").asString()).isEqualTo("ok");
    }
    for (int n = 0; n < cluster.size(); n++) {
      for (int other = 0; other < cluster.size(); other++) {
        TestClient leaver = leavers.get(n);
        String room = rooms.get(n);
        int node = other;
        Awaitility.await()
            .atMost(Duration.ofSeconds(15))
            .untilAsserted(
                () -> {
                  TestClient probe = cluster.client(node);
                  JsonNode welcome = probe.resume(leaver.token());
                  probe.close();
                  assertThat(dev.parley.testing.Json.find(welcome.path("rooms"), "name", room))
                      .as("node %d knows that %s left %s while Redis was down", node, leaver, room)
                      .isNull();
                  assertThat(
                          dev.parley.testing.Json.find(welcome.path("directory"), "name", room)
                              .path("members")
                              .asInt())
                      .as("node %d: members of %s", node, room)
                      .isEqualTo(1);
                });
      }
    }
  }

  private static void awaitEchoes(List<TestClient> senders, String room, int atLeast) {
    for (TestClient s : senders)
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> from(s, s, room) >= atLeast);
  }

  /** How many of {@code sender}'s messages in {@code room} {@code c} has received. */
  private static int from(TestClient c, TestClient sender, String room) {
    return c.frames(
            "message",
            m ->
                room.equals(m.path("room").asString())
                    && sender.id().equals(m.path("from").path("id").asString()))
        .size();
  }

  /** {@link #MESSAGES_EACH} messages, at most {@link #WINDOW} of them without their echo. */
  private static void send(TestClient sender, String room) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < MESSAGES_EACH; i++) {
      ids.add(sender.sayAsync(room, sender.nick() + " #" + i));
      if (ids.size() > WINDOW) {
        String wait = ids.get(ids.size() - 1 - WINDOW);
        sender.await("message", m -> wait.equals(m.path("id").asString()), Duration.ofSeconds(20));
      }
    }
  }

  /** Every publication on the cluster's channels, as a subscriber of its own sees them. */
  private static final class ChannelWatch implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisPubSubConnection<byte[], byte[]> connection;
    private final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    ChannelWatch(String url, String channel) {
      client = RedisClient.create(url);
      connection = client.connectPubSub(ByteArrayCodec.INSTANCE);
      connection.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] pattern, byte[] channel, byte[] message) {
              seen.add(
                  new String(message, StandardCharsets.ISO_8859_1)); // byte for byte: ids are ASCII
            }
          });
      connection
          .sync()
          .psubscribe((channel + "*").getBytes(StandardCharsets.UTF_8)); // returns once subscribed
    }

    /** How many publications so far held {@code text}. */
    long carried(String text) {
      return seen.stream().filter(m -> m.contains(text)).count();
    }

    @Override
    public void close() {
      connection.close();
      client.shutdown();
    }
  }
}
