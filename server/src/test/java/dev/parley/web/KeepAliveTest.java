package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.TestClient;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server pings idle connections and closes the ones that stop answering. */
class KeepAliveTest {

  private static final int PING_MILLIS = 200;

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withPingInterval(Duration.ofMillis(PING_MILLIS)));

  @Test
  void aPeerThatNeverAnswersIsPingedThenClosed() throws IOException {
    try (RawWebSocket raw = RawWebSocket.connect(server.port(), 0)) {
      RawWebSocket.Frame first = raw.readFrame();
      assertThat(first.opcode())
          .as("the server pings a silent connection")
          .isEqualTo(RawWebSocket.Frame.PING);
      // Three unanswered pings, then the next idle period closes it: well under 20 intervals.
      assertThat(raw.isClosedByServer(20 * PING_MILLIS))
          .as("closed after pings went unanswered")
          .isTrue();
    }
  }

  @Test
  void aPeerThatAnswersPingsStaysConnectedWhileIdle() throws InterruptedException {
    TestClient c = server.client();
    c.hello(server.nick("idle"));
    Thread.sleep(10L * PING_MILLIS); // many ping intervals with no frame from the client
    assertThat(c.ping().path("type").asString()).isEqualTo("pong");
  }
}
