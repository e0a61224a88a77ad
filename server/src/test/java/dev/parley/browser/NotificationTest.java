package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hidden tab gets a desktop notification when its user is mentioned (title: who and where, body:
 * plain text, one tag per room; a click opens the room), none for other messages, none when the
 * setting is off; and permission is asked only from a click, never on load.
 */
class NotificationTest extends BrowserTestBase {

  /**
   * Test harness, not app code: the tab says it is hidden, and every Notification constructed and
   * every permission request is recorded on window.
   */
  private static final String HARNESS =
      """
      (() => {
        Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => 'hidden' });
        Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => true });
        const Real = window.Notification;
        window.__notes = [];
        window.__asks = 0;
        class Recorded extends Real {
          constructor(title, options) {
            const entry = { title, body: options && options.body, tag: options && options.tag };
            window.__notes.push(entry);
            super(title, options);
            entry.note = this;
          }
        }
        Recorded.requestPermission = () => { window.__asks++; return Promise.resolve(Real.permission); };
        window.Notification = Recorded;
      })();
      """;

  private Page hiddenTab(boolean granted) {
    Page page = blankPage(new Browser.NewContextOptions().setViewportSize(1280, 800));
    BrowserContext context = page.context();
    if (granted) context.grantPermissions(List.of("notifications"));
    context.addInitScript(HARNESS);
    page.navigate(baseUrl);
    return page;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> notes(Page page) {
    return (List<Map<String, Object>>)
        page.evaluate("() => window.__notes.map(({ title, body, tag }) => ({ title, body, tag }))");
  }

  private static int noteCount(Page page) {
    return ((Number) page.evaluate("() => window.__notes.length")).intValue();
  }

  @Test
  void aMentionWhileHiddenNotifiesAndTheClickOpensTheRoom() {
    String side = unique("side");
    String aliceNick = unique("alice");
    Page alice = login(hiddenTab(true), aliceNick);
    createRoom(alice, side, "Elsewhere");
    String bobNick = unique("bob");
    Page bob = login(bobNick);

    send(bob, "nothing for anyone in particular");
    send(bob, "@" + aliceNick + " can you <b>check</b>\n\nthe   build?");
    assertThat(roomItem(alice, "general").getByTestId("mention-badge")).hasText("@1");

    List<Map<String, Object>> notes = notes(alice);
    assertThat(notes).hasSize(1);
    assertThat(notes.get(0).get("title")).isEqualTo(bobNick + " in #general");
    assertThat(notes.get(0).get("body"))
        .isEqualTo("@" + aliceNick + " can you <b>check</b> the build?");
    assertThat(notes.get(0).get("tag")).isEqualTo("parley:general");

    alice.evaluate("() => window.__notes[0].note.dispatchEvent(new Event('click'))");
    assertThat(roomItem(alice, "general")).hasAttribute("aria-current", "page");
  }

  @Test
  void aDirectMessageWhileHiddenNotifies() {
    String aliceNick = unique("alice");
    String bobNick = unique("bob");
    Page alice = login(hiddenTab(true), aliceNick);
    Page bob = login(bobNick);
    bob.locator("[data-testid=user-item]", new Page.LocatorOptions().setHasText(aliceNick))
        .getByTestId("user-message")
        .click();
    send(bob, "a word in private");

    assertThat(alice.locator("[data-testid=dm-list] [data-testid=room-item]")).hasCount(1);
    List<Map<String, Object>> notes = notes(alice);
    assertThat(notes).hasSize(1);
    assertThat(notes.get(0).get("title")).isEqualTo(bobNick + " (direct message)");
    assertThat(notes.get(0).get("body")).isEqualTo("a word in private");
    alice.evaluate("() => window.__notes[0].note.dispatchEvent(new Event('click'))");
    assertThat(alice.getByTestId("room-title")).hasText(bobNick);
  }

  @Test
  void withTheSettingOffNothingIsShown() {
    String aliceNick = unique("alice");
    Page alice = login(hiddenTab(true), aliceNick);
    alice.getByTestId("settings-button").click();
    assertThat(alice.getByTestId("notify-toggle")).isChecked();
    alice.getByTestId("notify-toggle").uncheck();
    alice.keyboard().press("Escape");

    Page bob = login(unique("bob"));
    send(bob, "@" + aliceNick + " are you there?");
    assertThat(
            alice.locator(
                "[data-testid=message][data-seq]",
                new Page.LocatorOptions().setHasText("are you there?")))
        .hasClass(java.util.regex.Pattern.compile("\\bmentioned\\b"));
    assertThat(noteCount(alice)).isZero();

    // Off stays off after a reload.
    alice.reload();
    assertConnected(alice);
    send(bob, "@" + aliceNick + " still there?");
    assertThat(
            alice.locator(
                "[data-testid=message][data-seq]",
                new Page.LocatorOptions().setHasText("still there?")))
        .isVisible();
    assertThat(noteCount(alice)).isZero();
  }

  @Test
  void permissionIsAskedOnlyFromAClick() {
    Page alice = login(hiddenTab(false), unique("alice"));
    assertThat(alice.getByTestId("notify-banner")).isVisible();
    assertThat(((Number) alice.evaluate("() => window.__asks")).intValue()).isZero();

    alice.getByTestId("notify-enable").click();
    assertThat(alice.getByTestId("notify-banner")).isHidden();
    assertThat(((Number) alice.evaluate("() => window.__asks")).intValue()).isEqualTo(1);

    // Asked once: a reload neither asks again nor shows the banner again.
    alice.reload();
    assertConnected(alice);
    assertThat(alice.getByTestId("notify-banner")).isHidden();
    assertThat(((Number) alice.evaluate("() => window.__asks")).intValue()).isZero();
  }
}
