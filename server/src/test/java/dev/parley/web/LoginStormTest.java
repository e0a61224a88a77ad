package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Many logins at once: a connection that said {@code coalesce} hears of them in a few {@code batch}
 * frames, one that did not gets every {@code presence} and join {@code notice} as the contract has
 * them; both end up knowing the same, in seq order.
 */
class LoginStormTest {

  private static final int LOGINS = 40;

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withRate(1000, 1000));

  /** The frames a client was sent, each {@code batch} opened into the frames it carries. */
  private static List<JsonNode> unbatched(TestClient c) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode f : c.frames()) {
      if ("batch".equals(f.path("type").asString())) f.path("frames").forEach(out::add);
      else out.add(f);
    }
    return out;
  }

  private static Set<String> onlineIds(List<JsonNode> frames) {
    return frames.stream()
        .filter(
            f ->
                "presence".equals(f.path("type").asString())
                    && "online".equals(f.path("status").asString()))
        .map(f -> f.path("user").path("id").asString())
        .collect(Collectors.toSet());
  }

  private static List<Long> joinSeqs(List<JsonNode> frames) {
    return frames.stream()
        .filter(
            f ->
                "notice".equals(f.path("type").asString())
                    && "general".equals(f.path("room").asString()))
        .map(f -> f.path("seq").asLong())
        .toList();
  }

  @Test
  void aStormReachesABatchingClientInFewFramesAndAContractClientFrameByFrame() throws Exception {
    TestClient batching = server.track(TestClient.connect(server.wsUri()));
    batching.welcomed(
        obj("type", "hello", "nick", ParleyServerExtension.nick("batcher"), "coalesce", true));
    TestClient plain = server.user("plain");
    long plainJoin =
        plain.welcomeRoom("general").path("lastSeq").asLong() + 1; // the welcome comes before it
    long firstSeq = plainJoin + 1;
    await()
        .until(
            () ->
                joinSeqs(unbatched(batching)).contains(plainJoin)
                    && joinSeqs(plain.frames()).contains(plainJoin));
    batching.clear();
    plain.clear();

    List<String> ids = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> logins = new ArrayList<>();
      for (int i = 0; i < LOGINS; i++) logins.add(pool.submit(() -> server.user("storm").id()));
      for (Future<String> f : logins) ids.add(f.get());
    } finally {
      pool.shutdown();
    }

    List<Long> expected = new ArrayList<>();
    for (long s = firstSeq; s < firstSeq + LOGINS; s++) expected.add(s);
    for (TestClient c : List.of(batching, plain)) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  onlineIds(unbatched(c)).containsAll(ids)
                      && joinSeqs(unbatched(c)).size() == LOGINS);
      assertThat(joinSeqs(unbatched(c)))
          .as("join notices, in seq order, once each")
          .isEqualTo(expected);
    }
    assertThat(plain.frames("batch")).isEmpty();
    assertThat(plain.frames("presence", p -> ids.contains(p.path("user").path("id").asString())))
        .hasSize(LOGINS);
    // 40 logins over a few 50 ms ticks: far fewer frames than the 80 the contract client got
    assertThat(batching.frames().size()).isLessThan(LOGINS);
    assertThat(batching.frames("batch")).isNotEmpty();
  }

  @Test
  void roomsMadeInOneMomentReachABatchingClientTogether() throws Exception {
    TestClient batching = server.track(TestClient.connect(server.wsUri()));
    batching.welcomed(
        obj("type", "hello", "nick", ParleyServerExtension.nick("watcher"), "coalesce", true));
    TestClient plain = server.user("plainwatcher");
    List<TestClient> makers = new ArrayList<>();
    for (int i = 0; i < 10; i++) makers.add(server.user("maker"));
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 10; i++) names.add(ParleyServerExtension.room("made"));
    batching.clear();
    plain.clear();

    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      List<Future<?>> made = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        int k = i;
        made.add(pool.submit(() -> makers.get(k).create(names.get(k))));
      }
      for (Future<?> f : made) f.get();
    } finally {
      pool.shutdown();
    }

    for (TestClient c : List.of(batching, plain)) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  unbatched(c).stream()
                      .filter(f -> "room".equals(f.path("type").asString()))
                      .map(f -> f.path("name").asString())
                      .collect(Collectors.toSet())
                      .containsAll(names));
    }
    assertThat(plain.frames("room", f -> names.contains(f.path("name").asString())))
        .as("a client that did not ask for batches gets each room alone")
        .hasSize(10);
    assertThat(batching.frames("room", f -> names.contains(f.path("name").asString())).size())
        .as("rooms announced alone to the batching client")
        .isLessThan(10);
    assertThat(batching.frames("batch")).isNotEmpty();
  }

  @Test
  void oneLoginInATickIsItsOwnFrameAsBefore() {
    TestClient batching = server.track(TestClient.connect(server.wsUri()));
    batching.welcomed(
        obj("type", "hello", "nick", ParleyServerExtension.nick("calm"), "coalesce", true));
    String me = batching.id();
    await()
        .until(
            () ->
                unbatched(batching).stream()
                    .anyMatch(
                        f ->
                            "notice".equals(f.path("type").asString())
                                && me.equals(
                                    f.path("user")
                                        .path("id")
                                        .asString()))); // its own login's tick is over
    batching.clear();
    TestClient ann = server.user("ann");
    JsonNode online =
        batching.await("presence", p -> ann.id().equals(p.path("user").path("id").asString()));
    assertThat(online.path("status").asString()).isEqualTo("online");
    batching.await("notice", n -> ann.id().equals(n.path("user").path("id").asString()));
    assertThat(batching.frames("batch")).isEmpty();
  }

  @Test
  void coalesceMustBeTrueOrFalse() {
    TestClient c = server.track(TestClient.connect(server.wsUri()));
    JsonNode error =
        c.call(obj("type", "hello", "nick", ParleyServerExtension.nick("odd"), "coalesce", "yes"));
    assertThat(error.path("code").asString()).isEqualTo("bad_request");
  }
}
