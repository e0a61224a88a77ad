package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ParleyConfig;
import dev.parley.ParleyServer;
import dev.parley.domain.Message;
import dev.parley.domain.Profile;
import dev.parley.store.sql.SqlStore;
import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.StoreCalls;
import dev.parley.testing.TestClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Three nodes of one cluster (one PostgreSQL schema, one Redis channel) with people spread over
 * them: everyone sees the same room the same way, whichever node they are on.
 */
class ClusterTest {
  private static final int SENDERS_PER_NODE = 2;
  private static final int MESSAGES_EACH = 150;

  @RegisterExtension
  static final ParleyCluster cluster = ParleyCluster.of(3, c -> c.withRate(100_000, 100_000));

  @Test
  void concurrentSendersOnEveryNodeAreSeenOnceInOneGaplessOrderEverywhere() throws Exception {
    String room = ParleyServerExtension.room("busy");
    List<TestClient> senders = new ArrayList<>();
    List<TestClient> everyone = new ArrayList<>();
    for (int n = 0; n < cluster.size(); n++) {
      for (int i = 0; i < SENDERS_PER_NODE; i++) senders.add(cluster.user(n, "talker" + n));
      everyone.add(cluster.user(n, "listener" + n)); // a member who only reads
    }
    everyone.addAll(senders);
    everyone.get(0).create(room);
    for (TestClient c : everyone.subList(1, everyone.size())) c.join(room);
    TestClient last = everyone.get(everyone.size() - 1);
    for (TestClient c : everyone) {
      c.await(
          "notice",
          n ->
              room.equals(n.path("room").asString())
                  && last.id().equals(n.path("user").path("id").asString()));
    }
    // create + joins: a join's notice is stored after its ok, so an earlier one may still be on its
    // way
    long start = everyone.size();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> everyone.get(0).history(room, "limit", 200).path("events").size() == start);
    for (TestClient c : everyone) c.clear();

