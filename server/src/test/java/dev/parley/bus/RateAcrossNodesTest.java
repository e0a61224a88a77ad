package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyCluster;
import dev.parley.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * In a cluster the {@code --rate}/{@code --burst} budget is the user's, across every connection on
 * every node: two tabs on two nodes together get one burst, not one each, and another user's budget
 * is untouched by it.
 */
class RateAcrossNodesTest {
  private static final int RATE = 1;
  private static final int BURST = 10;

  @RegisterExtension
  static final ParleyCluster cluster = ParleyCluster.of(2, c -> c.withRate(RATE, BURST));

  private static boolean served(TestClient c) {
    JsonNode reply = c.call(obj("type", "ping"));
    if ("pong".equals(reply.path("type").asString())) return true;
    assertThat(reply.path("code").asString())
        .as("a refusal, not %s", reply)
        .isEqualTo("rate_limited");
    return false;
  }

  @Test
  void oneUsersConnectionsOnTwoNodesShareOneBudgetAndAnotherUserKeepsHis() {
    TestClient onFirst = cluster.user(0, "ann");
    TestClient onSecond = cluster.client(1);
    onSecond.resume(onFirst.token());
    assertThat(onSecond.id()).isEqualTo(onFirst.id());

    long start = System.nanoTime();
    List<Boolean> answers = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      answers.add(served(onFirst));
      answers.add(served(onSecond));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long servedCount = answers.stream().filter(b -> b).count();
    // Each connection alone may send a whole burst (less its hello), so without sharing about
    // 2 × BURST pass. Pings one after the other leave each node time to hear the shared bucket
    // between two frames, so here the bucket's count is the bound.
    long refill = (long) Math.ceil(seconds * RATE) + 1;
    assertThat(servedCount)
        .as("pings served of %d in %.2f s", answers.size(), seconds)
        .isGreaterThanOrEqualTo(BURST - 1)
        .isLessThanOrEqualTo(BURST + refill);
    // once the budget is spent, both tabs are refused, whichever node they are on
    assertThat(answers.subList(answers.size() - 4, answers.size())).containsOnly(false);
    assertThat(onFirst.isClosed()).isFalse();
    assertThat(onSecond.isClosed()).isFalse();

    TestClient other = cluster.user(1, "bob");
    for (int i = 0; i < BURST - 2; i++) assertThat(served(other)).as("bob's ping %d", i).isTrue();
  }

  @Test
  void aUserOnOneNodeStillGetsTheWholeBurst() {
    TestClient carl = cluster.user(0, "carl");
    List<JsonNode> replies = new ArrayList<>();
    for (int i = 0; i < BURST - 1; i++) replies.add(carl.call(obj("type", "ping")));
    // hello took one token of the connection's own bucket: the rest of the burst is served
    assertThat(replies).as("replies").allMatch(r -> "pong".equals(r.path("type").asString()));
  }
}
