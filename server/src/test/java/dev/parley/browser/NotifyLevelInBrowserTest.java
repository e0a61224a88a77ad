package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The room header's options set what a room notifies me of: "Every message" notifies a plain
 * message, "Nothing" not even a mention; the level is the server's, so another tab (another device)
 * shows the same choice.
 */
class NotifyLevelInBrowserTest extends BrowserTestBase {

  /** As NotificationTest's harness: the tab says it is hidden, and notifications are recorded. */
  private static final String HARNESS =
      """
      (() => {
        Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => 'hidden' });
        Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => true });
        const Real = window.Notification;
        window.__notes = [];
        class Recorded extends Real {
          constructor(title, options) { window.__notes.push({ title, body: options && options.body }); super(title, options); }
        }
        Recorded.requestPermission = () => Promise.resolve(Real.permission);
        window.Notification = Recorded;
      })();
      """;

  private static int notes(Page page) {
    return ((Number) page.evaluate("() => window.__notes.length")).intValue();
  }

  private static void choose(Page page, String level) {
    roomAction(page, "room-options-button");
    assertThat(page.getByTestId("room-options")).isVisible();
    page.getByTestId("notify-" + level).check();
    assertThat(page.getByTestId("notify-default")).hasCount(0);
    page.getByTestId("room-options").getByText("Done").click();
  }

  @Test
  void theLevelChosenDecidesWhatNotifiesAndEveryTabShowsIt() {
    Page hidden = blankPage(new Browser.NewContextOptions().setViewportSize(1280, 800));
    BrowserContext context = hidden.context();
    context.grantPermissions(List.of("notifications"));
    context.addInitScript(HARNESS);
    hidden.navigate(baseUrl);
    String aliceNick = unique("alice");
    Page alice = login(hidden, aliceNick);
    Page bob = login(unique("bob"));

    send(bob, "nobody in particular, first");
    assertThat(MessageRows.rowWithText(alice, "nobody in particular, first")).hasCount(1);
    org.assertj.core.api.Assertions.assertThat(notes(alice)).isZero();

    roomAction(alice, "room-options-button");
    assertThat(alice.getByTestId("notify-default")).isChecked();
    Screenshots.save(alice, "room-options-1280");
    alice.getByTestId("room-options").getByText("Done").click();
    choose(alice, "all");
    send(bob, "nobody in particular, second");
    assertThat(MessageRows.rowWithText(alice, "nobody in particular, second")).hasCount(1);
    alice.waitForFunction("() => window.__notes.length === 1");

    choose(alice, "none");
    send(bob, "@" + aliceNick + " are you there?");
    assertThat(MessageRows.rowWithText(alice, "are you there?")).hasCount(1);
    send(bob, "nobody in particular, third");
    assertThat(MessageRows.rowWithText(alice, "nobody in particular, third")).hasCount(1);
    org.assertj.core.api.Assertions.assertThat(notes(alice)).isEqualTo(1);

    Page other = context.newPage();
    other.navigate(baseUrl);
    assertConnected(other);
    roomAction(other, "room-options-button");
    assertThat(other.getByTestId("notify-none")).isChecked();
    narrow(other);
    Screenshots.save(other, "room-options-390");
  }
}
