package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.browser.MessageRows.act;
import static dev.parley.browser.MessageRows.chip;
import static dev.parley.browser.MessageRows.react;
import static dev.parley.browser.MessageRows.row;
import static dev.parley.browser.MessageRows.seqOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * A client that was offline while messages it holds were edited, deleted and reacted to learns all
 * of it when it comes back (through `changes`), without a reload, as it learns of new ones.
 */
class ChangesCatchUpInBrowserTest extends BrowserTestBase {

  private static final String HEART = "❤️";

  @Test
  void editsDeletesAndReactionsMadeWhileOfflineArriveOnReconnect() {
    String room = unique("away");
    Page alice = login(unique("alice"));
    createRoom(alice, room, "");

    CuttableSocket socket = loginCuttable(unique("bob"));
    Page bob = socket.page();
    joinRoom(bob, room);

    send(alice, "to be edited");
    send(alice, "to be deleted");
    send(alice, "to be liked");
    assertThat(confirmedTexts(bob))
        .hasText(new String[] {"to be edited", "to be deleted", "to be liked"});
    String edited = seqOf(alice, "to be edited");
    String deleted = seqOf(alice, "to be deleted");
    String liked = seqOf(alice, "to be liked");
    bob.evaluate("() => { window.sameDocument = true; }");

    socket.cut();
    assertThat(bob.getByTestId("connection-state")).hasAttribute("data-state", "reconnecting");

    act(row(alice, edited), "edit");
    alice.getByTestId("message-editor").fill("edited while bob was away");
    alice.getByTestId("message-editor").press("Enter");
    assertThat(row(alice, edited).getByTestId("message-edited")).isVisible();
    act(row(alice, deleted), "delete");
    alice.getByTestId("delete-confirm").click();
    assertThat(row(alice, deleted).getByTestId("message-text"))
        .hasText("This message was deleted.");
    react(row(alice, liked), HEART);
    assertThat(chip(row(alice, liked), HEART)).hasText(HEART + " 1");
    send(alice, "and something new");

    // Bob has seen none of it yet.
    assertThat(row(bob, edited).getByTestId("message-text")).hasText("to be edited");

    socket.restore();
    bob.getByTestId("connection-state").click(); // retry now rather than wait out the backoff
    assertConnected(bob);

    assertThat(confirmedTexts(bob))
        .hasText(
            new String[] {
              "edited while bob was away",
              "This message was deleted.",
              "to be liked",
              "and something new"
            });
    assertThat(row(bob, edited).getByTestId("message-edited")).isVisible();
    Locator heart = chip(row(bob, liked), HEART);
    assertThat(heart).hasText(HEART + " 1");
    assertThat(heart).hasAttribute("aria-pressed", "false");
    assertThat(bob.evaluate("() => window.sameDocument === true")).isEqualTo(true);
  }
}
