package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A token bucket per connection: {@value #BURST} frames at once, {@value #RATE} a second after
 * that. Each refused frame is answered with {@code rate_limited}; a client that keeps pushing (more
 * than a burst's worth refused within 10 s) is closed with 1008.
 */
class ConnectionRateTest {

  private static final int RATE = 2;
  private static final int BURST = 10;

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withRate(RATE, BURST));

  /** Sends {@code n} pings back to back and returns their refs. */
  private static List<String> pings(TestClient c, int n) {
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String ref = "p" + i + "-" + System.nanoTime();
      refs.add(ref);
      if (!c.trySendRaw(obj("type", "ping", "ref", ref).toString())) break;
    }
    return refs;
  }

  @Test
  void framesOverTheBurstAreEachRefusedWithTheirRef() {
    TestClient c = server.user("eager");
    List<String> refs = pings(c, BURST + 4);

    List<JsonNode> replies = new ArrayList<>();
    for (String ref : refs) replies.add(c.awaitRef(ref));

    List<String> types =
        replies.stream()
            .map(
                r ->
                    "error".equals(r.path("type").asString())
                        ? r.path("code").asString()
                        : r.path("type").asString())
            .toList();
    assertThat(types).allMatch(t -> t.equals("pong") || t.equals("rate_limited"));
    assertThat(types.subList(0, BURST - 2)).as("the burst is served").containsOnly("pong");
    assertThat(types).filteredOn("rate_limited"::equals).hasSizeGreaterThanOrEqualTo(3);
    assertThat(replies)
        .filteredOn(r -> "error".equals(r.path("type").asString()))
        .allSatisfy(e -> assertThat(e.path("message").asString()).isNotBlank());
    assertThat(c.isClosed()).as("a few refusals do not close the connection").isFalse();
  }

  @Test
  void aRefusedClientIsServedAgainOnceTheBucketRefills() {
    TestClient c = server.user("patient");
    List<String> refs = pings(c, BURST + 3);
    c.awaitRef(refs.get(refs.size() - 1));
    assertThat(c.frames("error", e -> "rate_limited".equals(e.path("code").asString())))
        .isNotEmpty();

    // one ping per 700 ms: the bucket gains more than a token between two, so few are refused
    await()
        .pollDelay(Duration.ofMillis(700))
        .pollInterval(Duration.ofMillis(700))
        .atMost(Duration.ofSeconds(5))
        .until(() -> "pong".equals(c.call(obj("type", "ping")).path("type").asString()));
    assertThat(c.isClosed()).isFalse();
  }

  @Test
  void aClientThatKeepsGoingIsClosedWith1008() {
    TestClient c = server.user("flooder");
    pings(c, BURST * 4);

    assertThat(c.closeCode()).isEqualTo(1008);
    assertThat(c.frames("error", e -> "rate_limited".equals(e.path("code").asString())))
        .isNotEmpty();
  }

  @Test
  void theLimitIsPerConnection() {
    TestClient tab1 = server.user("busy");
    TestClient tab2 = server.tabOf(tab1);
    TestClient other = server.user("calm");

    List<String> refs = pings(tab1, BURST + 3);
    tab1.awaitRef(refs.get(refs.size() - 1));
    assertThat(tab1.frames("error", e -> "rate_limited".equals(e.path("code").asString())))
        .isNotEmpty();

    assertThat(tab2.ping().path("type").asString()).isEqualTo("pong");
    assertThat(other.ping().path("type").asString()).isEqualTo("pong");
  }

  @Test
  void aRefusedSendIsNotAppended() {
    TestClient c = server.user("spammer");
    String room = ParleyServerExtension.room("spam");
    c.create(room);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < BURST + 3; i++) ids.add(c.sayAsync(room, "spam " + i));
    // every send is answered by its message or by rate_limited; neither acknowledges the other
    await()
        .atMost(TestClient.TIMEOUT)
        .until(
            () ->
                c.frames("message", m -> room.equals(m.path("room").asString())).size()
                        + c.frames("error", e -> "rate_limited".equals(e.path("code").asString()))
                            .size()
                    >= ids.size());

    List<JsonNode> delivered = c.frames("message", m -> room.equals(m.path("room").asString()));
    assertThat(delivered.size()).isLessThan(ids.size());
    JsonNode history =
        await()
            .pollDelay(Duration.ofMillis(700))
            .pollInterval(Duration.ofMillis(700))
            .atMost(Duration.ofSeconds(5))
            .until(
                () -> c.call(obj("type", "history", "room", room)),
                r -> "history".equals(r.path("type").asString()));
    assertThat(history.path("events").size())
        .isEqualTo(delivered.size() + 1); // + the create notice
  }
}
