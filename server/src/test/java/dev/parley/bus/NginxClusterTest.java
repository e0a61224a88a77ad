package dev.parley.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes behind a real nginx (Debian's, which test.sh installs) configured with exactly the
 * block the README shows, only the ports changed: the page and the WebSocket pass through,
 * connections land on both nodes, and people on different nodes talk.
 */
class NginxClusterTest {

  @RegisterExtension
  static final ParleyCluster cluster = ParleyCluster.of(2, c -> c.withRate(1000, 1000));

  private static Process nginx;
  private static Path prefix;
  private static int port;

  /** The README's nginx block, as it stands there. */
  static String readmeBlock() throws IOException {
    Path readme = Path.of(System.getProperty("user.dir")).resolve("../README.md").normalize();
    Matcher m =
        Pattern.compile("```nginx\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(readme));
    if (!m.find()) throw new AssertionError("README.md has no ```nginx block for this test to run");
    return m.group(1);
  }

  @BeforeAll
  static void startNginx() throws Exception {
    Path binary = Path.of("/usr/sbin/nginx");
    if (!Files.isExecutable(binary)) {
      throw new AssertionError(
          "nginx is missing at /usr/sbin/nginx: test.sh installs it (apt-get install nginx-light)");
    }
    String block = readmeBlock();
    assertThat(block).contains("server 127.0.0.1:3001;", "server 127.0.0.1:3002;", "listen 8080;");
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    block =
        block
            .replace("server 127.0.0.1:3001;", "server 127.0.0.1:" + cluster.node(0).port() + ";")
            .replace("server 127.0.0.1:3002;", "server 127.0.0.1:" + cluster.node(1).port() + ";")
            .replace("listen 8080;", "listen 127.0.0.1:" + port + ";");
    prefix = Files.createTempDirectory("parley-nginx");
    Files.createDirectories(prefix.resolve("logs"));
    Files.writeString(
        prefix.resolve("nginx.conf"),
        "daemon off;\nworker_processes 1;\npid "
            + prefix.resolve("nginx.pid")
            + ";\nerror_log "
            + prefix.resolve("logs/error.log")
            + " warn;\nevents { worker_connections 256; }\nhttp {\n  access_log off;\n  client_body_temp_path "
            + prefix.resolve("body")
            + ";\n  proxy_temp_path "
            + prefix.resolve("proxy")
            + ";\n"
            + block
            + "}\n");
    nginx =
        new ProcessBuilder(
                binary.toString(),
                "-p",
                prefix.toString(),
                "-c",
                prefix.resolve("nginx.conf").toString())
            .redirectErrorStream(true)
            .redirectOutput(prefix.resolve("logs/out.log").toFile())
            .start();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              if (!nginx.isAlive())
                throw new AssertionError(
                    "nginx exited: " + Files.readString(prefix.resolve("logs/out.log")));
              try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
              } catch (IOException e) {
                return false;
              }
            });
  }

  @AfterAll
  static void stopNginx() throws Exception {
    if (nginx != null) {
      nginx.destroy();
      nginx.waitFor();
    }
    if (prefix != null) ParleyServerExtension.deleteRecursively(prefix);
  }

  @Test
  void thePageAndTheSocketPassAndPeopleOnBothNodesTalk() throws Exception {
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Parley");

    List<TestClient> people = new ArrayList<>();
    URI ws = URI.create("ws://127.0.0.1:" + port + "/ws");
    for (int i = 0; i < 4; i++) {
      TestClient c = TestClient.connect(ws);
      c.hello(ParleyServerExtension.nick("via-nginx"));
      people.add(c);
    }
    // nginx spreads them round robin: each node holds some of them
    for (int n = 0; n < 2; n++) {
      HttpResponse<String> metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + cluster.node(n).port() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      Matcher m =
          Pattern.compile("(?m)^parley_connections(?:\\{[^}]*\\})? ([0-9.]+)")
              .matcher(metrics.body());
      assertThat(m.find()).as("node %d reports parley_connections", n).isTrue();
      assertThat(Double.parseDouble(m.group(1)))
          .as("connections on node %d", n)
          .isGreaterThanOrEqualTo(1);
    }

    String room = ParleyServerExtension.room("proxied");
    people.get(0).create(room);
    for (TestClient c : people.subList(1, people.size())) c.join(room);
    String id = people.get(3).sayAsync(room, "hello through nginx");
    for (TestClient c : people) c.awaitMessage(room, id);
    for (TestClient c : people) c.close();
  }
}
