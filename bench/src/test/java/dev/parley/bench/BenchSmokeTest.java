package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ParleyConfig;
import dev.parley.ParleyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few seconds of fan-out at a low rate against a real Parley node on port 0: asserts that the
 * bench client is correct (every expected delivery arrives, seq without gaps, latency recorded),
 * not that anything is fast. Set PARLEY_BENCH_TARGET=ws://host:port/ws to point it at another
 * server instead (e.g. the reference one while debugging).
 */
class BenchSmokeTest {

  @TempDir Path tmp;

  @Test
  void fanOutDeliversEverythingInOrder() throws Exception {
    String external = System.getenv("PARLEY_BENCH_TARGET");
    ParleyServer server = null;
    String url = external;
    if (url == null) {
      server =
          ParleyServer.start(
              ParleyConfig.defaults().withPort(0).withDataDir(tmp).withRate(1000, 2000));
      url = "ws://127.0.0.1:" + server.port() + "/ws";
    }
    try (Client client = new Client(1)) {
      var params = new FanOut.Params(20, 2, 64, 0.5, 2, 10, 20, 1);
      try (FanOut f =
          new FanOut(
              client, Client.Target.parse("smoke=" + url), params, ProcessHandle.current().pid())) {
        f.setup();
        Map<String, Object> s = f.step(400); // 40 sends/s in all, 2 per client per second
        System.out.println(Report.stepLine("smoke", s));
        assertThat((Long) s.get("expected")).isGreaterThan(0);
        assertThat(s.get("received")).isEqualTo(s.get("expected"));
        assertThat(s.get("lost")).isEqualTo(0L);
        assertThat(s.get("seq_gaps")).isEqualTo(0L);
        assertThat(s.get("seq_dups")).isEqualTo(0L);
        assertThat(s.get("errors")).as("error frames: %s", s.get("last_error")).isEqualTo(0L);
        assertThat(s.get("closed_connections")).isEqualTo(0L);
        assertThat(Report.num(s, "latency_ms", "count")).isGreaterThan(0);
        assertThat(Report.num(s, "latency_ms", "p50")).isGreaterThanOrEqualTo(0);
        assertThat(FanOut.sustainable(s, 60_000)).isTrue();
        // the result and the plot render
        String json = Report.json(Map.of("steps", java.util.List.of(s)));
        assertThat(json).contains("\"received\"");
        Path svg = tmp.resolve("plot.svg");
        Files.writeString(svg, Report.svg(Map.of("smoke", java.util.List.of(s)), 50));
        assertThat(Files.readString(svg)).startsWith("<svg").contains("polyline");
      }
    } finally {
      if (server != null) server.close();
    }
  }

  @Test
  void scannerFindsTopLevelFieldsWithoutParsing() {
    String frame =
        "{\"type\":\"message\",\"id\":\"3-7\",\"from\":{\"id\":\"u_1\",\"nick\":\"b-3\"},"
            + "\"text\":\"2.12345.xxxx\",\"room\":\"bench-x-1\",\"seq\":42,\"ts\":1700000000000}";
    byte[] a = frame.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Scan.Result r = new Scan.Result();
    Scan.scan(a, 0, a.length, r);
    assertThat(Scan.valueIs(a, r.type, a.length, Scan.ascii("message"))).isTrue();
    assertThat(Scan.valueIs(a, r.room, a.length, Scan.ascii("bench-x-1"))).isTrue();
    assertThat(r.seq).isEqualTo(42);
    assertThat(Scan.parseLong(a, r.text, a.length)).isEqualTo(2);
    // spaces after the colon and another key order
    String spaced = "{\"seq\": 7, \"room\": \"r\", \"type\": \"notice\"}";
    byte[] b = spaced.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Scan.scan(b, 0, b.length, r);
    assertThat(r.seq).isEqualTo(7);
    assertThat(Scan.valueIs(b, r.type, b.length, Scan.ascii("notice"))).isTrue();
    assertThat(r.text).isEqualTo(-1);
  }
}
