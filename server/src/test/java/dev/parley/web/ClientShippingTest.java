package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How the client's files are shipped (issue 16, item 5): under one version in their paths and
 * cached for good, index.html revalidated and naming that version and every module to preload, text
 * compressed for a browser that accepts gzip, and a path under another version never answered as
 * immutable.
 */
class ClientShippingTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern MAIN = Pattern.compile("src=\"(/v/([0-9a-f]+)/js/main\\.js)\"");
  private static final Pattern PRELOAD = Pattern.compile("rel=\"modulepreload\" href=\"([^\"]+)\"");

  private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.httpUri(path)).timeout(Duration.ofSeconds(5)).GET();
    if (headers.length > 0) request.headers(headers);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> res) {
    return new String(res.body(), StandardCharsets.UTF_8);
  }

  private static String header(HttpResponse<byte[]> res, String name) {
    return res.headers().firstValue(name).orElse(null);
  }

  private static byte[] gunzip(byte[] body) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void thePageRevalidatesAndNamesVersionedFilesThatAreCachedForGood() throws Exception {
    HttpResponse<byte[]> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(header(page, "Cache-Control")).isEqualTo("no-cache");
    Matcher main = MAIN.matcher(text(page));
    assertThat(main.find()).as("index.html loads main.js under a version").isTrue();
    String version = main.group(2);
    assertThat(text(page)).contains("href=\"/v/" + version + "/app.css\"");

    List<String> preloads = new ArrayList<>();
    Matcher m = PRELOAD.matcher(text(page));
    while (m.find()) preloads.add(m.group(1));
    assertThat(preloads)
        .as("the modules main.js imports, directly or not, and the WebJars they load")
        .contains(
            "/v/" + version + "/js/state.js",
            "/v/" + version + "/js/view/messages.js",
            "/v/" + version + "/js/vendor.js")
        .anySatisfy(p -> assertThat(p).startsWith("/webjars/marked/"))
        .doesNotHaveDuplicates()
        .hasSizeGreaterThan(40);
    for (String path : preloads) {
      HttpResponse<byte[]> file = get(path);
      assertThat(file.statusCode()).as(path).isEqualTo(200);
      assertThat(header(file, "Cache-Control")).as(path).isEqualTo(IMMUTABLE);
    }
    HttpResponse<byte[]> versioned = get(main.group(1));
    assertThat(versioned.body()).isEqualTo(get("/js/main.js").body());
    assertThat(header(get("/js/main.js"), "Cache-Control")).isEqualTo("no-cache");
    assertThat(header(get("/sw.js"), "Cache-Control")).isEqualTo("no-cache");
  }

  @Test
  void aPathUnderAnotherVersionIsNeverAnsweredAsImmutable() throws Exception {
    HttpResponse<byte[]> stale = get("/v/000000000000/js/main.js");
    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(header(stale, "Cache-Control")).isEqualTo("no-cache");
    assertThat(get("/v/000000000000/js/nothing.js").statusCode()).isEqualTo(404);
    assertThat(get("/v/").statusCode()).isEqualTo(404);
    assertThat(get("/v/x/../../../logback.xml").statusCode()).isEqualTo(404);
  }

  @Test
  void textIsGzippedForABrowserThatAcceptsIt() throws Exception {
    String version = versionOf(text(get("/")));
    String path = "/v/" + version + "/js/state.js";
    HttpResponse<byte[]> plain = get(path);
    HttpResponse<byte[]> zipped = get(path, "Accept-Encoding", "gzip, deflate, br");
    assertThat(header(plain, "Content-Encoding")).isNull();
    assertThat(header(zipped, "Content-Encoding")).isEqualTo("gzip");
    assertThat(header(zipped, "Vary")).isEqualToIgnoringCase("Accept-Encoding");
    assertThat(header(zipped, "Cache-Control")).isEqualTo(IMMUTABLE);
    assertThat(zipped.body().length).isLessThan(plain.body().length / 2);
    assertThat(gunzip(zipped.body())).isEqualTo(plain.body());
    assertThat(header(zipped, "ETag")).isNotEqualTo(header(plain, "ETag"));

    HttpResponse<byte[]> page = get("/", "Accept-Encoding", "gzip");
    assertThat(header(page, "Content-Encoding")).isEqualTo("gzip");
    assertThat(new String(gunzip(page.body()), StandardCharsets.UTF_8)).contains("modulepreload");
    assertThat(header(get(path, "Accept-Encoding", "gzip;q=0"), "Content-Encoding")).isNull();

    HttpResponse<byte[]> again =
        get(path, "Accept-Encoding", "gzip", "If-None-Match", header(zipped, "ETag"));
    assertThat(again.statusCode()).isEqualTo(304);
  }

  private static String versionOf(String page) {
    Matcher main = MAIN.matcher(page);
    assertThat(main.find()).isTrue();
    return main.group(2);
  }
}
