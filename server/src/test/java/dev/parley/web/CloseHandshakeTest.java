package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Json;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.RawWebSocket.Frame;
import dev.parley.web.socket.Closing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * When the server closes a connection whose client is still sending, the client gets everything the
 * server sent before its close frame, and the close code: the server stops acting on input,
 * half-closes, and drains what keeps arriving until the client closes too or {@link
 * Closing#LINGER_MILLIS} pass. Closing the socket with the client's frames still unread would make
 * the kernel answer with a reset, and the client would lose what it had not yet read (its library
 * reports 1006). That is a race, so the floods run many times.
 */
class CloseHandshakeTest {

  private static final int RATE = 2;
  private static final int BURST = 20;
  private static final int FLOOD = 3000;

  /** Makes each frame 3 KB: about 9 MB in all, more than the socket buffers hold. */
  private static final String PAD = "p".repeat(3000);

  private static final int READ_TIMEOUT = 10_000;

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withRate(RATE, BURST));

  /**
   * Hello, then thousands of sends in one write without reading: the first are stored, then
   * refused, then the server closes with 1008. Every send up to the one that tripped the close is
   * answered, by its message or by {@code rate_limited}, and none after it.
   */
  @RepeatedTest(30)
  void aFloodGetsItsMessagesItsRefusalsAndClose1008() throws IOException {
    String round = "f" + System.nanoTime() + "-";
    try (RawWebSocket ws = RawWebSocket.connect(server.port(), 0)) {
      ByteArrayOutputStream burst = new ByteArrayOutputStream();
      burst.writeBytes(
          RawWebSocket.textFrame(
              obj("type", "hello", "nick", ParleyServerExtension.nick("flood")).toString()));
      for (int i = 0; i < FLOOD; i++) {
        String id = round + i;
        String send =
            obj(
                    "type",
                    "send",
                    "room",
                    "general",
                    "id",
                    id,
                    "ref",
                    id,
                    "text",
                    "flood " + i + " " + PAD)
                .toString();
        burst.writeBytes(RawWebSocket.textFrame(send));
      }
      boolean reset = !write(ws, burst.toByteArray());

      List<Frame> frames = ws.readUntilClose(READ_TIMEOUT);

      assertThat(closeCode(reset, frames))
          .as("the close code the flooding client receives")
          .isEqualTo(1008);
      Set<Integer> stored = new HashSet<>();
      Set<Integer> refused = new HashSet<>();
      for (JsonNode f : texts(frames)) {
        String type = f.path("type").asString();
        if (type.equals("message") && f.path("id").asString().startsWith(round)) {
          stored.add(index(round, f.path("id").asString()));
        } else if (type.equals("error")) {
          assertThat(f.path("code").asString()).isEqualTo("rate_limited");
          refused.add(index(round, f.path("ref").asString()));
        }
      }
      assertThat(stored)
          .as("sends stored (hello took one token)")
          .hasSizeGreaterThanOrEqualTo(BURST - 1);
      assertThat(refused).as("sends refused before the close (one more closes)").hasSize(BURST);
      assertThat(stored).doesNotContainAnyElementsOf(refused);
      // answers for exactly the first n sends: nothing before the close is missing, nothing after
      // it acted on
      int answered = stored.size() + refused.size();
      for (int i = 0; i < answered; i++) {
        assertThat(stored.contains(i) || refused.contains(i)).as("send %d answered", i).isTrue();
      }
    }
  }

  /** A frame over the limit with more behind it: the pongs for what came first, then 1009. */
  @RepeatedTest(30)
  void anOversizeFrameWithMoreBehindItGetsClose1009() throws IOException {
    try (RawWebSocket ws = RawWebSocket.connect(server.port(), 0)) {
      ByteArrayOutputStream burst = new ByteArrayOutputStream();
      burst.writeBytes(
          RawWebSocket.textFrame(
              obj("type", "hello", "nick", ParleyServerExtension.nick("big")).toString()));
      for (int i = 0; i < 5; i++)
        burst.writeBytes(
            RawWebSocket.textFrame(obj("type", "ping", "ref", "before" + i).toString()));
      String huge =
          obj("type", "send", "room", "general", "id", "huge", "text", "x".repeat(70_000))
              .toString();
      burst.writeBytes(RawWebSocket.textFrame(huge));
      for (int i = 0; i < FLOOD; i++) burst.writeBytes(paddedPing("after" + i));
      boolean reset = !write(ws, burst.toByteArray());

      List<Frame> frames = ws.readUntilClose(READ_TIMEOUT);

      assertThat(closeCode(reset, frames))
          .as("the close code after an oversize frame")
          .isEqualTo(1009);
      List<String> pongs =
          texts(frames).stream()
              .filter(f -> f.path("type").asString().equals("pong"))
              .map(f -> f.path("ref").asString())
              .toList();
      assertThat(pongs).containsExactly("before0", "before1", "before2", "before3", "before4");
    }
  }

  /** A first frame that is not hello, with more behind it: that frame's error, then 1008. */
  @RepeatedTest(30)
  void framesBeforeHelloGetHelloRequiredAndClose1008() throws IOException {
    try (RawWebSocket ws = RawWebSocket.connect(server.port(), 0)) {
      ByteArrayOutputStream burst = new ByteArrayOutputStream();
      for (int i = 0; i < FLOOD; i++) burst.writeBytes(paddedPing("r" + i));
      boolean reset = !write(ws, burst.toByteArray());

      List<Frame> frames = ws.readUntilClose(READ_TIMEOUT);

      assertThat(closeCode(reset, frames))
          .as("the close code for frames before hello")
          .isEqualTo(1008);
      List<JsonNode> replies = texts(frames);
      assertThat(replies).hasSize(1);
      assertThat(replies.get(0).path("code").asString()).isEqualTo("hello_required");
      assertThat(replies.get(0).path("ref").asString()).isEqualTo("r0");
    }
  }

  /**
   * A client that reads the close frame but never closes its side, and keeps sending: the server
   * half-closes at once (the client reads the end of the stream), drains what arrives meanwhile,
   * and drops the connection when the linger time is up, not before, not much later.
   */
  @Test
  void aPeerThatNeverClosesIsDroppedWhenTheLingerTimeIsUp()
      throws IOException, InterruptedException {
    try (RawWebSocket ws = RawWebSocket.connect(server.port(), 0)) {
      ws.sendText(obj("type", "ping", "ref", "no-hello").toString());
      List<Frame> frames = ws.readUntilClose(READ_TIMEOUT);
      long closed = System.nanoTime();
      assertThat(closeCode(false, frames)).isEqualTo(1008);
      assertThat(ws.isClosedByServer(1000))
          .as("the server's side ends right after its close frame")
          .isTrue();

      long dropped = -1;
      while (dropped < 0) {
        try {
          ws.sendText(obj("type", "ping", "ref", "still here").toString());
          Thread.sleep(20);
        } catch (IOException reset) {
          dropped = System.nanoTime();
        }
        assertThat((System.nanoTime() - closed) / 1_000_000)
            .as("ms the server kept the socket")
            .isLessThan(Closing.LINGER_MILLIS + 1500);
      }
      long heldMillis = (dropped - closed) / 1_000_000;
      System.out.printf(
          "CloseHandshakeTest: a peer that never closed was dropped after %d ms%n", heldMillis);
      // the timer starts when the server decides, a little before the close frame reached us
      assertThat(heldMillis)
          .as("ms the server kept draining a peer that never closed")
          .isGreaterThan(Closing.LINGER_MILLIS / 2);
    }
  }

  /** A ping the server never gets to read: its padding (an unknown field) makes it big. */
  private static byte[] paddedPing(String ref) {
    return RawWebSocket.textFrame(obj("type", "ping", "ref", ref, "pad", PAD).toString());
  }

  /** Writes in one go; false if the server reset the connection meanwhile. */
  private static boolean write(RawWebSocket ws, byte[] bytes) {
    try {
      ws.sendBytes(bytes);
      return true;
    } catch (IOException reset) {
      return false;
    }
  }

  /**
   * The close code a WebSocket library reports: 1006 when the connection was reset under a write
   * (ws and browsers drop the connection then, unread frames and all) or ended without a close
   * frame.
   */
  private static int closeCode(boolean resetWhileWriting, List<Frame> frames) {
    if (resetWhileWriting) return 1006;
    if (frames.isEmpty() || frames.get(frames.size() - 1).opcode() != Frame.CLOSE) return 1006;
    return frames.get(frames.size() - 1).closeCode();
  }

  private static List<JsonNode> texts(List<Frame> frames) {
    List<JsonNode> texts = new ArrayList<>();
    for (Frame f : frames) {
      if (f.opcode() != Frame.TEXT) continue;
      JsonNode node = Json.parse(f.text());
      String type = node.path("type").asString();
      // what a new user gets or sees anyway, whatever it sent
      if (!List.of("welcome", "presence", "notice", "room", "read", "typing").contains(type))
        texts.add(node);
    }
    return texts;
  }

  private static int index(String round, String id) {
    assertThat(id).startsWith(round);
    return Integer.parseInt(id.substring(round.length()));
  }
}
