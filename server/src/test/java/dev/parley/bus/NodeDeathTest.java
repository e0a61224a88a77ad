package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.testing.CatchUp;
import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.StoredLog;
import dev.parley.testing.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Three nodes, one of them a child JVM that is SIGKILLed while senders on every node write into two
 * shared rooms. The dead node's people reconnect to the others with their token and their last seen
 * seq per room; at the end every person (those who never left and those who reconnected) has
 * exactly the stored log, in seq order, nothing twice, nothing missing; every message whose echo
 * came back before the kill is stored; the seqs are gapless.
 */
class NodeDeathTest {
  private static final int MESSAGES_EACH = 120;

  /** How many of its messages a sender has on the way before it waits for their echo. */
  private static final int WINDOW = 3;

  /** The doomed node's senders have had this many echoes each when it is killed. */
  private static final int KILL_AFTER = 30;

  private static final int MORE_AFTER_RECONNECT = 10;

  @RegisterExtension
  static final ParleyCluster cluster = ParleyCluster.of(2, c -> c.withRate(100_000, 100_000));

  @Test
  void aNodeKilledMidTrafficLosesNothingStoredAndItsPeopleCatchUpElsewhere() throws Exception {
    Path dir = Files.createTempDirectory("parley-doomed-");
    ExecutorService pool = Executors.newCachedThreadPool();
    List<TestClient> doomedClients = new CopyOnWriteArrayList<>();
    try (ParleyProcess doomed =
        ParleyProcess.clusterNode(cluster, dir, "--rate", "100000", "--burst", "100000")) {
      List<String> rooms =
          List.of(
              ParleyServerExtension.room("deathrow-a"), ParleyServerExtension.room("deathrow-b"));
      List<TestClient> survivors = new ArrayList<>();
      List<TestClient> senders = new ArrayList<>();
      for (int n = 0; n < 2; n++) {
        TestClient s = cluster.user(n, "alive" + n);
        senders.add(s);
        survivors.add(s);
        survivors.add(cluster.user(n, "watcher" + n));
      }
      List<TestClient> doomedSenders = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        TestClient s = userOn(doomed, doomedClients, "doomed" + i);
        doomedSenders.add(s);
        senders.add(s);
      }
      userOn(doomed, doomedClients, "doomedwatch"); // a member there who only reads
      List<TestClient> everyone = new ArrayList<>(survivors);
      everyone.addAll(doomedClients);

      Map<String, Long> start = new HashMap<>();
      for (String room : rooms) {
        everyone.get(0).create(room);
        for (TestClient c : everyone.subList(1, everyone.size())) c.join(room);
        String last = everyone.get(everyone.size() - 1).id();
        for (TestClient c : everyone) {
          c.await(
              "notice",
              n ->
                  room.equals(n.path("room").asString())
                      && last.equals(n.path("user").path("id").asString()),
              Duration.ofSeconds(10));
        }
        start.put(
            room,
            everyone.get(0).history(room, "limit", 1).path("events").get(0).path("seq").asLong());
      }
      for (TestClient c : everyone) c.clear();

      // every sender: message i to room i % 2, at most WINDOW unanswered; each remembers what it
      // sent
      Map<TestClient, List<String[]>> sent = new ConcurrentHashMap<>();
      List<Future<?>> running = new ArrayList<>();
      for (TestClient s : senders) {
        List<String[]> mine = new CopyOnWriteArrayList<>();
        sent.put(s, mine);
        running.add(
            pool.submit(
                () -> {
                  send(s, rooms, mine, 0, MESSAGES_EACH);
                  return null;
                }));
      }
      for (TestClient s : doomedSenders) {
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> echoes(s).size() >= KILL_AFTER);
      }
      long t0 = System.nanoTime();
      doomed.kill();
      for (TestClient c : doomedClients)
        assertThat(c.closeCode(Duration.ofSeconds(10))).isEqualTo(1006);
      Set<String> ackedBeforeKill = new HashSet<>();
      for (TestClient s : doomedSenders) ackedBeforeKill.addAll(echoes(s));

      // the dead node's people come back through the others, each as the contract has it
      Map<TestClient, TestClient> moved = new LinkedHashMap<>();
      Map<TestClient, Map<String, List<JsonNode>>> caughtUp = new HashMap<>();
      int i = 0;
      for (TestClient old : doomedClients) {
        TestClient again = cluster.client(i++ % 2);
        again.resume(old.token());
        moved.put(old, again);
      }
      // a sender sends again what had no echo, with the same ids: nothing is stored twice
      int resent = 0;
      for (TestClient old : doomedSenders) {
        TestClient again = moved.get(old);
        Set<String> echoed = echoes(old);
        for (String[] m : sent.get(old)) {
          if (echoed.contains(m[1])) continue;
          again.send(obj("type", "send", "room", m[0], "id", m[1], "text", m[2]));
          resent++;
          again.awaitMessage(m[0], m[1]);
        }
      }
      for (TestClient old : doomedClients) {
        TestClient again = moved.get(old);
        Map<String, List<JsonNode>> views = new HashMap<>();
        for (String room : rooms) {
          List<JsonNode> before = CatchUp.live(old, room);
          long seen = CatchUp.lastSeq(before, start.get(room));
          views.put(room, before);
          views.put(room + "#history", CatchUp.historyAfter(again, room, seen));
        }
        caughtUp.put(old, views);
      }
      System.out.printf(
          "node death: its %d people reconnected and caught up %d ms after the kill; %d sends without echo sent again%n",
          doomedClients.size(), (System.nanoTime() - t0) / 1_000_000, resent);
      for (TestClient old : doomedSenders) {
        TestClient again = moved.get(old);
        running.add(
            pool.submit(
                () -> {
                  send(
                      again,
                      rooms,
                      sent.get(old),
                      MESSAGES_EACH,
                      MESSAGES_EACH + MORE_AFTER_RECONNECT);
                  return null;
                }));
      }
      for (Future<?> f : running) f.get();

