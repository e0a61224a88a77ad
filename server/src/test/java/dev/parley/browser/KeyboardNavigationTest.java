package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * Moving around without the mouse: Ctrl+G finds a room by a part of its name, Alt+Up and Alt+Down
 * step through the sidebar's rooms, and "?" outside a text field lists every shortcut.
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
