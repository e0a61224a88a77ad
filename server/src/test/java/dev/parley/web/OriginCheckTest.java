package dev.parley.web;

import static dev.parley.testing.ParleyServerExtension.nick;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ParleyConfig;
import dev.parley.ParleyServer;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The WebSocket handshake refuses pages of other sites (a browser sends their Origin), so a
 * malicious page cannot chat in a visitor's name; bots and scripts send no Origin and get in.
 */
class OriginCheckTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  private URI ws(String host) {
    return URI.create("ws://" + host + ":" + server.port() + "/ws");
  }

  @Test
  void anotherSitesOriginIsRefusedWith403() {
    assertThat(
            TestClient.handshakeStatus(ws("127.0.0.1"), Map.of("Origin", "https://evil.example")))
        .isEqualTo(403);
  }

  @Test
  void theServersOwnOriginIsAccepted() {
    TestClient c =
        server.track(
            TestClient.connect(
                ws("127.0.0.1"), Map.of("Origin", "http://127.0.0.1:" + server.port())));
    assertThat(c.hello(nick("page")).path("type").asString()).isEqualTo("welcome");
  }

  @Test
  void theServersOwnOriginByTheNameLocalhostIsAccepted() {
    TestClient c =
        server.track(
            TestClient.connect(
                ws("localhost"), Map.of("Origin", "http://localhost:" + server.port())));
    assertThat(c.hello(nick("page")).path("type").asString()).isEqualTo("welcome");
  }

  @Test
  void theSameHostOnAnotherPortIsAnotherSite() {
    int otherPort = server.port() == 65535 ? 65534 : server.port() + 1;
    assertThat(
            TestClient.handshakeStatus(
                ws("127.0.0.1"), Map.of("Origin", "http://127.0.0.1:" + otherPort)))
        .isEqualTo(403);
  }

  @Test
  void aHandshakeWithoutOriginIsAccepted() {
    TestClient c = server.client();
    assertThat(c.hello(nick("bot")).path("type").asString()).isEqualTo("welcome");
  }

  @Test
  void anOriginOnTheAllowListIsAcceptedAndOthersStillRefused() throws Exception {
    Path dir = Files.createTempDirectory("parley-origin-");
    try (ParleyServer allowing =
        ParleyServer.start(
            ParleyConfig.defaults()
                .withPort(0)
                .withDataDir(dir)
                .withAllowedOrigins(List.of("https://chat.example")))) {
      URI uri = URI.create("ws://127.0.0.1:" + allowing.port() + "/ws");

      try (TestClient c = TestClient.connect(uri, Map.of("Origin", "https://chat.example"))) {
        assertThat(c.hello(nick("embedded")).path("type").asString()).isEqualTo("welcome");
      }
      assertThat(TestClient.handshakeStatus(uri, Map.of("Origin", "https://evil.example")))
          .isEqualTo(403);
      assertThat(
              TestClient.handshakeStatus(
                  uri, Map.of("Origin", "http://127.0.0.1:" + allowing.port())))
          .isEqualTo(101);
    } finally {
      ParleyServerExtension.deleteRecursively(dir);
    }
  }
}