      // the stored log: gapless, every id at most once, every echoed message there
      int expectedTotal = 0;
      Map<String, List<String>> stored = new HashMap<>();
      Set<String> storedIds = new HashSet<>();
      for (String room : rooms) {
        List<Event> log = StoredLog.after(cluster.jdbcUrl(), room, start.get(room));
        List<Long> seqs = log.stream().map(Event::seq).toList();
        List<Long> gapless = new ArrayList<>();
        for (long s = start.get(room) + 1; s <= start.get(room) + log.size(); s++) gapless.add(s);
        assertThat(seqs).as("%s: stored seqs", room).isEqualTo(gapless);
        assertThat(log)
            .as("%s: only messages after the start", room)
            .allMatch(e -> e instanceof Message);
        List<String> ids = log.stream().map(e -> e.seq() + "/" + ((Message) e).id()).toList();
        stored.put(room, ids);
        for (Event e : log)
          assertThat(storedIds.add(((Message) e).id())).as("stored once: %s", e).isTrue();
        expectedTotal += log.size();
      }
      assertThat(storedIds).as("acknowledged before the kill").containsAll(ackedBeforeKill);
      for (TestClient s : senders.subList(0, 2)) {
        assertThat(storedIds)
            .as("%s's messages", s)
            .containsAll(sent.get(s).stream().map(m -> m[1]).toList());
      }
      for (TestClient old : doomedSenders) {
        assertThat(storedIds)
            .as("%s's messages, sent again after the kill", old)
            .containsAll(sent.get(old).stream().map(m -> m[1]).toList());
      }
      assertThat(expectedTotal)
          .as("everything sent, once")
          .isEqualTo(
              2 * MESSAGES_EACH
                  + sent.get(doomedSenders.get(0)).size()
                  + sent.get(doomedSenders.get(1)).size());

      // everyone ends with exactly the stored log of each room, in order, once
      for (String room : rooms) {
        List<String> expected = stored.get(room);
        for (TestClient c : survivors) {
          List<JsonNode> live =
              c.awaitCount(
                  "message",
                  m -> room.equals(m.path("room").asString()),
                  expected.size(),
                  Duration.ofSeconds(20));
          assertThat(ids(live)).as("%s in %s, who never left", c, room).isEqualTo(expected);
        }
        for (TestClient old : doomedClients) {
          TestClient again = moved.get(old);
          Map<String, List<JsonNode>> views = caughtUp.get(old);
          Awaitility.await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () ->
                      CatchUp.merged(
                                  views.get(room),
                                  views.get(room + "#history"),
                                  CatchUp.live(again, room))
                              .size()
                          >= expected.size());
          List<JsonNode> all =
              CatchUp.merged(
                  views.get(room), views.get(room + "#history"), CatchUp.live(again, room));
          assertThat(ids(all))
              .as("%s in %s, who reconnected after the kill", old, room)
              .isEqualTo(expected);
        }
      }
    } finally {
      pool.shutdownNow();
      for (TestClient c : doomedClients) c.close();
      ParleyServerExtension.deleteRecursively(dir);
    }
  }

  /** A new user on the doomed node, kept in {@code into} to be closed at the end. */
  private static TestClient userOn(ParleyProcess node, List<TestClient> into, String base) {
    TestClient c = TestClient.connect(node.wsUri());
    into.add(c);
    c.hello(ParleyServerExtension.nick(base));
    return c;
  }

  /**
   * Sends messages {@code from} .. {@code to - 1} of {@code sender}, keeping at most {@link
   * #WINDOW} without their echo; records each as {room, id, text} before sending it. Stops quietly
   * when the connection dies under it (its node was killed).
   */
  private static void send(
      TestClient sender, List<String> rooms, List<String[]> record, int from, int to) {
    List<String[]> mine = new ArrayList<>();
    for (int i = from; i < to; i++) {
      String room = rooms.get(i % rooms.size());
      String id = TestClient.newId();
      String text = sender.nick() + " #" + i;
      String[] m = {room, id, text};
      record.add(m);
      mine.add(m);
      if (!sender.trySendRaw(
          dev.parley.testing.Json.write(obj("type", "send", "room", room, "id", id, "text", text))))
        return;
      if (mine.size() > WINDOW) {
        String[] wait = mine.get(mine.size() - 1 - WINDOW);
        try {
          sender.await(
              "message", f -> wait[1].equals(f.path("id").asString()), Duration.ofSeconds(10));
        } catch (AssertionError closed) {
          if (sender.isClosed()) return;
          throw closed;
        }
      }
    }
  }

  /** The ids of the messages this connection received back from its own user. */
  private static Set<String> echoes(TestClient c) {
    Set<String> ids = new HashSet<>();
    for (JsonNode m : c.frames("message", f -> c.id().equals(f.path("from").path("id").asString())))
      ids.add(m.path("id").asString());
    return ids;
  }

  private static List<String> ids(List<JsonNode> events) {
    return events.stream()
        .map(e -> e.path("seq").asLong() + "/" + e.path("id").asString())
        .toList();
  }
}
