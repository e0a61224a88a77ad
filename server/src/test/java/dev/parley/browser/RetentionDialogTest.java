package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * The room's creator sets the room's retention from the header; once the server applies it, the log
 * starts with a line saying older messages were removed. Nobody else sees the button.
 */
class RetentionDialogTest extends BrowserTestBase {

  @Test
  void theCreatorKeepsTheNewestThreeAndTheLogSaysOlderOnesWereRemoved() {
    Page ann = login("ann");
    String room = unique("keep");
    createRoom(ann, room, "");
    for (int i = 1; i <= 5; i++) send(ann, "message " + i);
    assertThat(ann.getByTestId("retention-start")).hasCount(0);

    ann.getByTestId("retention-button").click();
    assertThat(ann.getByTestId("retention-dialog")).isVisible();
    assertThat(ann.getByTestId("retention-inherit")).isChecked();
    ann.getByTestId("retention-inherit").uncheck();
    ann.getByTestId("retention-count").fill("3");
    ann.getByTestId("retention-save").click();
    assertThat(ann.getByTestId("retention-dialog")).isHidden();

    assertThat(ann.getByTestId("retention-start"))
        .hasText("Older messages were removed by this room's retention policy.");
    assertThat(confirmedTexts(ann)).hasCount(3);
    assertThat(confirmedTexts(ann).first()).containsText("message 3");

    ann.reload();
    assertConnected(ann);
    openRoom(ann, room);
    assertThat(ann.getByTestId("retention-start")).isVisible();
    ann.getByTestId("retention-button").click();
    assertThat(ann.getByTestId("retention-count")).hasValue("3");
    ann.keyboard().press("Escape");

    Page bob = login("bob");
    joinRoom(bob, room);
    assertThat(bob.getByTestId("retention-start")).isVisible();
    assertThat(bob.getByTestId("retention-button")).isHidden();
  }
}
