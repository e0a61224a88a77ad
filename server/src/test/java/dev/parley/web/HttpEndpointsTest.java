package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The plain HTTP endpoints beside the socket: the app, the health check and the metrics. */
class HttpEndpointsTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static HttpResponse<String> get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(server.httpUri(path)).timeout(Duration.ofSeconds(5)).GET().build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthzIsOk() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void theRootServesTheWebApp() throws Exception {
    HttpResponse<String> response = get("/");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(response.body()).containsIgnoringCase("<html");
  }

  @Test
  void metricsAreInPrometheusTextFormat() throws Exception {
    TestClient c = server.user("metered");
    c.say("general", "count me");

    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(response.body())
        .contains(
            "parley_connections",
            "parley_events_in_total",
            "parley_events_out_total",
            "parley_fanout_latency_seconds",
            "parley_store_write_seconds");
  }

  @Test
  void theConnectionsGaugeCountsConnectionsThatSaidHello() throws Exception {
    // the clients of earlier tests are closed: the count settles at zero
    await().atMost(TestClient.TIMEOUT).until(() -> sample("parley_connections") == 0);
    TestClient a = server.user("gauge");
    TestClient b = server.tabOf(a);
    server.client(); // no hello yet: not counted
    assertThat(sample("parley_connections")).isEqualTo(2);
    a.close();
    b.close();
    await().atMost(TestClient.TIMEOUT).until(() -> sample("parley_connections") == 0);
  }

  @Test
  void eventCountersGrowWithTraffic() throws Exception {
    TestClient c = server.user("counter");
    double in = sample("parley_events_in_total");
    double out = sample("parley_events_out_total");
    c.say("general", "one more");

    await()
        .atMost(TestClient.TIMEOUT)
        .until(
            () -> sample("parley_events_in_total") > in && sample("parley_events_out_total") > out);
  }

  /** The value of the first sample of {@code name} (labels ignored) in /metrics. */
  private static double sample(String name) throws Exception {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)")
            .matcher(get("/metrics").body());
    assertThat(m.find()).as("a sample of %s", name).isTrue();
    return Double.parseDouble(m.group(2));
  }
}
