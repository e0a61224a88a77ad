package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * Leaving a room asks first: Escape keeps the room, the dialog's explicit Leave leaves it, and
 * focus then lands in the composer of the room shown next, so a second Enter leaves nothing more.
 * {@code general} can be left like any room (a Parley decision) and stays left after a reload.
 */
class LeaveRoomTest extends BrowserTestBase {

  @Test
  void leavingAsksFirstAndFocusNeverLandsOnAnotherLeave() {
    Page page = login(unique("leaver"));
    String first = unique("stay");
    String second = unique("go");
    createRoom(page, first, "");
    createRoom(page, second, "");

    Locator leave = page.getByTestId("leave-button");
    leave.focus();
    page.keyboard().press("Enter");
    Locator dialog = page.getByTestId("leave-dialog");
    assertThat(dialog).isVisible();
    assertThat(dialog).containsText("#" + second);
    Screenshots.save(page, "leave-dialog-1280");
    page.keyboard().press("Escape");
    assertThat(dialog).isHidden();
    assertThat(roomItem(page, second)).hasAttribute("aria-current", "page");

    leave.click();
    assertThat(page.getByTestId("leave-confirm")).isFocused();
    page.keyboard().press("Enter");
    assertThat(roomItem(page, second)).hasCount(0);
    assertThat(page.getByTestId("composer")).isFocused();
    // a second Enter is not a second leave
    page.keyboard().press("Enter");
    assertThat(dialog).isHidden();
    assertThat(roomItem(page, first)).hasCount(1);
    assertThat(roomItem(page, "general")).hasCount(1);
  }

  @Test
  void generalCanBeLeftAndStaysLeft() {
    Page page = login(unique("loner"));
    openRoom(page, "general");
    page.setViewportSize(390, 844);
    roomAction(page, "leave-button");
    assertThat(page.getByTestId("leave-dialog")).isVisible();
    Screenshots.save(page, "leave-dialog-390");
    page.getByTestId("leave-confirm").click();
    assertThat(roomItem(page, "general")).hasCount(0);
    page.reload();
    assertConnected(page);
    assertThat(page.getByTestId("empty-state")).isVisible();
    assertThat(roomItem(page, "general")).hasCount(0);
  }
}
