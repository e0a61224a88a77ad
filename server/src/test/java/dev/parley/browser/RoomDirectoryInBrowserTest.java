package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.testing.Json.obj;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.testing.TestClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Browse rooms" with more public rooms than a welcome lists (200): the dialog shows the first
 * page, the busiest first, pages further with "More rooms", and filters by name or topic through
 * the server as one types; at a desktop width and on a phone.
 */
class RoomDirectoryInBrowserTest extends BrowserTestBase {

  /** Creators, each within the room quota: 240 public rooms besides general. */
  private static final int CREATORS = 12;

  private static final int ROOMS_EACH = 20;
  private static final String TAG = "bd" + System.nanoTime() % 10_000;
  private static final List<TestClient> seeders = new ArrayList<>();

  private static String name(int creator, int i) {
    return String.format("%s-%02d-%02d", TAG, creator, i);
  }

  private static String topic(int i) {
    return i % 4 == 0 ? "All about owls" : "Something else entirely";
  }

  @BeforeAll
  static void manyRooms() {
    URI ws = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
    for (int c = 0; c < CREATORS; c++) {
      TestClient creator = TestClient.connect(ws);
      seeders.add(creator);
      creator.hello(unique("creator"));
      List<String> refs = new ArrayList<>();
      for (int i = 0; i < ROOMS_EACH; i++)
        refs.add(creator.request(obj("type", "create", "room", name(c, i), "topic", topic(i))));
      for (String ref : refs) {
        String type = creator.awaitRef(ref).path("type").asString();
        if (!type.equals("ok")) throw new AssertionError("seeding a room: " + type);
      }
    }
    // the busiest rooms, after general: the last creator's last rooms, joined by the others
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i <= c; i++) seeders.get(i).join(name(CREATORS - 1, ROOMS_EACH - 1 - c));
    }
  }

  @AfterAll
  static void closeSeeders() {
    for (TestClient c : seeders) c.close();
  }

  @Test
  void theFirstPageThenMoreThenAFilterAtDesktopWidth() {
    Page page = login(unique("browser"));
    page.getByTestId("browse-button").click();
    Locator items = page.getByTestId("directory-item");

    // the welcome's 200 rooms, but general, which I am in: the busiest first
    assertThat(items).hasCount(199);
    assertThat(items.first()).hasAttribute("data-room", name(CREATORS - 1, ROOMS_EACH - 3));
    assertThat(items.nth(1)).hasAttribute("data-room", name(CREATORS - 1, ROOMS_EACH - 2));
    assertThat(page.getByTestId("directory-more")).isVisible();
    screenshot(page, "room-directory-1280.png");

    page.getByTestId("directory-more").click();
    assertThat(items).hasCount(CREATORS * ROOMS_EACH);
    assertThat(page.getByTestId("directory-more")).isHidden();

    page.getByTestId("browse-filter").fill(TAG + "-07-");
    assertThat(items).hasCount(ROOMS_EACH);
    page.getByTestId("browse-filter").fill("nothing is called this");
    assertThat(page.getByTestId("directory-empty")).hasText("No rooms match.");

    // joining from a filtered page
    page.getByTestId("browse-filter").fill(name(3, 5));
    assertThat(items).hasCount(1);
    page.locator("[data-testid=join-button][data-room='" + name(3, 5) + "']").click();
    assertThat(roomItem(page, name(3, 5))).hasAttribute("aria-current", "page");
  }

  @Test
  void aFilterByTopicPagesFromTheServerOnAPhone() {
    Page page =
        login(
            newPage(
                new Browser.NewContextOptions()
                    .setViewportSize(390, 844)
                    .setIsMobile(true)
                    .setHasTouch(true)),
            unique("phone"));
    page.getByTestId("rooms-button").click();
    page.getByTestId("browse-button").click();
    Locator items = page.getByTestId("directory-item");
    assertThat(items).hasCount(199);

    // 60 rooms are about owls, most of them beyond the first page: the server finds them, 50 at a
    // time
    page.getByTestId("browse-filter")
        .pressSequentially("OWLS", new Locator.PressSequentiallyOptions().setDelay(30));
    assertThat(items).hasCount(50);
    assertThat(page.getByTestId("directory-more")).isVisible();
    screenshot(page, "room-directory-390.png");
    page.getByTestId("directory-more").click();
    assertThat(items).hasCount(CREATORS * ROOMS_EACH / 4);
    assertThat(page.getByTestId("directory-more")).isHidden();
    assertThat(page.locator(".directory-topic").first()).hasText("All about owls");

    Object overflow =
        page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
    org.assertj.core.api.Assertions.assertThat(((Number) overflow).intValue())
        .isLessThanOrEqualTo(0);
  }

  private static void screenshot(Page page, String file) {
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", file)));
  }
}
