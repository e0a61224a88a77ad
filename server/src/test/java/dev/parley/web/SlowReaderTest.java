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

  /**
   * Far more than 64 KiB of 8 KB messages: a reader still open after this many was never cut off.
   */
  private static final int MAX_MESSAGES = 6000;

  private static final String TEXT = "x".repeat(7900);

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(
          c -> c.withMaxOutboundBytes(MAX_OUTBOUND).withRate(100_000, 100_000));

  @Test
  void aReaderThatNeverReadsIsCutOffAndTheOthersKeepReceiving() throws Exception {
    TestClient sender = server.user("sender");
    TestClient watcher = server.user("watcher");
    String slowNick = ParleyServerExtension.nick("slow");

    try (RawWebSocket slow = RawWebSocket.connect(server.port(), 4096)) {
      slow.sendText(obj("type", "hello", "nick", slowNick).toString());
      String slowId = awaitOnline(watcher, slowNick);

      List<String> sent = new ArrayList<>();
      while (!isOffline(watcher, slowId)) {
        assertThat(sent.size())
            .as("messages sent without the slow reader being closed")
            .isLessThan(MAX_MESSAGES);
        sendBatch(sender, watcher, sent, 20);
      }

      System.out.printf(
          "SlowReaderTest: never-reading client cut off after %d messages%n", sent.size());
      assertThat(slow.isClosedByServer(10_000))
          .as("the server ended the slow reader's connection")
          .isTrue();
      assertOthersGotEverything(sender, watcher, sent);
    }

    TestClient newcomer = server.user("newcomer");
    assertThat(newcomer.ping().path("type").asString()).isEqualTo("pong");
  }

  /**
   * A reader that stalls (a frozen tab) and reads again soon after the server gave up on it finds
   * the reason at the end of what was queued for it: close 1008.
   */
  @Test
  void aReaderThatFellBehindIsClosedWith1008() throws Exception {
    TestClient sender = server.user("sender");
    TestClient watcher = server.user("watcher");
    String slowNick = ParleyServerExtension.nick("stalled");

    try (RawWebSocket slow = RawWebSocket.connect(server.port(), 4096)) {
      slow.sendText(obj("type", "hello", "nick", slowNick).toString());
      String slowId = awaitOnline(watcher, slowNick);

      List<String> sent = new ArrayList<>();
      int burst = 300;
      int code = -1;
      while (code == -1) {
        assertThat(sent.size())
            .as("messages sent without the stalled reader being closed")
            .isLessThan(MAX_MESSAGES);
        sendBatch(sender, watcher, sent, burst); // the stalled reader reads nothing meanwhile
        code = slow.readUntilQuiet(300); // then it wakes up and reads what is there
        burst *= 2;
      }

      System.out.printf(
          "SlowReaderTest: stalled client closed after %d messages (last burst %d)%n",
          sent.size(), burst / 2);
      assertThat(code).as("the stalled reader's close code").isEqualTo(1008);
      watcher.await(
          "presence",
          p ->
              slowId.equals(p.path("user").path("id").asString())
                  && "offline".equals(p.path("status").asString()));
      assertOthersGotEverything(sender, watcher, sent);
    }
  }

  private static String awaitOnline(TestClient watcher, String nick) {
    JsonNode online =
        watcher.await("presence", p -> nick.equals(p.path("user").path("nick").asString()));
    return online.path("user").path("id").asString();
  }

  /** Sends {@code n} messages to general and waits until the (fast) watcher has them all. */
  private static void sendBatch(TestClient sender, TestClient watcher, List<String> sent, int n) {
    for (int i = 0; i < n; i++) sent.add(sender.sayAsync("general", TEXT));
    String last = sent.get(sent.size() - 1);
    // every message is stored before it is sent: allow for a slow disk
    watcher.await(
        "message",
        m -> last.equals(m.path("id").asString()),
        Duration.ofSeconds(10).plusMillis(50L * n));
  }

  private static boolean isOffline(TestClient watcher, String userId) {
    return !watcher
        .frames(
            "presence",
            p ->
                userId.equals(p.path("user").path("id").asString())
                    && "offline".equals(p.path("status").asString()))
        .isEmpty();
  }

  /** The fast readers got every message, once, and general's seqs have no gap. */
  private static void assertOthersGotEverything(
      TestClient sender, TestClient watcher, List<String> sent) {
    JsonNode last = sender.say("general", "after the slow reader went");
    watcher.awaitMessage("general", last.path("id").asString());
    List<Long> seqs =
        watcher.frames().stream()
            .filter(f -> "general".equals(f.path("room").asString("")))
            .filter(
                f ->
                    "message".equals(f.path("type").asString())
                        || "notice".equals(f.path("type").asString()))
            .map(f -> f.path("seq").asLong())
            .toList();
    for (int i = 1; i < seqs.size(); i++) {
      assertThat(seqs.get(i)).as("seq after %s", seqs.get(i - 1)).isEqualTo(seqs.get(i - 1) + 1);
    }
    Set<String> sentIds = new HashSet<>(sent);
    assertThat(watcher.frames("message", m -> sentIds.contains(m.path("id").asString())))
        .hasSize(sent.size());
  }
}
