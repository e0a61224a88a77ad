package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The browser libraries load from the WebJars through js/vendor.js, and the page's policy stays
 * strict.
 */
class VendorFilesTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern VENDOR_PATH = Pattern.compile("['\"](/webjars/[^'\"]+)['\"]");

  private static HttpResponse<String> get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(server.httpUri(path)).timeout(Duration.ofSeconds(5)).GET().build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> vendorPaths(String vendorJs) {
    List<String> paths = new ArrayList<>();
    Matcher m = VENDOR_PATH.matcher(vendorJs);
    while (m.find()) paths.add(m.group(1));
    return paths;
  }

  @Test
  void everyPathVendorJsLoadsIsServedAndCachedForGood() throws Exception {
    HttpResponse<String> vendor = get("/js/vendor.js");
    assertThat(vendor.statusCode()).isEqualTo(200);
    assertThat(vendor.body()).as("the build filled in every version").doesNotContain("${");
    List<String> paths = vendorPaths(vendor.body());
    assertThat(paths).as("marked, DOMPurify, highlight.js and its two themes").hasSize(5);

    for (String path : paths) {
      HttpResponse<String> file = get(path);
      assertThat(file.statusCode()).as(path).isEqualTo(200);
      assertThat(file.headers().firstValue("Content-Type"))
          .as(path)
          .hasValueSatisfying(t -> assertThat(t).matches("text/(javascript|css).*"));
      assertThat(file.headers().firstValue("Cache-Control"))
          .as(path)
          .hasValue("public, max-age=31536000, immutable");
      assertThat(file.body()).as(path).isNotBlank();
    }
    assertThat(get("/js/vendor.js").headers().firstValue("Cache-Control")).hasValue("no-cache");
  }

  @Test
  void onlyFilesInsideTheWebJarsAreServed() throws Exception {
    assertThat(get("/webjars/marked/0.0.1/lib/marked.esm.js").statusCode()).isEqualTo(404);
    assertThat(get("/webjars/highlightjs/11.11.1/../../../logback.xml").statusCode())
        .isEqualTo(404);
    assertThat(get("/webjars/%2e%2e/%2e%2e/web/index.html").statusCode()).isEqualTo(404);
    assertThat(get("/webjars/dompurify/3.3.3/LICENSE").statusCode()).isEqualTo(404);
    assertThat(get("/webjars/").statusCode()).isEqualTo(404);
  }

  @Test
  void theAppPageKeepsItsStrictContentSecurityPolicy() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValue(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
                + "frame-ancestors 'none'; form-action 'self'");
    Matcher scripts = Pattern.compile("<script\\b[^>]*>").matcher(page.body());
    int count = 0;
    while (scripts.find()) {
      count++;
      assertThat(scripts.group()).as("no inline script, no import map").contains("src=\"/");
    }
    assertThat(count).isPositive();
  }
}
