package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ParleyConfig;
import dev.parley.ParleyServer;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A graceful shutdown tells every client to come back later (1001) instead of just vanishing. */
class ShutdownTest {

  private Path dir;
  private ParleyServer server;

  @BeforeEach
  void start() throws Exception {
    dir = Files.createTempDirectory("parley-shutdown-");
    server = ParleyServer.start(ParleyConfig.defaults().withPort(0).withDataDir(dir));
  }

  @AfterEach
  void cleanUp() {
    server.close();
    ParleyServerExtension.deleteRecursively(dir);
  }

  private TestClient connect() {
    return TestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"));
  }

  @Test
  void closingTheServerClosesEveryConnectionWith1001() {
    try (TestClient ann = connect();
        TestClient bob = connect();
        TestClient quiet = connect()) {
      ann.hello(ParleyServerExtension.nick("ann"));
      bob.hello(ParleyServerExtension.nick("bob"));
      // quiet has not said hello yet: it is closed the same way

      server.close();

      assertThat(ann.closeCode()).isEqualTo(1001);
      assertThat(bob.closeCode()).isEqualTo(1001);
      assertThat(quiet.closeCode()).isEqualTo(1001);
    }
  }

  @Test
  void aClosedServerTakesNoNewConnections() {
    int port = server.port();
    server.close();

    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> TestClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws")).close()))
        .isNotNull();
  }

  @Test
  void closingTwiceIsHarmless() {
    server.close();
    server.close();
  }
}
