package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Many people talking at once in one room: every member sees every message exactly once, in the
 * same order, numbered 1, 2, 3 ... without gaps.
 */
class OrderingUnderConcurrencyTest {

  private static final int SENDERS = 8;
  private static final int MESSAGES_EACH = 200;

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withRate(100_000, 100_000));

  @Test
  void everyMemberSeesEveryMessageOnceInTheSameGaplessOrder() throws Exception {
    String room = ParleyServerExtension.room("busy");
    List<TestClient> members = new ArrayList<>();
    for (int i = 0; i < SENDERS; i++) members.add(server.user("talker"));
    TestClient listener = server.user("listener"); // a member who only reads
    members.get(0).create(room);
    for (TestClient m : members.subList(1, SENDERS)) m.join(room);
    listener.join(room);
    listener.await(
        "notice",
        n ->
            room.equals(n.path("room").asString())
                && listener.id().equals(n.path("user").path("id").asString()));
    long start = listener.history(room).path("events").size(); // create + joins: seq 1 .. start
    List<TestClient> everyone = new ArrayList<>(members);
    everyone.add(listener);
    for (TestClient c : everyone) c.clear();

    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<String>>> sent = new ArrayList<>();
    try {
      for (TestClient sender : members) {
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
      go.countDown();
      Set<String> allIds = new HashSet<>();
      for (Future<List<String>> f : sent) allIds.addAll(f.get());
      int total = SENDERS * MESSAGES_EACH;
      assertThat(allIds).hasSize(total);

      List<Long> expectedSeqs = new ArrayList<>();
      for (long s = start + 1; s <= start + total; s++) expectedSeqs.add(s);

      List<String> reference = null;
      for (TestClient c : everyone) {
        List<JsonNode> got =
            c.awaitCount(
                "message",
                m -> room.equals(m.path("room").asString()),
                total,
                Duration.ofSeconds(60));
        assertThat(got).as("%s: messages received", c).hasSize(total);
        assertThat(got)
            .extracting(m -> m.path("seq").asLong())
            .as("%s: seqs", c)
            .isEqualTo(expectedSeqs);
        List<String> order =
            got.stream()
                .map(m -> m.path("from").path("id").asString() + "/" + m.path("id").asString())
                .toList();
        assertThat(new HashSet<>(got.stream().map(m -> m.path("id").asString()).toList()))
            .as("%s: ids", c)
            .isEqualTo(allIds);
        if (reference == null) reference = order;
        else assertThat(order).as("%s: order", c).isEqualTo(reference);
      }

      // each sender's own messages keep the order in which that sender sent them
      for (int i = 0; i < SENDERS; i++) {
        String senderId = members.get(i).id();
        List<String> mine = sent.get(i).get();
        List<String> seen =
            listener
                .frames("message", m -> senderId.equals(m.path("from").path("id").asString()))
                .stream()
                .map(m -> m.path("id").asString())
                .toList();
        assertThat(seen).as("order of sender %d", i).isEqualTo(mine);
      }

      JsonNode history = listener.history(room, "after", start, "limit", 200);
      assertThat(history.path("events").get(0)).isEqualTo(listener.frames("message").get(0));
    } finally {
      pool.shutdownNow();
    }
  }
}
