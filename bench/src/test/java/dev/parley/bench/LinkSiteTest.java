package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The capacity run's link site answers every page with a title to preview, and counts them. */
class LinkSiteTest {

  @Test
  void everyPageHasAnOpenGraphTitleAndIsCounted() throws Exception {
    try (LinkSite site = new LinkSite(0)) {
      HttpClient http = HttpClient.newHttpClient();
      for (int n : new int[] {7, 99_999}) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + site.port() + "/p/" + n))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.body()).contains("<meta property=\"og:title\" content=\"Page " + n + "\">");
      }
      assertThat(site.served()).isEqualTo(2);
    }
  }
}
