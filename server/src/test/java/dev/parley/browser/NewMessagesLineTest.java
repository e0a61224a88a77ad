package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ReducedMotion;
import dev.parley.testing.TestClient;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * A room opened with unread messages marks where they begin ("New messages", before the first
 * unread one), opens there when they are more than a screen, and offers a jump back to the line
 * from below; the line stays until the room is opened again.
 */
class NewMessagesLineTest extends BrowserTestBase {

  /** The text of the message row right before (-1) or after (1) the line. */
  private static final String BESIDE =
      "(line, step) => { let el = line; do { el = step > 0 ? el.nextElementSibling : el.previousElementSibling; }"
          + " while (el && !el.matches('[data-testid=message]'));"
          + " return el?.querySelector('[data-testid=message-text]')?.textContent.trim() ?? null; }";

  @Test
  void theLineMarksTheFirstUnreadAndTheJumpBringsItBack() {
    String room = unique("catchup");
    // Reduced motion: the drawers' slide would still be under way when the window narrows.
    Page alice =
        login(
            newPage(
                new Browser.NewContextOptions()
                    .setViewportSize(1280, 800)
                    .setReducedMotion(ReducedMotion.REDUCE)),
            unique("alice"));
    createRoom(alice, room, "Catching up");
    Locator line = alice.getByTestId("unread-divider");
    Locator jump = alice.getByTestId("jump-unread");
    try (TestClient bob =
        TestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"))) {
      bob.hello(unique("bob"));
      bob.join(room);
      for (int i = 1; i <= 3; i++) bob.say(room, "Read " + i);
      assertThat(confirmedTexts(alice).last()).hasText("Read 3");
      assertThat(line).hasCount(0);

      openRoom(alice, "general");
      for (int i = 1; i <= 40; i++) bob.say(room, "Unread " + i);
      assertThat(roomItem(alice, room).getByTestId("unread-badge")).hasText("40");
      openRoom(alice, room);

      assertThat(line).isVisible();
      assertThat(line).hasText("New messages");
      assertThat(line.evaluate(BESIDE, 1)).isEqualTo("Unread 1");
      assertThat(line.evaluate(BESIDE, -1)).isEqualTo("Read 3");
      // More than a screen unread: the room opens at the line, not at the newest message.
      assertThat(line).isInViewport();
      assertThat(confirmedTexts(alice).last()).not().isInViewport();
      assertThat(jump).isHidden();
      Screenshots.save(alice, "new-messages-line-1280");
      alice.setViewportSize(390, 780);
      line.scrollIntoViewIfNeeded();
      Screenshots.save(alice, "new-messages-line-390");
      alice.setViewportSize(1280, 800);

      alice.getByTestId("message-list").evaluate("el => { el.scrollTop = el.scrollHeight; }");
      assertThat(confirmedTexts(alice).last()).isInViewport();
      assertThat(jump).isVisible();
      Screenshots.save(alice, "jump-to-first-unread-1280");
      alice.setViewportSize(390, 780);
      assertThat(jump).isVisible();
      Screenshots.save(alice, "jump-to-first-unread-390");
      alice.setViewportSize(1280, 800);
      jump.click();
      assertThat(line).isInViewport();
      assertThat(jump).isHidden();
      // The line stays while the room is open, whatever arrives.
      bob.say(room, "Live one");
      assertThat(confirmedTexts(alice).last()).hasText("Live one");
      assertThat(line).hasCount(1);
      assertThat(line.evaluate(BESIDE, 1)).isEqualTo("Unread 1");

      // Read to the end; then a few unread: the room opens at the newest message, the line above
      // them.
      alice.getByTestId("message-list").evaluate("el => { el.scrollTop = el.scrollHeight; }");
      assertThat(roomItem(alice, room).getByTestId("unread-badge")).hasCount(0);
      openRoom(alice, "general");
      bob.say(room, "Short 1");
      bob.say(room, "Short 2");
      assertThat(roomItem(alice, room).getByTestId("unread-badge")).hasText("2");
      openRoom(alice, room);
      assertThat(line).hasCount(1);
      assertThat(line.evaluate(BESIDE, 1)).isEqualTo("Short 1");
      assertThat(line.evaluate(BESIDE, -1)).isEqualTo("Live one");
      assertThat(line).isInViewport();
      assertThat(confirmedTexts(alice).last()).isInViewport();
      assertThat(jump).isHidden();

      // Opened again with nothing unread: no line.
      openRoom(alice, "general");
      openRoom(alice, room);
      assertThat(confirmedTexts(alice).last()).hasText("Short 2");
      assertThat(line).hasCount(0);
    }
  }

  /**
   * Back at a room after the tab was closed (the last room opens from the device before the socket
   * is up): what came meanwhile is under the line too.
   */
  @Test
  void afterTheTabWasClosedWhatCameMeanwhileIsUnderTheLine() {
    String room = unique("return");
    Page alice = login(unique("alice"));
    createRoom(alice, room, "Coming back");
    Locator line = alice.getByTestId("unread-divider");
    try (TestClient bob =
        TestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"))) {
      bob.hello(unique("bob"));
      bob.join(room);
      for (int i = 1; i <= 3; i++) bob.say(room, "Seen " + i);
      assertThat(confirmedTexts(alice).last()).hasText("Seen 3");
      assertThat(line).hasCount(0);

      com.microsoft.playwright.BrowserContext context = alice.context();
      alice.close();
      for (int i = 1; i <= 3; i++) bob.say(room, "Meanwhile " + i);
      Page again = context.newPage();
      again.navigate(baseUrl);
      assertConnected(again);
      Locator lineAgain = again.getByTestId("unread-divider");
      assertThat(confirmedTexts(again).last()).hasText("Meanwhile 3");
      assertThat(lineAgain).hasCount(1);
      assertThat(lineAgain.evaluate(BESIDE, 1)).isEqualTo("Meanwhile 1");
      assertThat(lineAgain.evaluate(BESIDE, -1)).isEqualTo("Seen 3");
      Screenshots.save(again, "new-messages-after-reload-1280");
    }
  }
}
