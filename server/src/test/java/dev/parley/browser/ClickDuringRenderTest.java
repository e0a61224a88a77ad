package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import org.junit.jupiter.api.Test;

/**
 * The room list, the directory and the people list are drawn again whenever anything changes. A
 * click whose press comes before such a redraw and whose release comes after it must still land: in
 * a busy chat the lists change several times a second, and a lost click on "Join" or on a room
 * looks like a dead button (it once failed a browser test that way).
 */
class ClickDuringRenderTest extends BrowserTestBase {

  @Test
  void joinAndRoomClicksSurviveARedrawBetweenPressAndRelease() {
    String side = unique("side");
    String target = unique("target");
    Page alice = login(unique("alice"));
    createRoom(alice, target, "Where bob goes");
    createRoom(alice, side, "Noise");

    Page bob = login(unique("bob"));
    joinRoom(bob, side);
    openRoom(bob, "general");

    // Press on Join, let a message elsewhere redraw the lists, then release.
    bob.getByTestId("browse-button").click();
    Locator join = bob.locator("[data-testid=join-button][data-room='" + target + "']");
    press(bob, join);
    send(alice, "while bob is choosing");
    assertThat(roomItem(bob, side).getByTestId("unread-badge")).hasText("1");
    bob.mouse().up();
    assertThat(roomItem(bob, target)).hasAttribute("aria-current", "page");

    // The same for a room in the list: another room's badge changes under the press.
    openRoom(alice, "general");
    press(bob, roomItem(bob, side));
    send(alice, "and now in general");
    assertThat(roomItem(bob, "general").getByTestId("unread-badge")).hasText("1");
    bob.mouse().up();
    assertThat(roomItem(bob, side)).hasAttribute("aria-current", "page");
    assertThat(confirmedTexts(bob).last()).hasText("while bob is choosing");
  }

  private static void press(Page page, Locator target) {
    assertThat(target).isEnabled();
    BoundingBox box = visibleBox(target);
    page.mouse().move(box.x + box.width / 2, box.y + box.height / 2);
    page.mouse().down();
  }
}
