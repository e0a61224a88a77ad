package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings → Import: a room's `.json` export, as the server gives it, opens as a read-only archive
 * under "Archives": browsable, searchable, kept on the device across reloads until removed.
 */
class ArchiveImportTest extends BrowserTestBase {

  @TempDir Path files;

  @Test
  void anExportedRoomOpensReadOnlyIsSearchableSurvivesAReloadAndCanBeRemoved() throws Exception {
    String room = unique("trip");
    Page ann = login(unique("ann"));
    createRoom(ann, room, "Where to go");
    sendSource(ann, "Shall we go to the **café** by the lake?");
    sendSource(ann, "Or the museum <img src=x onerror=alert(1)>");
    send(ann, "kubernetes meetup afterwards");
    Path export = files.resolve(room + ".json");
    Files.writeString(export, exportJson(ann, room));

    ann.getByTestId("settings-button").click();
    ann.getByTestId("archive-import").setInputFiles(export);

    Locator item = ann.locator("[data-testid=archive-item][data-room='" + room + "']");
    assertThat(ann.getByTestId("archive-heading")).containsText("Archives");
    assertThat(ann.getByTestId("archive-heading")).containsText("read-only");
    assertThat(item).hasAttribute("aria-current", "page");
    Locator view = ann.getByTestId("archive-view");
    assertThat(view).isVisible();
    assertThat(ann.getByTestId("archive-title")).hasText("#" + room);
    assertThat(ann.getByTestId("archive-readonly")).hasText("Read-only archive");
    // Read-only: no composer, no message actions, and the live conversation is out of sight.
    assertThat(ann.getByTestId("composer")).isHidden();
    assertThat(ann.getByTestId("message-list")).isHidden();
    Locator texts = view.locator("[data-testid=message] [data-testid=message-text]");
    assertThat(texts).hasCount(3);
    // The same rendering as live messages: Markdown, and hostile text stays text.
    assertThat(texts.first().locator("strong")).hasText("café");
    assertThat(texts.nth(1)).containsText("<img src=x onerror=alert(1)>");
    assertThat(view.locator("img")).hasCount(0);
    texts.first().hover();
    assertThat(ann.getByTestId("action-edit")).hasCount(0);
    assertThat(view.locator("[data-testid=notice]").first()).containsText("created the room");

    // A local search: case and accents folded.
    ann.getByTestId("archive-search").fill("CAFE");
    assertThat(texts).hasCount(1);
    assertThat(texts.first()).containsText("café");
    assertThat(ann.getByTestId("archive-count")).hasText("1 match");
    ann.getByTestId("archive-search").fill("nothing like this");
    assertThat(texts).hasCount(0);
    assertThat(ann.getByTestId("archive-no-match")).isVisible();
    ann.getByTestId("archive-search").fill("");
    assertThat(texts).hasCount(3);

    // Choosing a room leaves the archive; the archive is still listed after a reload.
    openRoom(ann, room);
    assertThat(view).isHidden();
    assertThat(ann.getByTestId("composer")).isVisible();
    ann.reload();
    assertConnected(ann);
    item.click();
    assertThat(texts).hasCount(3);

    // Remove asks first; keeping it changes nothing
    ann.getByTestId("archive-remove").click();
    assertThat(ann.getByTestId("archive-remove-confirm")).isVisible();
    ann.getByTestId("archive-remove-cancel").click();
    assertThat(ann.getByTestId("archive-remove-confirm")).isHidden();
    assertThat(texts).hasCount(3);
    ann.getByTestId("archive-remove").click();
    ann.getByTestId("archive-remove-confirm-button").click();
    assertThat(view).isHidden();
    assertThat(item).hasCount(0);
    assertThat(ann.getByTestId("archive-heading")).isHidden();
    ann.reload();
    assertConnected(ann);
    assertThat(item).hasCount(0);
  }

  @Test
  void aFileThatIsNotAnExportOrIsTooLargeIsRefusedWithAReason() throws Exception {
    Page bea = login(unique("bea"));
    bea.getByTestId("settings-button").click();
    Locator input = bea.getByTestId("archive-import");
    Locator status = bea.getByTestId("archive-import-status");

    input.setInputFiles(
        new FilePayload(
            "notes.json", "application/json", "{ not json".getBytes(StandardCharsets.UTF_8)));
    assertThat(status).hasText("notes.json is not a Parley export: it is not valid JSON.");
    input.setInputFiles(
        new FilePayload(
            "other.json", "application/json", "{\"events\":[]}".getBytes(StandardCharsets.UTF_8)));
    assertThat(status).hasText("other.json is not a Parley room export (.json).");
    Path huge = files.resolve("huge.json");
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(50L * 1024 * 1024 + 1);
    }
    input.setInputFiles(huge);
    assertThat(status).containsText("archives up to 50 MB can be imported");
    assertThat(bea.locator("[data-testid=archive-item]")).hasCount(0);
    assertThat(bea.getByTestId("archive-heading")).isHidden();
  }

  /** The room's export from GET /api/rooms/{room}/export, with the page's own token. */
  private static String exportJson(Page page, String room) throws Exception {
    String token = (String) page.evaluate("() => localStorage.getItem('parley.token')");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "api/rooms/" + room + "/export?format=json"))
            .header("Authorization", "Bearer " + token)
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("{\"format\":\"parley-room-export\"");
    return response.body();
  }
}
