package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * A whole visit without touching the mouse: log in, join a room from the directory, switch rooms,
 * send, react, open a direct conversation and a search result, all with keys alone. The page counts
 * every pointer press and every click that did not come from a key (a key's click has detail 0):
 * there must be none, so a step that only a mouse could do fails the test.
 */
class KeyboardWalkTest extends BrowserTestBase {

  /** Counts, from before the app loads, the pointer's presses and clicks (trusted ones only). */
  private static final String COUNT_POINTER =
      """
      window.__pointer = [];
      for (const type of ['pointerdown', 'mousedown', 'click'])
        addEventListener(type, (e) => {
          if (e.isTrusted && (type !== 'click' || e.detail > 0)) window.__pointer.push(type);
        }, true);
      """;

  /** A page of its own (a fresh user) that counts pointer events, not yet logged in. */
  private Page countingPage(int width) {
    Page page =
        blankPage(new Browser.NewContextOptions().setViewportSize(width, width < 720 ? 844 : 800));
    BrowserContext context = page.context();
    context.addInitScript(COUNT_POINTER);
    page.navigate(baseUrl);
    return page;
  }

  private static Object pointerEvents(Page page) {
    return page.evaluate("() => window.__pointer.join(',')");
  }

  /** Presses Tab (Shift+Tab when {@code back}) until the focus is on {@code target}. */
  private static void tabTo(Page page, Locator target, boolean back) {
    for (int i = 0; i < 60; i++) {
      if ((Boolean) target.evaluate("el => el === document.activeElement")) return;
      page.keyboard().press(back ? "Shift+Tab" : "Tab");
    }
    assertThat(target).isFocused();
  }

  private static void loginByKeys(Page page, String nick) {
    Locator box = page.getByTestId("login-nick");
    assertThat(box).isFocused();
    page.keyboard().type(nick);
    page.keyboard().press("Enter");
    assertConnected(page);
    assertThat(page.getByTestId("composer")).isFocused();
  }

  /** Types into the composer (which has the focus) and sends with Enter. */
  private static void sendByKeys(Page page, String text) {
    assertThat(page.getByTestId("composer")).isFocused();
    page.keyboard().type(text);
    page.keyboard().press("Enter");
    assertThat(page.locator("[data-testid=message-list] [data-pending]")).hasCount(0);
    assertThat(confirmedTexts(page).last()).hasText(text);
  }

  /**
   * From the composer: to the messages, up to the newest, its actions, the first quick reaction.
   */
  private static void reactToTheLastByKeys(Page page) {
    page.keyboard().press("Shift+F6");
    assertThat(page.getByTestId("message-list")).isFocused();
    page.keyboard().press("ArrowUp");
    Locator last =
        page.locator("[data-testid=message-list] [data-testid=message][data-seq]").last();
    assertThat(last).isFocused();
    page.keyboard().press("Enter");
    Locator sheet = page.getByTestId("action-sheet");
    assertThat(sheet).isVisible();
    Locator first = sheet.getByTestId("quick-reaction").first();
    assertThat(first).isFocused();
    String emoji = first.getAttribute("data-emoji");
    page.keyboard().press("Enter");
    assertThat(sheet).isHidden();
    assertThat(MessageRows.chip(last, emoji)).hasAttribute("aria-pressed", "true");
    assertThat(last).isFocused(); // the focus stays on the message
    page.keyboard().press("Escape");
    assertThat(page.getByTestId("composer")).isFocused();
  }

  @Test
  void aWholeVisitByKeyboardAlone() {
    String bobNick = unique("bob");
    Page bob = login(bobNick);
    String room = unique("walk");
    createRoom(bob, room, "a room found by keys");
    send(bob, "findable pelican note");

    Page page = countingPage(1280);
    String nick = unique("keys");
    loginByKeys(page, nick);
    sendByKeys(page, "hello by keys alone");

    // Join bob's room from the directory: the room list's header has "Browse rooms"
    page.keyboard().press("F6");
    assertThat(roomItem(page, "general")).isFocused();
    tabTo(page, page.getByTestId("browse-button"), true);
    page.keyboard().press("Enter");
    assertThat(page.getByTestId("browse-filter")).isFocused();
    page.keyboard().type(room);
    Locator join = page.locator("[data-testid=join-button][data-room='" + room + "']");
    assertThat(join).hasCount(1);
    tabTo(page, join, false);
    page.keyboard().press("Enter");
    assertThat(roomItem(page, room)).hasAttribute("aria-current", "page");
    assertThat(page.getByTestId("composer")).isFocused(); // write there next
    Screenshots.save(page, "keyboard-walk-joined-1280");

    // Switch rooms: Ctrl+G, and Alt+Up back
    page.keyboard().press("Control+g");
    assertThat(page.getByTestId("switcher-input")).isFocused();
    page.keyboard().type("general");
    page.keyboard().press("Enter");
    assertThat(roomItem(page, "general")).hasAttribute("aria-current", "page");
    page.keyboard().press("Alt+ArrowDown");
    assertThat(roomItem(page, room)).hasAttribute("aria-current", "page");
    page.keyboard().press("Alt+ArrowUp");
    assertThat(roomItem(page, "general")).hasAttribute("aria-current", "page");

    // Send and react
    page.getByTestId("composer").focus(); // (a focus() is no pointer event)
    sendByKeys(page, "a second word by keys");
    reactToTheLastByKeys(page);

    // A direct conversation: the people online list has "Message privately" for bob
    Locator write =
        page.locator("[data-testid=user-item]", new Page.LocatorOptions().setHasText(bobNick))
            .getByTestId("user-message");
    tabTo(page, write, false);
    page.keyboard().press("Enter");
    assertThat(page.getByTestId("room-title")).hasText(bobNick);
    sendByKeys(page, "a private word by keys");
    Screenshots.save(page, "keyboard-walk-direct-1280");

    // Search, and open a result: it is in bob's room
    page.keyboard().press("Control+k");
    assertThat(page.getByTestId("search-input")).isFocused();
    page.keyboard().type("pelican");
    assertThat(page.getByTestId("search-result")).hasCount(1);
    page.keyboard().press("ArrowDown");
    assertThat(page.getByTestId("search-result")).isFocused();
    Screenshots.save(page, "keyboard-walk-search-1280");
    page.keyboard().press("Enter");
    assertThat(roomItem(page, room)).hasAttribute("aria-current", "page");
    Locator found = MessageRows.rowWithText(page, "findable pelican note");
    assertThat(found).isFocused();
    page.keyboard().press("Escape");
    assertThat(page.getByTestId("composer")).isFocused();

    // The shortcuts, from the messages
    page.keyboard().press("Shift+F6");
    page.keyboard().press("?");
    assertThat(page.getByTestId("shortcuts-dialog")).isVisible();
    page.keyboard().press("Escape");
    assertThat(page.getByTestId("shortcuts-dialog")).isHidden();

    assertThat(pointerEvents(page)).as("pointer events on the way").isEqualTo("");
    // and the count would have seen a mouse
    page.getByTestId("composer").click();
    assertThat(pointerEvents(page)).isEqualTo("pointerdown,mousedown,click");
  }

  @Test
  void onAPhoneLoginSendAndReactByKeyboardAlone() {
    Page page = countingPage(390);
    loginByKeys(page, unique("thumbs"));
    sendByKeys(page, "hello from a small screen");
    Screenshots.save(page, "keyboard-walk-sent-390");
    reactToTheLastByKeys(page);
    sendByKeys(page, "and a second word");
    Screenshots.save(page, "keyboard-walk-reacted-390");

    // Ctrl+G reaches the rooms though the room list is a closed drawer
    page.keyboard().press("Control+g");
    assertThat(page.getByTestId("switcher-input")).isFocused();
    page.keyboard().press("Escape");
    assertThat(pointerEvents(page)).as("pointer events on the way").isEqualTo("");
  }
}
