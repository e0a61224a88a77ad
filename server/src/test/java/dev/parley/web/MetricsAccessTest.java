package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ParleyConfig;
import dev.parley.ParleyServer;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.RawHttp;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /metrics} counts everyone's traffic, direct conversations included: it is the operator's.
 * On the main port it answers only this machine, not a request a proxy forwarded (which carries
 * {@code X-Forwarded-For} or {@code Forwarded}), unless the request holds the metrics token; with
 * {@code --metrics-address} it moves to a listener of its own.
 */
class MetricsAccessTest {
  private static final String TOKEN = "s3cret-metrics-token";

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withGuards(c.guards().withMetrics(null, TOKEN)));

  private static RawHttp.Response metrics(int port, Map<String, String> extra) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", "127.0.0.1:" + port);
    headers.putAll(extra);
    return RawHttp.exchange(port, RawHttp.get("/metrics", headers));
  }

  @Test
  void thisMachineReadsThemDirectly() {
    RawHttp.Response r = metrics(server.port(), Map.of());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("parley_connections");
  }

  @Test
  void aRequestAProxyForwardedIsRefusedEvenFromLoopback() {
    RawHttp.Response viaNginx = metrics(server.port(), Map.of("X-Forwarded-For", "203.0.113.7"));
    assertThat(viaNginx.status()).as("forwarded by a proxy on this machine").isEqualTo(403);
    assertThat(viaNginx.body()).doesNotContain("parley_").contains("--metrics-token");
    assertThat(metrics(server.port(), Map.of("Forwarded", "for=203.0.113.7")).status())
        .isEqualTo(403);
    assertThat(
            metrics(
                    server.port(),
                    Map.of("X-Forwarded-For", "203.0.113.7", "Authorization", "Bearer wrong"))
                .status())
        .isEqualTo(403);
  }

  @Test
  void theTokenReadsThemFromAnywhere() {
    RawHttp.Response r =
        metrics(
            server.port(),
            Map.of("X-Forwarded-For", "203.0.113.7", "Authorization", "Bearer " + TOKEN));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("parley_connections");
  }

  @Test
  void aSeparateListenerServesThemAndTheMainPortKeepsThemToItself() throws Exception {
    int metricsPort;
    try (ServerSocket free = new ServerSocket(0)) {
      metricsPort = free.getLocalPort();
    }
    Path dir = Files.createTempDirectory("parley-metrics-");
    ParleyConfig config = ParleyConfig.defaults().withPort(0).withDataDir(dir);
    try (ParleyServer apart =
        ParleyServer.start(
            config.withGuards(config.guards().withMetrics("127.0.0.1:" + metricsPort, null)))) {
      RawHttp.Response there = metrics(metricsPort, Map.of());
      assertThat(there.status()).isEqualTo(200);
      assertThat(there.body()).contains("parley_connections");
      assertThat(
              RawHttp.exchange(metricsPort, RawHttp.get("/healthz", Map.of("Host", "127.0.0.1")))
                  .status())
          .as("only /metrics on the metrics listener")
          .isEqualTo(404);
      assertThat(metrics(apart.port(), Map.of()).status())
          .as("/metrics on the main port")
          .isEqualTo(403);
    } finally {
      ParleyServerExtension.deleteRecursively(dir);
    }
  }
}
