package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.browser.MessageRows.act;
import static dev.parley.browser.MessageRows.row;
import static dev.parley.browser.MessageRows.seqOf;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * A member pins a message from its actions; everyone in the room sees "Pinned · 1" in the header
 * and a notice; the list opens the message in context (loaded around it when it is far up), and
 * Unpin from the list empties it for everyone.
 */
class PinsInBrowserTest extends BrowserTestBase {

  @Test
  void aPinnedMessageIsListedInTheHeaderAndOpensInContext() {
    Page ann = login(unique("ann"));
    String room = unique("deploy");
    createRoom(ann, room, "Shipping");
    send(ann, "deploy checklist: tag, build, ship");
    String seq = seqOf(ann, "deploy checklist: tag, build, ship");
    Page bob = login(unique("bob"));
    joinRoom(bob, room);
    for (int i = 0; i < 40; i++) send(ann, "chatter " + i);

    act(row(ann, seq), "pin");
    assertThat(bob.getByTestId("pins-button")).hasText("Pinned · 1");
    assertThat(ann.getByTestId("pins-button")).hasText("Pinned · 1");
    assertThat(bob.locator("[data-testid=notice][data-event=pin]")).hasCount(1);
    Screenshots.save(bob, "pins-header-1280");

    roomAction(bob, "pins-button");
    assertThat(bob.getByTestId("pins-dialog")).isVisible();
    assertThat(bob.getByTestId("pin-item"))
        .hasText(java.util.regex.Pattern.compile("deploy checklist"));
    Screenshots.save(bob, "pins-list-1280");
    bob.getByTestId("pin-item").click();
    assertThat(bob.getByTestId("pins-dialog")).isHidden();
    assertThat(row(bob, seq)).isInViewport();
    assertThat(row(bob, seq)).hasClass(java.util.regex.Pattern.compile("search-flash"));

    // a reload asks the server again: the pin is still there
    bob.reload();
    assertConnected(bob);
    assertThat(bob.getByTestId("pins-button")).hasText("Pinned · 1");
    narrow(bob);
    Screenshots.save(bob, "pins-header-390");
    roomAction(bob, "pins-button");
    Screenshots.save(bob, "pins-list-390");
    bob.getByTestId("pin-item-unpin").click();
    assertThat(ann.getByTestId("pins-button")).isHidden();
    assertThat(bob.getByTestId("pins-dialog").getByText("Nothing is pinned in this room."))
        .isVisible();
  }

  @Test
  void theNoticeOfAPinOpensTheMessage() {
    Page ann = login(unique("ann"));
    String room = unique("notes");
    createRoom(ann, room, "");
    send(ann, "remember this one");
    String seq = seqOf(ann, "remember this one");
    act(row(ann, seq), "pin");
    assertThat(ann.getByTestId("pins-button")).isVisible();
    for (int i = 0; i < 30; i++) send(ann, "later " + i);
    ann.locator("[data-testid=notice][data-event=pin] [data-testid=pin-target]").click();
    assertThat(row(ann, seq)).isInViewport();
    row(ann, seq).hover();
    assertThat(row(ann, seq).getByTestId("action-unpin")).isVisible();
  }
}
