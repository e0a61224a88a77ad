package dev.parley;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.TestClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * A node started by {@code parley serve} waits {@link ParleyConfig#OFFLINE_GRACE} (2 s) before
 * someone whose last connection closed goes offline (embedded nodes and the other tests go at
 * once): a page reload on a real server is seen by nobody.
 */
class CommandLineOfflineGraceTest {

  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) opened.get(i).close();
  }

  /** The configuration {@code parley serve} would start with, given these options. */
  private static ParleyConfig served(String... options) {
    Parley.Serve serve = new Parley.Serve();
    new CommandLine(serve).parseArgs(options);
    return serve.config();
  }

  private TestClient client(ParleyServer server) {
    TestClient c = TestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"));
    opened.add(c);
    return c;
  }

  private static boolean is(JsonNode p, TestClient who, String status) {
    return who.id().equals(p.path("user").path("id").asString())
        && status.equals(p.path("status").asString());
  }

  @Test
  void serveWaitsTwoSecondsBeforeSomeoneGoesOffline(@TempDir Path dir) {
    assertThat(ParleyConfig.OFFLINE_GRACE).isEqualTo(Duration.ofSeconds(2));
    assertThat(served("--port", "0", "--data-dir", dir.toString()).offlineGrace())
        .isEqualTo(ParleyConfig.OFFLINE_GRACE);
    assertThat(ParleyConfig.defaults().offlineGrace()).as("embedded").isZero();
  }

  @Test
  void aReconnectOnANodeStartedByServeIsSeenByNobody(@TempDir Path dir) {
    ParleyServer server =
        ParleyServer.start(
            served("--port", "0", "--host", "127.0.0.1", "--data-dir", dir.toString()));
    opened.add(server);
    TestClient watcher = client(server);
    watcher.hello("watcher");
    TestClient bob = client(server);
    bob.hello("bob");
    watcher.await("presence", p -> is(p, bob, "online"));
    watcher.clear();

    bob.close();
    client(server).welcomed(obj("type", "hello", "token", bob.token()));
    // Someone who leaves after bob and stays away: their offline comes once the grace is over,
    // and bob's would have come before it.
    TestClient kim = client(server);
    kim.hello("kim");
    watcher.await("presence", p -> is(p, kim, "online"));
    kim.close();
    watcher.await("presence", p -> is(p, kim, "offline"));
    assertThat(
            watcher.frames("presence", p -> bob.id().equals(p.path("user").path("id").asString())))
        .as("presence frames about bob")
        .isEmpty();
  }
}
