package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.FilePayload;
import dev.parley.testing.HostileImages;
import dev.parley.testing.TestImages;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server's limits on uploads (issue 14: a daily quota, three at once per person, an upload that
 * stalls dropped, a busy server) are said in the composer's upload list in plain words, on the
 * failed upload itself, and nothing is sent.
 */
class UploadLimitsTest extends BrowserTestBase {

  /** One refusal as the server words it (see UploadGuardsTest for the server's side). */
  private record Refusal(int status, String body, String shown) {}

  @Test
  void eachLimitIsExplainedOnTheUploadItStopped() {
    Page alice = login(unique("alice"));
    createRoom(alice, unique("limits"), "");
    List<Refusal> refusals =
        List.of(
            new Refusal(
                429,
                "{\"error\":\"quota\",\"message\":\"You have uploaded as much as one person may in a day (500 MiB); you can upload again in 7 hours.\"}",
                "“a.png” was not sent: You have uploaded as much as one person may in a day (500 MiB); you can upload again in 7 hours."),
            new Refusal(
                429,
                "{\"error\":\"too_many_uploads\",\"message\":\"You have 3 uploads under way already; send this one when one of them has finished.\"}",
                "“b.png” was not sent: You have 3 uploads under way already; send this one when one of them has finished."),
            new Refusal(
                408,
                "{\"error\":\"timeout\",\"message\":\"Nothing of the upload arrived for 15 seconds, so it was dropped; send it again.\"}",
                "“c.png” stalled: Nothing of the upload arrived for 15 seconds, so it was dropped; send it again."),
            new Refusal(
                503,
                "{\"error\":\"busy\",\"message\":\"The server is taking too many uploads at once; try again in a moment.\"}",
                "“d.png” was not sent: the server is busy; try again in a moment."));
    int[] next = {0};
    alice.route(
        "**/api/uploads",
        (Route route) -> {
          Refusal r = refusals.get(next[0]++);
          route.fulfill(
              new Route.FulfillOptions()
                  .setStatus(r.status())
                  .setContentType("application/json")
                  .setBody(r.body()));
        });
    String[] names = {"a.png", "b.png", "c.png", "d.png"};
    for (String name : names) {
      alice
          .getByTestId("attach-input")
          .setInputFiles(
              new FilePayload(
                  name, "image/png", TestImages.encoded("png", 20, 20, name.charAt(0))));
    }
    Locator uploads = alice.getByTestId("upload");
    assertThat(uploads).hasCount(names.length);
    for (int i = 0; i < names.length; i++) {
      assertThat(uploads.nth(i)).hasAttribute("data-state", "failed");
      assertThat(uploads.nth(i).getByTestId("upload-status")).hasText(refusals.get(i).shown());
      assertThat(uploads.nth(i).getByTestId("upload-status")).hasAttribute("role", "alert");
    }
    assertThat(alice.locator("[data-testid=message-list] [data-testid=message]")).hasCount(0);
  }

  @Test
  void aFileThatIsAHeaderAndNoPictureIsExplainedByTheRealServer() {
    Page alice = login(unique("alice"));
    createRoom(alice, unique("hollow"), "");
    alice
        .getByTestId("attach-input")
        .setInputFiles(
            new FilePayload(
                "hollow.png", "image/png", HostileImages.pngHeaderOnly(640, 480, true)));
    Locator upload = alice.getByTestId("upload");
    assertThat(upload).hasAttribute("data-state", "failed");
    assertThat(upload.getByTestId("upload-status"))
        .hasText("“hollow.png” is not a whole image: it has a header but no picture after it.");
    assertThat(alice.locator("[data-testid=message-list] [data-testid=message]")).hasCount(0);
  }
}
