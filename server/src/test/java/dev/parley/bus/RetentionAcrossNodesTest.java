package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Retention in a cluster: a sweep on one node removes events from the shared database, and the
 * other nodes stop serving them from their memory at once, not when their own sweep comes round.
 * Node 0 sweeps every 200 ms; node 1 only once an hour, so what it knows it learnt from node 0.
 */
class RetentionAcrossNodesTest {

  @RegisterExtension
  static final ParleyCluster cluster =
      ParleyCluster.perNode(
          2,
          (i, c) ->
              c.withRate(1000, 1000)
                  .withRetention(
                      null, null, i == 0 ? Duration.ofMillis(200) : Duration.ofHours(1)));

  @Test
  void aPurgeOnOneNodeEmptiesTheOtherNodesMemoryOfThoseEvents() {
    String room = ParleyServerExtension.room("kept-short");
    TestClient ann = cluster.user(0, "ann");
    TestClient bob = cluster.user(1, "bob");
    ann.create(room);
    bob.join(room);
    // Read on node 1 first, so that its tail holds the room's events.
    List<Long> said = new ArrayList<>();
    for (int i = 0; i < 6; i++) said.add(bob.say(room, "m" + i).path("seq").asLong());
    assertThat(seqs(bob.history(room))).containsAll(said);

    ann.ok(obj("type", "retention", "room", room, "days", null, "count", 2));
    long first = said.get(said.size() - 2);
    JsonNode told =
        bob.await(
            "room",
            f -> room.equals(f.path("name").asString()) && f.path("firstSeq").asLong() == first,
            Duration.ofSeconds(10));
    assertThat(told.path("firstSeq").asLong()).isEqualTo(first);

    // Node 1 never swept, yet its answers start where node 0's purge left the room.
    assertThat(seqs(bob.history(room))).containsExactly(said.get(4), said.get(5));
    TestClient again = cluster.client(1);
    again.resume(bob.token());
    assertThat(again.welcomeRoom(room).path("firstSeq").asLong()).isEqualTo(first);
  }

  private static List<Long> seqs(JsonNode history) {
    List<Long> seqs = new ArrayList<>();
    for (JsonNode e : history.path("events")) seqs.add(e.path("seq").asLong());
    return seqs;
  }
}
