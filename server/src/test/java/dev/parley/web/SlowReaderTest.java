package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A client that stops reading while messages flow must not grow the server's memory: once its
 * unsent bytes pass {@code maxOutboundBytes} it is closed with 1008, and everyone else carries on.
 */
class SlowReaderTest {

  private static final int MAX_OUTBOUND = 64 * 1024;
  private static final int MAX_MESSAGES = 4000;
  private static final Duration MAX_TIME = Duration.ofSeconds(60);

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withMaxOutboundBytes(MAX_OUTBOUND).withRate(100_000, 100_000));

  @Test
  void aReaderThatStopsIsClosedAndTheOthersKeepReceiving() throws Exception {
    TestClient sender = server.user("sender");
    TestClient watcher = server.user("watcher");
    String slowNick = ParleyServerExtension.nick("slow");

    try (RawWebSocket slow = RawWebSocket.connect(server.port(), 4096)) {
      slow.sendText(obj("type", "hello", "nick", slowNick).toString());
      JsonNode online = watcher.await("presence", p -> slowNick.equals(p.path("user").path("nick").asString()));
      String slowId = online.path("user").path("id").asString();

      String text = "x".repeat(4000);
      List<String> sent = new ArrayList<>();
      long deadline = System.nanoTime() + MAX_TIME.toNanos();
      while (!slowIsOffline(watcher, slowId)) {
        assertThat(sent.size()).as("messages sent without the slow reader being closed").isLessThan(MAX_MESSAGES);
        assertThat(System.nanoTime()).as("time spent without the slow reader being closed").isLessThan(deadline);
        for (int i = 0; i < 20; i++) sent.add(sender.sayAsync("general", text));
        // keep the fast readers in step, so only the slow one falls behind
        watcher.awaitMessage("general", sent.get(sent.size() - 1));
      }

      assertThat(slow.drainToClose(10_000)).as("the slow reader's close code").isEqualTo(1008);

      // the others got everything, in order, without gaps
      JsonNode last = sender.say("general", "after the slow reader went");
      watcher.awaitMessage("general", last.path("id").asString());
      List<Long> seqs = watcher.frames("message", m -> "general".equals(m.path("room").asString())).stream()
          .map(m -> m.path("seq").asLong())
          .toList();
      for (int i = 1; i < seqs.size(); i++) {
        assertThat(seqs.get(i)).as("seq after %s", seqs.get(i - 1)).isEqualTo(seqs.get(i - 1) + 1);
      }
      Set<String> sentIds = new HashSet<>(sent);
      assertThat(watcher.frames("message", m -> sentIds.contains(m.path("id").asString()))).hasSize(sent.size());
    }

    // and the server still takes newcomers
    TestClient newcomer = server.user("newcomer");
    assertThat(newcomer.ping().path("type").asString()).isEqualTo("pong");
  }

  private static boolean slowIsOffline(TestClient watcher, String slowId) {
    return !watcher.frames("presence",
        p -> slowId.equals(p.path("user").path("id").asString()) && "offline".equals(p.path("status").asString()))
        .isEmpty();
  }
}
