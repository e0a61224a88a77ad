package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Event;
import dev.parley.domain.Notice;
import dev.parley.testing.Json;
import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.StoredLog;
import dev.parley.testing.TestClient;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Two nodes asked at the same instant to do things that only one of them may do, or that must end the same on both. */
class ClusterRacesTest {
  private static final int ROUNDS = 8;

  @RegisterExtension static final ParleyCluster cluster = ParleyCluster.of(2, c -> c.withRate(100_000, 100_000));

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
      assertThat(types).as("round %d: %s / %s", round, ra, rb).containsExactlyInAnyOrder("ok", "error");
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
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
          TestClient probe = cluster.client(node);
          JsonNode welcome = probe.resume(winner.token());
          probe.close();
          assertThat(welcome.path("directory").findValues("name").stream().filter(v -> room.equals(v.asString())))
              .as("node %d's directory", node).hasSize(1);
          JsonNode mine = Json.find(welcome.path("rooms"), "name", room);
          assertThat(mine).as("node %d: the winner is in %s", node, room).isNotNull();
          assertThat(mine.path("members").asInt()).as("node %d: members of %s", node, room).isEqualTo(1);
        });
        TestClient probe = cluster.client(node);
        JsonNode welcome = probe.resume(loser.token());
        probe.close();
        assertThat(Json.find(welcome.path("rooms"), "name", room)).as("node %d: the loser is not in %s", node, room).isNull();
      }
      // and the loser can join it from its own node
      assertThat(loser.join(room).path("room").path("members").asInt()).isEqualTo(2);
    }
  }
}
