package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * At 360 px the room and user lists live in drawers opened from the top bar, and chatting still
 * works.
 */
class SmallScreenTest extends BrowserTestBase {

  @Test
  void drawersOpenAndCloseAndAMessageCanBeSent() {
    String nick = unique("mobile");
    Page page =
        login(
            newPage(
                new Browser.NewContextOptions()
                    .setViewportSize(360, 740)
                    .setIsMobile(true)
                    .setHasTouch(true)),
            nick);

    assertThat(page.getByTestId("rooms-panel")).isHidden();
    assertThat(page.getByTestId("users-panel")).isHidden();

    page.getByTestId("rooms-button").click();
    assertThat(page.getByTestId("rooms-panel")).isVisible();
    assertThat(roomItem(page, "general")).isVisible();
    page.keyboard().press("Escape");
    assertThat(page.getByTestId("rooms-panel")).isHidden();
    assertThat(page.getByTestId("rooms-button")).isFocused();

    page.getByTestId("users-button").click();
    assertThat(page.getByTestId("users-panel")).isVisible();
    assertThat(
            page.locator(
                "[data-testid=user-list] [data-testid=user-nick]",
                new Page.LocatorOptions().setHasText(nick)))
        .isVisible();
    page.getByTestId("drawer-backdrop")
        .click(new com.microsoft.playwright.Locator.ClickOptions().setPosition(20, 300));
    assertThat(page.getByTestId("users-panel")).isHidden();

    page.getByTestId("rooms-button").click();
    roomItem(page, "general").click();
    assertThat(page.getByTestId("rooms-panel")).isHidden();

    String text = unique("hello from a phone ");
    page.getByTestId("composer").fill(text);
    page.getByTestId("send-button").click();
    assertThat(page.locator("[data-testid=message-list] [data-pending]")).hasCount(0);
    assertThat(confirmedTexts(page).last()).hasText(text);
    assertThat(confirmedTexts(page).last()).isInViewport();

    Object overflow =
        page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
    assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
  }
}
