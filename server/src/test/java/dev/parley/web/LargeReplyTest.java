package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Json;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Seeds;
import dev.parley.testing.TestClient;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A welcome is never what makes a client "slow": a client still reading its own large reply (a
 * welcome listing tens of thousands of its rooms, a run of history pages it asked for) while
 * broadcasts flow is not closed with 1008. Only bytes of broadcasts it has not read count against
 * {@code --max-outbound}. The audit: a 4.9 MB welcome plus any broadcast during its transfer closed
 * the new client, 3 tries of 3.
 *
 * <p>The reader stalls for a moment after asking (as a slow link does) and then reads everything:
 * the kernel's socket buffers take a few megabytes, so the replies are made larger than that.
 */
class LargeReplyTest {

  private static final int MAX_OUTBOUND = 64 * 1024;

  /** Rooms the heavy user is in: its welcome is about 6 MB, well beyond the kernel's buffers. */
  private static final int HEAVY_ROOMS = 60_000;

  private static final String HEAVY_TOKEN = "heavy-token-" + System.nanoTime();
  private static final int BROADCASTS = 20;
  private static final int STALL_MILLIS = 1500;
  private static final String TEXT = "y".repeat(7900);

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(
          Seeds.then(
                      s -> {
                        s.user("uheavy", "heavy", HEAVY_TOKEN).member("general", "uheavy");
                        for (int i = 0; i < HEAVY_ROOMS; i++)
                          s.room("w" + i, "", "uheavy", 0).member("w" + i, "uheavy");
                      })
                  .andThen(c -> c.withMaxOutboundBytes(MAX_OUTBOUND).withRate(100_000, 100_000))
              ::apply);

  @Test
  void aClientReadingAWelcomeOfManyRoomsWhileBroadcastsFlowIsNotClosed() throws Exception {
    TestClient sender = server.user("sender");
    try (RawWebSocket heavy = RawWebSocket.connect(server.port(), 4096)) {
      heavy.sendText(obj("type", "hello", "token", HEAVY_TOKEN, "ref", "hi").toString());
      awaitOnline(sender, "heavy");
      Set<String> sent = broadcastWhileStalled(sender);

      List<JsonNode> frames = readUntil(heavy, sent, 1);
      JsonNode welcome = frames.get(0);
      assertThat(welcome.path("type").asString()).isEqualTo("welcome");
      assertThat(welcome.path("rooms").size()).isEqualTo(HEAVY_ROOMS + 1); // and general
      assertStillServed(heavy);
    }
  }

  @Test
  void aClientReadingHistoryPagesItAskedForWhileBroadcastsFlowIsNotClosed() throws Exception {
    TestClient sender = server.user("sender");
    String room = ParleyServerExtension.room("pages");
    sender.create(room);
    for (int i = 0; i < 40; i++) sender.sayAsync(room, TEXT);
    sender.say(room, TEXT);

    try (RawWebSocket reader = RawWebSocket.connect(server.port(), 4096)) {
      String nick = ParleyServerExtension.nick("pages");
      reader.sendText(obj("type", "hello", "nick", nick).toString());
      reader.sendText(obj("type", "join", "room", room).toString());
      awaitOnline(sender, nick);
      int pages = 40; // each page is capped near 256 KiB: about 10 MB asked for at once
      for (int i = 0; i < pages; i++)
        reader.sendText(
            obj("type", "history", "room", room, "limit", 200, "ref", "p" + i).toString());
      Set<String> sent = broadcastWhileStalled(sender);

      List<JsonNode> frames = readUntil(reader, sent, pages);
      assertThat(frames)
          .filteredOn(f -> "history".equals(f.path("type").asString()))
          .hasSize(pages);
      assertStillServed(reader);
    }
  }

  /**
   * Once the sender sees {@code nick} online, that user's connection gets what is broadcast from
   * then on.
   */
  private static void awaitOnline(TestClient sender, String nick) {
    sender.await(
        "presence",
        p -> nick.equals(p.path("user").path("nick").asString()),
        java.time.Duration.ofSeconds(20));
  }

  /**
   * While the reader reads nothing, small broadcasts flow (the sender waits for each); returns
   * their ids.
   */
  private static Set<String> broadcastWhileStalled(TestClient sender) throws InterruptedException {
    Set<String> ids = new HashSet<>();
    long end = System.currentTimeMillis() + STALL_MILLIS;
    for (int i = 0; i < BROADCASTS; i++) {
      ids.add(sender.say("general", "tick " + i).path("id").asString());
      Thread.sleep(Math.max(0, (end - System.currentTimeMillis()) / (BROADCASTS - i)));
    }
    return ids;
  }

  /**
   * Reads until every message of {@code ids} has come and {@code replies} replies (frames with a
   * ref) have; fails on a close frame or the end of the stream.
   */
  private static List<JsonNode> readUntil(RawWebSocket ws, Set<String> ids, int replies)
      throws Exception {
    Set<String> missing = new HashSet<>(ids);
    List<JsonNode> frames = new java.util.ArrayList<>();
    int answered = 0;
    while (!missing.isEmpty() || answered < replies) {
      RawWebSocket.Frame f;
      try {
        f = ws.readFrame();
      } catch (java.io.IOException e) {
        throw new AssertionError(
            "the stream ended after "
                + frames.size()
                + " frames, "
                + missing.size()
                + " broadcasts missing",
            e);
      }
      assertThat(f.opcode())
          .as(
              "frame after %d frames (close code %s)",
              frames.size(), f.opcode() == RawWebSocket.Frame.CLOSE ? f.closeCode() : "-")
          .isEqualTo(RawWebSocket.Frame.TEXT);
      JsonNode frame = Json.parse(f.text());
      frames.add(frame);
      if (frame.has("ref")) answered++;
      if ("message".equals(frame.path("type").asString()))
        missing.remove(frame.path("id").asString());
    }
    return frames;
  }

  private static void assertStillServed(RawWebSocket ws) throws Exception {
    ws.sendText(obj("type", "ping", "ref", "still").toString());
    while (true) {
      RawWebSocket.Frame f = ws.readFrame();
      assertThat(f.opcode())
          .as("close code %s", f.opcode() == RawWebSocket.Frame.CLOSE ? f.closeCode() : "-")
          .isEqualTo(RawWebSocket.Frame.TEXT);
      if ("still".equals(Json.parse(f.text()).path("ref").asString())) return;
    }
  }
}
