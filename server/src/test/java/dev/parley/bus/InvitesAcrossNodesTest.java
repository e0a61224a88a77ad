package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Registration;
import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Under {@code --registration invite} in a cluster the invite's uses are counted by the shared
 * PostgreSQL database: a one-use code given to both nodes at the same moment admits one person.
 */
class InvitesAcrossNodesTest {

  @RegisterExtension
  static final ParleyCluster cluster =
      ParleyCluster.of(2, c -> c.withRegistration(Registration.Mode.INVITE));

  @Test
  void aOneUseInviteUsedOnBothNodesAtOnceAdmitsExactlyOne() {
    for (int round = 0; round < 5; round++) {
      String code =
          Registration.create(
                  cluster.node(0).invites(),
                  "test",
                  1,
                  TimeUnit.DAYS.toMillis(1),
                  System.currentTimeMillis())
              .orTimeout(20, TimeUnit.SECONDS)
              .join();
      List<TestClient> clients = List.of(cluster.client(0), cluster.client(1));
      List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
      for (TestClient c : clients) {
        String nick = ParleyServerExtension.nick("Race");
        replies.add(
            CompletableFuture.supplyAsync(
                () -> c.call(obj("type", "hello", "nick", nick, "invite", code))));
      }
      List<String> types = new ArrayList<>();
      for (CompletableFuture<JsonNode> r : replies) {
        JsonNode reply = r.orTimeout(20, TimeUnit.SECONDS).join();
        types.add(
            reply.path("type").asString().equals("welcome")
                ? "welcome"
                : reply.path("code").asString());
      }
      assertThat(types).as("round %d", round).containsExactlyInAnyOrder("welcome", "bad_invite");
      clients.forEach(TestClient::close);
    }
  }
}
