package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ParleyConfig;
import dev.parley.ParleyServer;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The server stores an event before anyone sees it, so every event a client has received survives
 * the process being killed outright ({@code kill -9}) mid-stream.
 */
class KillNineDurabilityTest {

  private static final int RECEIVED_BEFORE_KILL = 300;

  private Path dir;

  @BeforeEach
  void makeDir() throws Exception {
    dir = Files.createTempDirectory("parley-kill9-");
  }

  @AfterEach
  void removeDir() {
    ParleyServerExtension.deleteRecursively(dir);
  }

  @Test
  void everyEventAClientReceivedSurvivesSigkill() throws Exception {
    String room = ParleyServerExtension.room("durable");
    String annToken;
    String annId;
    Map<Long, JsonNode> received = new HashMap<>();

    try (ParleyProcess node = ParleyProcess.start(dir, "--rate", "100000", "--burst", "100000");
        TestClient ann = TestClient.connect(node.wsUri());
        TestClient bob = TestClient.connect(node.wsUri())) {
      ann.hello(ParleyServerExtension.nick("ann"));
      bob.hello(ParleyServerExtension.nick("bob"));
      annToken = ann.token();
      annId = ann.id();
      ann.create(room);
      bob.join(room);

      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService senders = Executors.newFixedThreadPool(2);
      for (TestClient sender : List.of(ann, bob)) {
        senders.submit(
            () -> {
              for (int i = 0; i < 100_000 && !stop.get(); i++) {
                if (!sender.trySendRaw(
                    dev.parley.testing.Json.obj(
                            "type",
                            "send",
                            "room",
                            room,
                            "id",
                            TestClient.newId(),
                            "text",
                            sender.nick() + " says " + i)
                        .toString())) {
                  return;
                }
              }
            });
      }
      ann.awaitCount(
          "message",
          m -> room.equals(m.path("room").asString()),
          RECEIVED_BEFORE_KILL,
          Duration.ofSeconds(60));

      node.kill(); // mid-stream: the senders are still going
      stop.set(true);
      senders.shutdown();
      senders.awaitTermination(10, TimeUnit.SECONDS);
      ann.closeCode(Duration.ofSeconds(10));
      bob.closeCode(Duration.ofSeconds(10));

      for (TestClient c : List.of(ann, bob)) {
        for (JsonNode e : c.frames()) {
          String type = e.path("type").asString("");
          if (room.equals(e.path("room").asString(""))
              && (type.equals("message") || type.equals("notice"))) {
            JsonNode earlier = received.putIfAbsent(e.path("seq").asLong(), e);
            if (earlier != null) {
              assertThat(e).as("the same seq delivered to two clients").isEqualTo(earlier);
            }
          }
        }
      }
    }
    assertThat(received.size()).isGreaterThanOrEqualTo(RECEIVED_BEFORE_KILL);

    try (ParleyServer restarted =
            ParleyServer.start(ParleyConfig.defaults().withPort(0).withDataDir(dir));
        TestClient ann =
            TestClient.connect(URI.create("ws://127.0.0.1:" + restarted.port() + "/ws"))) {
      JsonNode welcome = ann.resume(annToken);
      assertThat(welcome.path("user").path("id").asString())
          .as("the user survived")
          .isEqualTo(annId);

      Map<Long, JsonNode> stored = new HashMap<>();
      long after = 0;
      boolean more = true;
      while (more) {
        JsonNode page = ann.history(room, "after", after, "limit", 200);
        for (JsonNode e : page.path("events")) {
          stored.put(e.path("seq").asLong(), e);
          after = e.path("seq").asLong();
        }
        more = page.path("more").asBoolean() && page.path("events").size() > 0;
      }

      long maxReceived = received.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
      assertThat(ann.welcomeRoom(room).path("lastSeq").asLong())
          .isGreaterThanOrEqualTo(maxReceived);
      for (long seq = 1; seq <= after; seq++) {
        assertThat(stored).as("no gap at seq %d", seq).containsKey(seq);
      }
      for (Map.Entry<Long, JsonNode> e : received.entrySet()) {
        JsonNode live = e.getValue();
        JsonNode kept = stored.get(e.getKey());
        assertThat(kept).as("received event seq %d after the restart", e.getKey()).isNotNull();
        assertThat(kept.path("id").asString()).isEqualTo(live.path("id").asString());
        assertThat(kept.path("text").asString()).isEqualTo(live.path("text").asString());
        assertThat(kept.path("event").asString()).isEqualTo(live.path("event").asString());
        assertThat(kept.path("ts").asLong()).isEqualTo(live.path("ts").asLong());
        assertThat(kept.path("from").path("id").asString())
            .isEqualTo(live.path("from").path("id").asString());
      }

      long next = ann.say(room, "after the crash").path("seq").asLong();
      assertThat(next).as("seq continues after the last stored event").isEqualTo(after + 1);
    }
  }
}
