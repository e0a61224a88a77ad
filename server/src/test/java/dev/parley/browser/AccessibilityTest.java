package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import dev.parley.testing.TestImages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * axe-core finds nothing against WCAG 2.2 AA (and a page's one top-level heading) on the screens
 * people use, in light and dark, at 1280 and 390 pixels. A violation fails with what and where, so
 * the message says what to fix.
 */
class AccessibilityTest extends BrowserTestBase {
  private static final List<String> TAGS =
      List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

  /** Every violation on the page as it is now, one line each. */
  static List<String> violations(Page page, String screen) {
    List<String> found = new ArrayList<>();
    AxeResults results = new AxeBuilder(page).withTags(TAGS).analyze();
    for (Rule v : results.getViolations()) {
      v.getNodes()
          .forEach(
              n ->
                  found.add(
                      screen
                          + ": "
                          + v.getId()
                          + " at "
                          + n.getTarget()
                          + ": "
                          + n.getFailureSummary().replace('\n', ' ')));
    }
    if (page.locator("h1").count() == 0) found.add(screen + ": no top-level heading");
    return found;
  }

  /** The screen as it is, in both themes and both widths; the page is left light and wide. */
  private static void check(Page page, String screen, List<String> found) {
    for (String theme : List.of("light", "dark")) {
      page.evaluate("t => document.documentElement.dataset.theme = t", theme);
      for (int width : List.of(1280, 390)) {
        page.setViewportSize(width, width == 390 ? 844 : 800);
        found.addAll(violations(page, screen + " " + theme + " " + width));
      }
    }
    page.evaluate("() => document.documentElement.dataset.theme = 'light'");
    page.setViewportSize(1280, 800);
  }

  private static void assertNone(List<String> found) {
    if (!found.isEmpty())
      fail(found.size() + " accessibility violations:\n" + String.join("\n", found));
  }

  @Test
  void theLoginScreenAndTheChatHaveNoViolations() {
    List<String> found = new ArrayList<>();
    Page page = newPage();
    check(page, "login", found);
    String nick = unique("reader");
    login(page, nick);
    send(page, "hello, everyone");
    check(page, "chat", found);

    page.getByTestId("emoji-button").click();
    assertThat(page.getByTestId("emoji-picker")).isVisible();
    found.addAll(violations(page, "emoji panel light 1280"));
    page.keyboard().press("Escape");

    page.getByTestId("settings-button").click();
    assertThat(page.getByTestId("settings-dialog")).isVisible();
    found.addAll(violations(page, "settings light 1280"));
    page.keyboard().press("Escape");

    page.getByTestId("search-input").fill("everyone");
    assertThat(page.getByTestId("search-result").first()).isVisible();
    found.addAll(violations(page, "search light 1280"));
    page.keyboard().press("Escape");

    page.getByTestId("room-members").click();
    assertThat(page.getByTestId("members-dialog")).isVisible();
    found.addAll(violations(page, "members light 1280"));
    page.keyboard().press("Escape");

    MessageRows.act(MessageRows.row(page, MessageRows.seqOf(page, "hello, everyone")), "thread");
    page.getByTestId("thread-composer").fill("a word in a thread");
    page.getByTestId("thread-composer").press("Enter");
    assertThat(page.locator("[data-testid=thread-list] [data-pending]")).hasCount(0);
    page.getByTestId("thread-close").click();
    page.getByTestId("threads-button").click();
    assertThat(page.getByTestId("threads-item")).hasCount(1);
    check(page, "threads", found);
    page.keyboard().press("Escape");
    assertNone(found);
  }

  @Test
  void aDirectConversationHasNoViolations() {
    List<String> found = new ArrayList<>();
    String annNick = unique("ann");
    Page ann = login(annNick);
    Page bob = login(unique("bob"));
    bob.getByTestId("user-item")
        .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(annNick))
        .getByTestId("user-message")
        .click();
    send(bob, "a word in private");
    check(bob, "direct conversation", found);
    assertNone(found);
  }

  @Test
  void theImageViewerHasNoViolations() {
    List<String> found = new ArrayList<>();
    Page page = login(unique("viewer"));
    page.getByTestId("attach-input")
        .setInputFiles(
            new com.microsoft.playwright.options.FilePayload(
                "photo.png", "image/png", TestImages.encoded("png", 1600, 1200, 7)));
    com.microsoft.playwright.Locator thumb =
        page.locator("[data-testid=message-list] [data-testid=message][data-seq]")
            .last()
            .locator("img[data-testid=message-image]");
    assertThat(thumb).hasCount(1);
    page.waitForFunction("el => el.complete && el.naturalWidth > 0", thumb.elementHandle());
    thumb.click();
    assertThat(page.getByTestId("image-viewer")).isVisible();
    check(page, "image viewer", found);
    page.getByTestId("image-viewer-zoom").click();
    found.addAll(violations(page, "image viewer zoomed light 1280"));
    assertNone(found);
  }
}
