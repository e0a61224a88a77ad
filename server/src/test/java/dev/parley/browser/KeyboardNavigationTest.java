package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * Moving around without the mouse: Ctrl+G finds a room by a part of its name, Alt+Up and Alt+Down
 * step through the sidebar's rooms, "?" outside a text field lists every shortcut, F6 goes from
 * region to region, a skip link leads to the messages, Enter opens a message's actions and Escape
 * returns to the message box.
 */
class KeyboardNavigationTest extends BrowserTestBase {

  @Test
  void ctrlGOpensARoomByAPartOfItsName() {
    Page page = login(unique("goer"));
    String alpha = unique("alpha");
    String beta = unique("beta");
    createRoom(page, alpha, "");
    createRoom(page, beta, "");

    page.getByTestId("composer").click();
    page.keyboard().press("Control+g");
    Locator input = page.getByTestId("switcher-input");
    assertThat(input).isFocused();
    assertThat(page.getByTestId("switcher-item")).hasCount(3); // general, alpha, beta
    input.pressSequentially("ALPH");
    assertThat(page.getByTestId("switcher-item")).hasCount(1);
    Screenshots.save(page, "switcher-1280");
    page.keyboard().press("Enter");
    assertThat(page.getByTestId("switcher")).isHidden();
    assertThat(roomItem(page, alpha)).hasAttribute("aria-current", "page");
    assertThat(page.getByTestId("composer")).isFocused();

    page.keyboard().press("Control+g");
    input.fill("no-such-room-here");
    assertThat(page.getByTestId("switcher-empty")).isVisible();
    page.keyboard().press("Escape");
    assertThat(page.getByTestId("switcher")).isHidden();
    assertThat(roomItem(page, alpha)).hasAttribute("aria-current", "page");
  }

  @Test
  void f6TheSkipLinkEnterAndEscapeMoveAroundWithoutAMouse() {
    Page page = login(unique("keys"));
    send(page, "first");
    send(page, "second");
    Locator composer = page.getByTestId("composer");
    Locator list = page.getByTestId("message-list");

    // F6 from the message box: the room list (its open room), the messages, the box again
    composer.focus();
    page.keyboard().press("F6");
    assertThat(roomItem(page, "general")).isFocused();
    page.keyboard().press("F6");
    assertThat(list).isFocused();
    page.keyboard().press("F6");
    assertThat(composer).isFocused();
    page.keyboard().press("Shift+F6");
    assertThat(list).isFocused();

    // Up reaches the last message; Enter opens its actions; Escape closes them, then goes home
    page.keyboard().press("ArrowUp");
    Locator last =
        page.locator("[data-testid=message-list] [data-testid=message][data-seq]").last();
    assertThat(last).isFocused();
    page.keyboard().press("Enter");
    assertThat(page.getByTestId("action-sheet")).isVisible();
    page.keyboard().press("Escape");
    assertThat(page.getByTestId("action-sheet")).isHidden();
    assertThat(composer).not().hasValue("first"); // nothing typed by the keys on the way
    list.focus();
    page.keyboard().press("Escape");
    assertThat(composer).isFocused();

    // The first Tab stop of a fresh page is the skip link, and it leads to the messages
    page.reload();
    assertConnected(page);
    page.locator("body").focus();
    page.keyboard().press("Tab");
    Locator skip = page.getByTestId("skip-to-messages");
    assertThat(skip).isFocused();
    assertThat(skip).isInViewport();
    Screenshots.save(page, "skip-link-1280");
    page.keyboard().press("Enter");
    assertThat(list).isFocused();
  }

  @Test
  void altUpAndDownStepThroughTheRooms() {
    Page page = login(unique("stepper"));
    String alpha = unique("alpha");
    String beta = unique("beta");
    createRoom(page, alpha, "");
    createRoom(page, beta, "");
    openRoom(page, "general");

    page.keyboard().press("Alt+ArrowDown");
    assertThat(roomItem(page, alpha)).hasAttribute("aria-current", "page");
    page.keyboard().press("Alt+ArrowDown");
    assertThat(roomItem(page, beta)).hasAttribute("aria-current", "page");
    page.keyboard().press("Alt+ArrowUp");
    assertThat(roomItem(page, alpha)).hasAttribute("aria-current", "page");
  }

  @Test
  void questionMarkListsTheShortcutsButNotWhileTyping() {
    Page page = login(unique("helpme"));
    Locator composer = page.getByTestId("composer");
    composer.click();
    page.keyboard().press("?");
    assertThat(composer).hasValue("?");
    assertThat(page.getByTestId("shortcuts-dialog")).isHidden();

    page.getByTestId("message-list").focus();
    page.keyboard().press("?");
    Locator help = page.getByTestId("shortcuts-dialog");
    assertThat(help).isVisible();
    for (String key : new String[] {"Ctrl+K", "Ctrl+G", "Alt+↑", "Shift+Enter", "Esc"})
      assertThat(help).containsText(key);
    Screenshots.save(page, "shortcuts-1280");
    page.keyboard().press("Escape");
    assertThat(help).isHidden();
  }
}
