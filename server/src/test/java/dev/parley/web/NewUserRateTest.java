package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Bystander;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Free accounts (issue 14, item 6): one client made ~480 permanent users a second, each adding a
 * join notice to {@code general}. One address now makes at most the contract's 20 new users a
 * minute, in bursts of 50; beyond that a {@code hello} for a new user gets {@code slow_down} with
 * {@code retryAfter} (seconds), and the connection stays open. Behind a trusted proxy the address
 * is the right-most one of {@code X-Forwarded-For} that the proxy did not add itself; from anyone
 * else the header is the client's own claim and counts for nothing. A token is never limited.
 */
class NewUserRateTest {
  private static final int BURST = 50;

  /** Behind a proxy on 127.0.0.1: each test's clients come "from" the address it forwards. */
  @RegisterExtension
  static final ParleyServerExtension proxied =
      ParleyServerExtension.with(
          c ->
              c.withGuards(
                  c.guards()
                      .withNewUsers(20, BURST)
                      .withTrustedProxies(List.of("127.0.0.1", "10.0.0.0/8"))));

  /** No trusted proxy: every client here is 127.0.0.1, whatever it forwards. */
  @RegisterExtension
  static final ParleyServerExtension direct =
      ParleyServerExtension.with(c -> c.withGuards(c.guards().withNewUsers(20, BURST)));

  /** A hello as a new user, through a connection that forwards {@code xff}; the reply. */
  private static JsonNode hello(ParleyServerExtension server, String xff, String nick) {
    TestClient c =
        server.track(
            TestClient.connect(
                server.wsUri(), xff == null ? Map.of() : Map.of("X-Forwarded-For", xff)));
    return c.call(obj("type", "hello", "nick", ParleyServerExtension.nick(nick)));
  }

  private static String kind(JsonNode reply) {
    return "error".equals(reply.path("type").asString())
        ? reply.path("code").asString()
        : reply.path("type").asString();
  }

  @Test
  void oneAddressGetsABurstThenSlowDownWithRetryAfterWhileOthersAreServed() {
    Bystander bystander = Bystander.watch(proxied);
    List<JsonNode> replies = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < BURST + 30; i++) replies.add(hello(proxied, "203.0.113.5", "free"));
    double seconds = (System.nanoTime() - start) / 1e9;
    long welcomed = replies.stream().filter(r -> kind(r).equals("welcome")).count();
    List<JsonNode> slowed = replies.stream().filter(r -> kind(r).equals("slow_down")).toList();
    bystander.assertServed();

    assertThat(welcomed + slowed.size())
        .as("every hello answered welcome or slow_down")
        .isEqualTo(replies.size());
    // 20 a minute refill one every 3 s on top of the burst
    assertThat(welcomed)
        .as("new users made in %.1f s", seconds)
        .isBetween((long) BURST, BURST + 1 + (long) (seconds / 3));
    assertThat(slowed)
        .allSatisfy(
            e -> {
              assertThat(e.path("retryAfter").asLong()).as("retryAfter of %s", e).isBetween(1L, 3L);
              assertThat(e.path("message").asString()).isNotBlank();
            });
    System.out.printf(
        "new users from one address: %d hellos in %.2f s, %d welcomed (%.0f/s), %d slow_down; bystander %s%n",
        replies.size(), seconds, welcomed, welcomed / seconds, slowed.size(), bystander.worst());

    TestClient refused =
        proxied.track(
            TestClient.connect(proxied.wsUri(), Map.of("X-Forwarded-For", "203.0.113.5")));
    assertThat(
            kind(refused.call(obj("type", "hello", "nick", ParleyServerExtension.nick("again")))))
        .isEqualTo("slow_down");
    assertThat(refused.isClosed()).as("slow_down leaves the connection open").isFalse();
    assertThat(kind(hello(proxied, "203.0.113.6", "neighbour")))
        .as("another address")
        .isEqualTo("welcome");
  }

  @Test
  void aTokenIsNeverLimited() {
    JsonNode first = hello(proxied, "198.51.100.20", "regular");
    for (int i = 0; i < BURST + 5; i++) hello(proxied, "198.51.100.20", "filler");
    assertThat(kind(hello(proxied, "198.51.100.20", "late"))).isEqualTo("slow_down");
    TestClient back =
        proxied.track(
            TestClient.connect(proxied.wsUri(), Map.of("X-Forwarded-For", "198.51.100.20")));
    assertThat(kind(back.call(obj("type", "hello", "token", first.path("token").asString()))))
        .isEqualTo("welcome");
  }

  @Test
  void theRightMostAddressTheProxyDidNotAddItselfCounts() {
    for (int i = 0; i < BURST; i++)
      assertThat(kind(hello(proxied, "192.0.2.77", "spread"))).isEqualTo("welcome");
    // what the client wrote on the left is ignored; trusted hops on the right are skipped
    assertThat(kind(hello(proxied, "1.1.1.1, 192.0.2.77", "spoof"))).isEqualTo("slow_down");
    assertThat(kind(hello(proxied, "192.0.2.77, 10.1.2.3", "hop"))).isEqualTo("slow_down");
    assertThat(kind(hello(proxied, "192.0.2.77, 192.0.2.78", "next")))
        .as("the proxy saw 192.0.2.78")
        .isEqualTo("welcome");
  }

  @Test
  void aForwardedHeaderFromAnUntrustedPeerChangesNothing() {
    List<String> kinds = new ArrayList<>();
    for (int i = 0; i < BURST + 10; i++)
      kinds.add(kind(hello(direct, "203.0.113." + (i % 250), "spoofer")));
    assertThat(kinds.stream().filter("welcome"::equals).count()).isLessThanOrEqualTo(BURST + 1);
    assertThat(kinds).contains("slow_down");
  }

  @Test
  void theWireNamesTheErrorAndWhenToComeBack() {
    for (int i = 0; i < BURST; i++) hello(proxied, "192.0.2.200", "wire");
    JsonNode e = hello(proxied, "192.0.2.200", "wire");
    assertThat(e.path("type").asString()).isEqualTo("error");
    assertThat(e.path("code").asString()).isEqualTo("slow_down");
    assertThat(e.path("retryAfter").isIntegralNumber())
        .as("retryAfter is a whole number of seconds: %s", e)
        .isTrue();
    assertThat(e.path("ref").isMissingNode()).isFalse();
  }
}
