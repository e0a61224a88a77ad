package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A crowd reconnecting at once (after a network blip or a restart of a proxy) and catching up:
 * every {@code history} it asks is answered with {@code history}, none with {@code error}, both the
 * recent pages (from memory) and older ones (from the store, several hundred at once).
 */
class CatchUpStormTest {

  private static final int CLIENTS = 300;
  private static final int MISSED = 40;

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withRate(1000, 1000));

  @Test
  void threeHundredClientsReconnectingAtOnceAllGetTheirHistory() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      TestClient owner = server.user("host");
      // the crowd: each has been here before and saw the room up to the mark (who was online
      // at the time does not matter to the catch-up, so they leave at once: fewer frames)
      List<CompletableFuture<String>> arriving = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        arriving.add(
            CompletableFuture.supplyAsync(
                () -> {
                  TestClient c = server.user("crowd");
                  c.drop();
                  return c.token();
                },
                pool));
      }
      List<String> tokens = new ArrayList<>();
      for (CompletableFuture<String> f : arriving) tokens.add(f.get(60, TimeUnit.SECONDS));
      long lastSeen = owner.say("general", "everyone has been here").path("seq").asLong();

      List<String> missed = new ArrayList<>();
      for (int i = 0; i < MISSED; i++)
        missed.add(owner.sayAsync("general", "while you were away " + i));
      for (String id : missed) owner.awaitMessage("general", id);

      // everyone reconnects at once...
      List<CompletableFuture<TestClient>> reconnecting = new ArrayList<>();
      for (String token : tokens) {
        reconnecting.add(
            CompletableFuture.supplyAsync(
                () -> {
                  TestClient c = server.client();
                  c.resume(token);
                  return c;
                },
                pool));
      }
      List<TestClient> back = new ArrayList<>();
      for (CompletableFuture<TestClient> f : reconnecting) back.add(f.get(60, TimeUnit.SECONDS));

      // ...and asks at once: what it missed, and two older pages (those go to the store)
      record Asked(TestClient client, String missed, String older, String oldest) {}
      List<CompletableFuture<Asked>> asking = new ArrayList<>();
      for (TestClient c : back) {
        asking.add(
            CompletableFuture.supplyAsync(
                () ->
                    new Asked(
                        c,
                        c.request(obj("type", "history", "room", "general", "after", lastSeen)),
                        c.request(
                            obj("type", "history", "room", "general", "before", 120, "limit", 50)),
                        c.request(
                            obj("type", "history", "room", "general", "after", 0, "limit", 50))),
                pool));
      }
      List<Asked> asked = new ArrayList<>();
      for (CompletableFuture<Asked> f : asking) asked.add(f.get(60, TimeUnit.SECONDS));

      Duration patience = Duration.ofSeconds(30);
      for (Asked a : asked) {
        JsonNode caughtUp =
            a.client().await("history", h -> a.missed().equals(h.path("ref").asString()), patience);
        List<String> ids = new ArrayList<>();
        caughtUp.path("events").forEach(e -> ids.add(e.path("id").asString()));
        assertThat(ids).isEqualTo(missed);
        assertThat(caughtUp.path("more").asBoolean()).isFalse();

        JsonNode older =
            a.client().await("history", h -> a.older().equals(h.path("ref").asString()), patience);
        assertThat(older.path("events")).hasSize(50);
        assertThat(older.path("events").get(49).path("seq").asLong()).isEqualTo(119);
        JsonNode oldest =
            a.client().await("history", h -> a.oldest().equals(h.path("ref").asString()), patience);
        assertThat(oldest.path("events").get(0).path("seq").asLong()).isEqualTo(1);

        List<JsonNode> errors =
            a.client().frames().stream()
                .filter(f -> "error".equals(f.path("type").asString()))
                .toList();
        assertThat(errors).as("errors for %s", a.client()).isEmpty();
      }
      for (Asked a : asked) a.client().drop(); // no closing handshakes to wait for, one by one
    } finally {
      pool.shutdownNow();
    }
  }
}
