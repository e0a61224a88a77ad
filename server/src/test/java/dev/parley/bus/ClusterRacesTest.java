package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Amendment;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Notice;
import dev.parley.store.sql.SqlStore;
import dev.parley.testing.Json;
import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.StoreCalls;
import dev.parley.testing.StoredLog;
import dev.parley.testing.TestClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Two nodes asked at the same instant to do things that only one of them may do, or that must end
 * the same on both.
 */
class ClusterRacesTest {
  private static final int ROUNDS = 8;
  private static final int CHANGES_EACH = 15;

  @RegisterExtension
  static final ParleyCluster cluster = ParleyCluster.of(3, c -> c.withRate(100_000, 100_000));

  @Test
  void theSameRoomCreatedOnTwoNodesAtOnceIsCreatedOnceAndBothNodesAgree() {
    TestClient a = cluster.user(0, "maker-a");
    TestClient b = cluster.user(1, "maker-b");
    for (int round = 0; round < ROUNDS; round++) {
      String room = ParleyServerExtension.room("contested");
      String refA = "a" + round;
      String refB = "b" + round;
      // both frames on the wire before either answer
      a.send(obj("type", "create", "room", room, "ref", refA));
      b.send(obj("type", "create", "room", room, "ref", refB));
      JsonNode ra = a.awaitRef(refA);
      JsonNode rb = b.awaitRef(refB);
      List<String> types = List.of(ra.path("type").asString(), rb.path("type").asString());
      assertThat(types)
          .as("round %d: %s / %s", round, ra, rb)
          .containsExactlyInAnyOrder("ok", "error");
      JsonNode refused = "error".equals(ra.path("type").asString()) ? ra : rb;
      assertThat(refused.path("code").asString()).isEqualTo("room_exists");
      TestClient winner = refused == ra ? b : a;
      TestClient loser = refused == ra ? a : b;

      // one create notice stored, by the winner
      List<Event> log = StoredLog.after(cluster.jdbcUrl(), room, 0);
      assertThat(log).as("round %d: the stored log", round).hasSize(1);
      assertThat(((Notice) log.get(0)).user().id()).isEqualTo(winner.id());

      // both nodes say the same: one member (the winner), in the directory once
      for (int n = 0; n < cluster.size(); n++) {
        int node = n;
        Awaitility.await()
            .atMost(Duration.ofSeconds(5))
            .untilAsserted(
                () -> {
                  TestClient probe = cluster.client(node);
                  JsonNode welcome = probe.resume(winner.token());
                  probe.close();
                  assertThat(
                          welcome.path("directory").findValues("name").stream()
                              .filter(v -> room.equals(v.asString())))
                      .as("node %d's directory", node)
                      .hasSize(1);
                  JsonNode mine = Json.find(welcome.path("rooms"), "name", room);
                  assertThat(mine).as("node %d: the winner is in %s", node, room).isNotNull();
                  assertThat(mine.path("members").asInt())
                      .as("node %d: members of %s", node, room)
                      .isEqualTo(1);
                });
        TestClient probe = cluster.client(node);
        JsonNode welcome = probe.resume(loser.token());
        probe.close();
        assertThat(Json.find(welcome.path("rooms"), "name", room))
            .as("node %d: the loser is not in %s", node, room)
            .isNull();
      }
      // and the loser can join it from its own node
      assertThat(loser.join(room).path("room").path("members").asInt()).isEqualTo(2);
    }
  }

  @Test
  void editsReactionsAndADeleteFromSeveralNodesOnOneMessageEndTheSameEverywhere() throws Exception {
    String room = ParleyServerExtension.room("amended");
    TestClient author0 = cluster.user(0, "author");
    TestClient author1 = cluster.client(1);
    author1.resume(author0.token());
    TestClient bee = cluster.user(1, "bee");
    TestClient sea = cluster.user(2, "sea");
    List<TestClient> everyone = List.of(author0, author1, bee, sea);
    author0.create(room);
    for (TestClient c : List.of(bee, sea)) c.join(room);
    for (TestClient c : everyone) {
      c.await(
          "notice",
          n ->
              room.equals(n.path("room").asString())
                  && sea.id().equals(n.path("user").path("id").asString()));
    }
    long seq = author0.say(room, "first draft").path("seq").asLong();
    for (TestClient c : everyone) c.await("message", m -> m.path("seq").asLong() == seq);

    // four people on three nodes change the one message at once: two tabs of its author edit,
    // two others toggle their reactions
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> running = new ArrayList<>();
      running.add(pool.submit(() -> edits(author0, room, seq, "from node 0")));
      running.add(pool.submit(() -> edits(author1, room, seq, "from node 1")));
      running.add(pool.submit(() -> toggles(bee, room, seq, "👍")));
      running.add(pool.submit(() -> toggles(sea, room, seq, "🎉")));
      for (Future<?> f : running) f.get();
    } finally {
      pool.shutdownNow();
    }
    // a delete on one node and an edit on another, at once: deleted either way
    String del = author0.request(obj("type", "delete", "room", room, "seq", seq));
    String edit =
        author1.request(obj("type", "edit", "room", room, "seq", seq, "text", "too late?"));
    assertThat(author0.awaitRef(del).path("type").asString()).isEqualTo("ok");
    author1.awaitRef(edit);

