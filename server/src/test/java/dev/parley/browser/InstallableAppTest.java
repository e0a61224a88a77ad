package dev.parley.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parley is an app a browser offers to install, on a phone too: a manifest with a name, standalone
 * display, theme colours and icons (maskable ones included) that are the PNGs they claim to be, and
 * Chromium itself finds nothing stopping the install (the service worker that keeps the client's
 * files offline is what it asks for besides the manifest).
 */
class InstallableAppTest extends BrowserTestBase {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<byte[]> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(baseUrl).resolve(path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Width and height from a PNG's IHDR chunk. */
  private static int[] pngSize(byte[] png) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(png));
    long signature = in.readLong();
    assertThat(signature).as("PNG signature").isEqualTo(0x89504E470D0A1A0AL);
    in.readInt(); // the chunk's length
    assertThat(in.readInt()).as("IHDR first").isEqualTo(0x49484452);
    return new int[] {in.readInt(), in.readInt()};
  }

  @Test
  void theManifestNamesTheAppAndItsIconsAreWhatTheySay() throws Exception {
    HttpResponse<byte[]> res = get("/manifest.webmanifest");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("content-type")).hasValue("application/manifest+json");
    JsonObject manifest = JsonParser.parseString(new String(res.body(), "UTF-8")).getAsJsonObject();
    assertThat(manifest.get("name").getAsString()).isEqualTo("Parley");
    assertThat(manifest.get("display").getAsString()).isEqualTo("standalone");
    assertThat(manifest.get("start_url").getAsString()).isEqualTo("/");
    assertThat(manifest.get("theme_color").getAsString()).matches("#[0-9a-f]{6}");

    List<String> purposes = new ArrayList<>();
    for (JsonElement e : manifest.getAsJsonArray("icons")) {
      JsonObject icon = e.getAsJsonObject();
      HttpResponse<byte[]> file = get(icon.get("src").getAsString());
      assertThat(file.statusCode()).as(icon.toString()).isEqualTo(200);
      assertThat(file.headers().firstValue("content-type"))
          .hasValue(icon.get("type").getAsString());
      String sizes = icon.get("sizes").getAsString();
      if (!sizes.equals("any")) {
        int[] wh = pngSize(file.body());
        assertThat(wh[0] + "x" + wh[1]).as(icon.toString()).isEqualTo(sizes);
        purposes.add(icon.get("purpose").getAsString() + " " + sizes);
      }
    }
    assertThat(purposes)
        .contains("any 192x192", "any 512x512", "maskable 192x192", "maskable 512x512");
  }

  @Test
  void chromiumFindsNothingStoppingTheInstallOnAPhone() {
    Page page =
        newPage(
            new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(390, 844)
                .setIsMobile(true)
                .setHasTouch(true));
    assertThat(page.getByTestId("login-nick").isVisible()).isTrue();
    CDPSession cdp = page.context().newCDPSession(page);

    JsonObject manifest = cdp.send("Page.getAppManifest");
    assertThat(manifest.getAsJsonArray("errors")).as(manifest.toString()).isEmpty();
    assertThat(manifest.get("url").getAsString()).endsWith("manifest.webmanifest");

    // the worker registers after load: until it controls the page, Chromium names it as missing
    List<String> last = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonArray errors =
                  cdp.send("Page.getInstallabilityErrors").getAsJsonArray("installabilityErrors");
              last.clear();
              for (JsonElement e : errors)
                last.add(e.getAsJsonObject().get("errorId").getAsString());
              // a test's browser context is incognito, which no app can help: every other
              // reason (no manifest, no icon, no worker, not standalone...) is ours
              assertThat(last).isSubsetOf("in-incognito");
            });
  }
}