    ExecutorService pool = Executors.newFixedThreadPool(senders.size());
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<String>>> sent = new ArrayList<>();
    long t0;
    try {
      for (TestClient sender : senders) {
        sent.add(
            pool.submit(
                () -> {
                  go.await();
                  List<String> ids = new ArrayList<>();
                  for (int i = 0; i < MESSAGES_EACH; i++)
                    ids.add(sender.sayAsync(room, sender.nick() + " #" + i));
                  return ids;
                }));
      }
      t0 = System.nanoTime();
      go.countDown();
      Set<String> allIds = new HashSet<>();
      for (Future<List<String>> f : sent) allIds.addAll(f.get());
      int total = senders.size() * MESSAGES_EACH;
      assertThat(allIds).hasSize(total);
      List<Long> expectedSeqs = new ArrayList<>();
      for (long s = start + 1; s <= start + total; s++) expectedSeqs.add(s);

      List<String> reference = null;
      for (TestClient c : everyone) {
        List<JsonNode> got = c.awaitCount("message", inRoom(room), total, Duration.ofSeconds(60));
        if (reference == null) {
          System.out.printf(
              "cluster of 3, one room, %d senders: %d messages delivered everywhere in %d ms%n",
              senders.size(), total, (System.nanoTime() - t0) / 1_000_000);
        }
        assertThat(got).as("%s: messages received", c).hasSize(total);
        assertThat(got)
            .extracting(m -> m.path("seq").asLong())
            .as("%s: seqs", c)
            .isEqualTo(expectedSeqs);
        assertThat(new HashSet<>(got.stream().map(m -> m.path("id").asString()).toList()))
            .as("%s: ids", c)
            .isEqualTo(allIds);
        List<String> order =
            got.stream()
                .map(m -> m.path("from").path("id").asString() + "/" + m.path("id").asString())
                .toList();
        if (reference == null) reference = order;
        else assertThat(order).as("%s: order", c).isEqualTo(reference);
      }
      // history agrees with what was delivered, on every node
      for (int n = 0; n < cluster.size(); n++) {
        TestClient reader = everyone.get(n);
        JsonNode page = reader.history(room, "after", start, "limit", 200);
        assertThat(page.path("events").size())
            .as("history on node %d", n)
            .isEqualTo(Math.min(200, total));
        assertThat(page.path("events").get(0).path("seq").asLong()).isEqualTo(start + 1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aTokenIssuedByOneNodeResumesOnAnother() {
    TestClient alice = cluster.user(0, "alice");
    TestClient again = cluster.client(1);
    JsonNode welcome = again.resume(alice.token());
    assertThat(welcome.path("user").path("id").asString()).isEqualTo(alice.id());
    assertThat(welcome.path("user").path("nick").asString()).isEqualTo(alice.nick());
    TestClient third = cluster.client(2);
    assertThat(third.resume(alice.token()).path("user").path("id").asString())
        .isEqualTo(alice.id());
  }

  @Test
  void aRoomCreatedOnOneNodeIsJoinedThroughTheOthersAndMessagesFlow() {
    String room = ParleyServerExtension.room("made-on-a");
    TestClient a = cluster.user(0, "creator");
    TestClient b = cluster.user(1, "bee");
    TestClient c = cluster.user(2, "sea");
    a.create(room);
    assertThat(b.join(room).path("room").path("name").asString()).isEqualTo(room);
    assertThat(c.join(room).path("room").path("name").asString()).isEqualTo(room);
    for (TestClient t : List.of(a, b)) {
      t.await(
          "notice",
          n ->
              room.equals(n.path("room").asString())
                  && c.id().equals(n.path("user").path("id").asString()));
    }
    for (TestClient from : List.of(a, b, c)) {
      String id = from.sayAsync(room, "hello from " + from.nick());
      for (TestClient to : List.of(a, b, c)) to.awaitMessage(room, id);
    }
    // the same events with the same seqs everywhere, and a leave on C is known on A and B
    c.leave(room);
    for (TestClient t : List.of(a, b)) {
      t.await(
          "notice",
          n ->
              room.equals(n.path("room").asString()) && "leave".equals(n.path("event").asString()));
    }
    String after = a.sayAsync(room, "after the leave");
    b.awaitMessage(room, after);
    assertThat(c.frames("message", m -> after.equals(m.path("id").asString()))).isEmpty();
    for (TestClient t : List.of(a, b)) {
      List<Long> seqs = new ArrayList<>();
      for (JsonNode f : t.frames()) {
        String type = f.path("type").asString();
        if (("message".equals(type) || "notice".equals(type))
            && room.equals(f.path("room").asString())) {
          seqs.add(f.path("seq").asLong());
        }
      }
      assertThat(seqs).as("%s: seqs", t).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void anEventWhosePublicationWasLostIsFilledFromTheStoreInOrder() {
    String room = ParleyServerExtension.room("lossy");
    List<TestClient> members = roomOnEveryNode(room, "ay", "bee", "sea");
    TestClient a = members.get(0);
    TestClient b = members.get(1);
    TestClient c = members.get(2);
    long lostSeq = commitWithoutPublishing(room, "lost-1", a, "never published");
    String next = b.sayAsync(room, "after the lost one");
    for (TestClient t : List.of(a, b, c)) {
      JsonNode lost = t.awaitMessage(room, "lost-1");
      JsonNode then = t.awaitMessage(room, next);
      assertThat(lost.path("seq").asLong()).isEqualTo(lostSeq);
      assertThat(then.path("seq").asLong()).isEqualTo(lostSeq + 1);
      List<JsonNode> messages = t.frames("message", inRoom(room));
      assertThat(messages)
          .extracting(m -> m.path("seq").asLong())
          .as("%s", t)
          .containsExactly(lostSeq, lostSeq + 1);
    }
  }

  @Test
  void aLostPublicationThatNothingFollowsStillArrivesFromTheStore() {
    String room = ParleyServerExtension.room("quiet");
    List<TestClient> members = roomOnEveryNode(room, "ay", "bee");
    TestClient a = members.get(0);
    TestClient b = members.get(1);
    long lostSeq = commitWithoutPublishing(room, "lost-last", b, "and then silence");
    Duration within = Duration.ofMillis(3 * Sweep.EVERY_MILLIS + 2_000);
    for (TestClient t : List.of(a, b)) {
      JsonNode lost = t.await("message", m -> "lost-last".equals(m.path("id").asString()), within);
      assertThat(lost.path("seq").asLong()).isEqualTo(lostSeq);
    }
  }

  @Test
  void aDirectMessageReachesSomeoneOnAnotherNode() {
    TestClient ann = cluster.user(0, "ann");
    TestClient bob = cluster.user(1, "bob");
    String id = TestClient.newId();
    ann.send(obj("type", "send", "to", bob.id(), "id", id, "text", "psst"));
    JsonNode got = bob.await("message", m -> id.equals(m.path("id").asString()));
    String dm = got.path("room").asString();
    assertThat(dm).startsWith("dm:");
    assertThat(bob.frames("room", r -> dm.equals(r.path("name").asString())))
        .as("the room frame first")
        .isNotEmpty();
    String reply = bob.sayAsync(dm, "hi ann");
    ann.awaitMessage(dm, reply);
    // and a third node knows the conversation is theirs alone
    TestClient carol = cluster.user(2, "carol");
    assertThat(carol.error(obj("type", "history", "room", dm)).path("code").asString())
        .isEqualTo("not_found");
    TestClient bobOnC = cluster.client(2);
    bobOnC.resume(bob.token());
    assertThat(bobOnC.history(dm).path("events").size()).isEqualTo(2);
  }

  @Test
  void editsReactionsAndReadMarkersMadeOnOneNodeAreRightOnTheOthers() {
    String room = ParleyServerExtension.room("changes");
    List<TestClient> members = roomOnEveryNode(room, "ann", "bob", "cat");
    TestClient ann = members.get(0);
    TestClient bob = members.get(1);
    TestClient cat = members.get(2);
    long seq = ann.say(room, "helo").path("seq").asLong();
    ann.ok(obj("type", "edit", "room", room, "seq", seq, "text", "hello"));
    bob.ok(obj("type", "react", "room", room, "seq", seq, "emoji", "👍", "on", true));
    cat.await("reaction", r -> r.path("seq").asLong() == seq);
    cat.await(
        "message", m -> m.path("seq").asLong() == seq && "hello".equals(m.path("text").asString()));
    // every node's tail holds the message as it now is
    for (TestClient t : List.of(ann, bob, cat)) {
      JsonNode held = t.history(room, "after", seq - 1).path("events").get(0);
      assertThat(held.path("text").asString()).as("%s", t).isEqualTo("hello");
      assertThat(held.path("reactions").path("👍").toString())
          .as("%s", t)
          .isEqualTo("[\"" + bob.id() + "\"]");
    }
    // a read marker moved in one tab reaches the user's tab on another node, and a new tab on a
    // third
    TestClient catOnA = cluster.client(0);
    catOnA.resume(cat.token());
    cat.send(obj("type", "read", "room", room, "seq", seq));
    assertThat(
            catOnA.await("read", r -> room.equals(r.path("room").asString())).path("seq").asLong())
        .isEqualTo(seq);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              TestClient probe = cluster.client(1);
              assertThat(
                      probe.resume(cat.token()).path("rooms").findValues("name").stream()
                          .map(JsonNode::asString)
                          .toList())
                  .contains(room);
              JsonNode mine = null;
              for (JsonNode r : probe.welcome().path("rooms"))
                if (room.equals(r.path("name").asString())) mine = r;
              assertThat(mine.path("readSeq").asLong()).isEqualTo(seq);
              probe.close();
            });
  }

  @Test
  void aClusterNodeNeedsPostgres() throws Exception {
    assertThat(startupRefusal(c -> c.withRedis(ParleyCluster.REDIS, "parley-test-nopg")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PostgreSQL");
  }

  @Test
  void theCommandLineRefusesRedisWithoutPostgres() throws Exception {
    var dir = Files.createTempDirectory("parley-cli-");
    try {
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
      java.io.PrintStream was = System.err;
      int code;
      System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
      try {
        code =
            new picocli.CommandLine(new dev.parley.Parley())
                .execute(
                    "serve",
                    "--port",
                    "0",
                    "--data-dir",
                    dir.toString(),
                    "--redis",
                    ParleyCluster.REDIS);
      } finally {
        System.setErr(was);
      }
      assertThat(code).isEqualTo(2);
      assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
          .contains("--redis")
          .contains("--db jdbc:postgresql://");
    } finally {
      ParleyServerExtension.deleteRecursively(dir);
    }
  }

  @Test
  void aNodeThatCannotReachItsRedisDoesNotStartAndSaysWhy() throws Exception {
    assertThat(
            startupRefusal(
                c ->
                    c.withDb(cluster.jdbcUrl())
                        .withRedis("redis://127.0.0.1:1", "parley-test-noredis")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot reach Redis at redis://127.0.0.1:1");
  }

  /** What a node configured by {@code configure} (on a temp folder, port 0) throws at start. */
  private static Throwable startupRefusal(java.util.function.UnaryOperator<ParleyConfig> configure)
      throws Exception {
    var dir = Files.createTempDirectory("parley-refused-");
    try {
      return org.assertj.core.api.Assertions.catchThrowable(
          () ->
              ParleyServer.start(
                      configure.apply(ParleyConfig.defaults().withPort(0).withDataDir(dir)))
                  .close());
    } finally {
      ParleyServerExtension.deleteRecursively(dir);
    }
  }

  /**
   * One new user per name, the i-th on node i: the first creates the room, the others join it, and
   * each has seen the last one's join.
   */
  private static List<TestClient> roomOnEveryNode(String room, String... names) {
    List<TestClient> members = new ArrayList<>();
    for (int i = 0; i < names.length; i++) members.add(cluster.user(i % cluster.size(), names[i]));
    members.get(0).create(room);
    for (TestClient m : members.subList(1, members.size())) m.join(room);
    String last = members.get(members.size() - 1).id();
    for (TestClient m : members) {
      m.await(
          "notice",
          n ->
              room.equals(n.path("room").asString())
                  && last.equals(n.path("user").path("id").asString()));
    }
    return members;
  }

  /**
   * A message committed by a node that dies before publishing it: a store of its own on the
   * cluster's database, with no bus. Returns its seq.
   */
  private static long commitWithoutPublishing(
      String room, String id, TestClient author, String text) {
    SqlStore silent = SqlStore.open(cluster.jdbcUrl(), new SimpleMeterRegistry());
    try {
      Profile who = new Profile(author.id(), author.nick(), null);
      return StoreCalls.append(
              silent, Message.draft(room, id, who, System.currentTimeMillis(), text, null))
          .seq();
    } finally {
      silent.close();
    }
  }

  private static Predicate<JsonNode> inRoom(String room) {
    return m -> room.equals(m.path("room").asString());
  }
}
