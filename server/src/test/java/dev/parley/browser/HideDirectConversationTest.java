package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * A direct conversation cannot be left (the server keeps it), but it can be hidden from the sidebar
 * on this device: it stays hidden across a reload and comes back with its next message.
 */
class HideDirectConversationTest extends BrowserTestBase {

  private static Locator dmItems(Page page) {
    return page.locator("[data-testid=dm-list] [data-testid=room-item]");
  }

  @Test
  void aHiddenConversationComesBackWithItsNextMessage() {
    String aliceNick = unique("alice");
    String bobNick = unique("bob");
    Page alice = login(aliceNick);
    Page bob = login(bobNick);
    send(bob, "hello from bob");
    alice
        .locator(
            "[data-testid=message][data-seq]",
            new Page.LocatorOptions().setHasText("hello from bob"))
        .getByTestId("message-nick")
        .click();
    alice.getByTestId("message-privately").click();
    send(alice, "psst");
    assertThat(dmItems(bob)).hasCount(1);

    openRoom(bob, "general");
    bob.locator("[data-testid=dm-list] li").first().hover();
    bob.getByTestId("dm-hide").first().click();
    assertThat(dmItems(bob)).hasCount(0);
    assertThat(bob.getByTestId("dm-heading")).isHidden();
    bob.reload();
    assertThat(bob.getByTestId("composer")).isVisible();
    assertThat(dmItems(bob)).hasCount(0);

    // Hiding the conversation one is in goes back to a room.
    send(alice, "are you there?");
    assertThat(dmItems(bob)).hasCount(1);
    assertThat(dmItems(bob).first().getByTestId("unread-badge"))
        .hasText("2"); // "psst" was never read
    dmItems(bob).first().click();
    assertThat(bob.getByTestId("room-title")).hasText(aliceNick);
    bob.locator("[data-testid=dm-list] li").first().hover();
    bob.getByTestId("dm-hide").first().click();
    assertThat(bob.getByTestId("room-title")).hasText("#general");
    assertThat(dmItems(bob)).hasCount(0);
  }
}