    Message stored = (Message) StoredLog.after(cluster.jdbcUrl(), room, seq - 1).get(0);
    assertThat(stored.deleted()).isTrue();
    for (TestClient c : everyone) {
      Awaitility.await("%s folding the changes up to rev %d".formatted(c, stored.rev()))
          .atMost(Duration.ofSeconds(10))
          .until(() -> MessageFold.of(c, room, seq).rev() >= stored.rev());
      MessageFold fold = MessageFold.of(c, room, seq);
      assertThat(fold.revs())
          .as("%s: the revs of the changes it received", c)
          .isSorted()
          .doesNotHaveDuplicates();
      assertThat(fold.rev()).as("%s: rev", c).isEqualTo(stored.rev());
      assertThat(fold.deleted()).as("%s: deleted", c).isTrue();
      assertThat(fold.reactions())
          .as("%s: reactions", c)
          .isEqualTo(MessageFold.sets(stored.reactions()));
    }
    // and every node's memory (history is served from its tail) holds the stored state
    for (TestClient c : List.of(author0, bee, sea)) {
      JsonNode held = c.history(room, "after", seq - 1, "limit", 1).path("events").get(0);
      assertThat(held.path("rev").asLong()).as("%s's node: rev", c).isEqualTo(stored.rev());
      assertThat(held.path("deleted").asBoolean()).as("%s's node: deleted", c).isTrue();
      assertThat(MessageFold.sets(held.path("reactions")))
          .as("%s's node: reactions", c)
          .isEqualTo(MessageFold.sets(stored.reactions()));
    }
  }

  /**
   * Commits an edit as a node that dies before publishing it would: through a store of its own.
   * Returns its rev.
   */
  private static long editNobodyPublishes(String room, long seq, String authorId, String text) {
    SqlStore silent = SqlStore.open(cluster.jdbcUrl(), new SimpleMeterRegistry());
    try {
      return StoreCalls.amend(
              silent, new Amendment.Edit(room, seq, authorId, text, System.currentTimeMillis()))
          .rev();
    } finally {
      silent.close();
    }
  }

  @Test
  void anEditWhosePublicationWasLostIsFilledFromTheStoreInRevOrder() {
    String room = ParleyServerExtension.room("lost-edit");
    TestClient author = cluster.user(0, "writer");
    TestClient reader = cluster.user(1, "reader");
    author.create(room);
    reader.join(room);
    long seq = author.say(room, "typo").path("seq").asLong();
    reader.await("message", m -> m.path("seq").asLong() == seq);
    // a node commits an edit and dies before publishing it; then a reaction is published
    long lostRev = editNobodyPublishes(room, seq, author.id(), "fixed");
    reader.ok(obj("type", "react", "room", room, "seq", seq, "emoji", "👍", "on", true));
    for (TestClient c : List.of(author, reader)) {
      Awaitility.await("%s getting rev %d".formatted(c, lostRev + 1))
          .atMost(Duration.ofSeconds(5))
          .until(() -> MessageFold.of(c, room, seq).rev() == lostRev + 1);
      MessageFold fold = MessageFold.of(c, room, seq);
      // the lost edit comes either on its own or, overtaken by the reaction, in the whole message
      // at its rev
      assertThat(fold.revs())
          .as("%s: revs", c)
          .isSorted()
          .doesNotHaveDuplicates()
          .endsWith(lostRev + 1);
      assertThat(fold.text()).as("%s: text", c).isEqualTo("fixed");
      assertThat(fold.reactions()).as("%s: reactions", c).containsOnlyKeys("👍");
    }
  }

  @Test
  void aLostEditThatNothingFollowsStillArrivesFromTheStore() {
    String room = ParleyServerExtension.room("quiet-edit");
    TestClient author = cluster.user(0, "writer");
    TestClient reader = cluster.user(2, "reader");
    author.create(room);
    reader.join(room);
    long seq = author.say(room, "teh end").path("seq").asLong();
    reader.await("message", m -> m.path("seq").asLong() == seq);
    long lostRev = editNobodyPublishes(room, seq, author.id(), "the end");
    Duration within = Duration.ofMillis(3 * Sweep.EVERY_MILLIS + 2_000);
    for (TestClient c : List.of(author, reader)) {
      Awaitility.await("%s getting the lost edit".formatted(c))
          .atMost(within)
          .until(() -> MessageFold.of(c, room, seq).rev() == lostRev);
      assertThat(MessageFold.of(c, room, seq).text()).as("%s", c).isEqualTo("the end");
      JsonNode held = c.history(room, "after", seq - 1, "limit", 1).path("events").get(0);
      assertThat(held.path("text").asString()).as("%s's node's tail", c).isEqualTo("the end");
    }
  }

  private static Void edits(TestClient author, String room, long seq, String text) {
    for (int i = 0; i < CHANGES_EACH; i++)
      author.ok(obj("type", "edit", "room", room, "seq", seq, "text", text + " #" + i));
    return null;
  }

  private static Void toggles(TestClient who, String room, long seq, String emoji) {
    for (int i = 0; i < CHANGES_EACH; i++)
      who.ok(obj("type", "react", "room", room, "seq", seq, "emoji", emoji, "on", i % 2 == 0));
    return null;
  }
}
