package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * Messages in a room you are not looking at show as a count on it, which opening the room clears.
 */
class UnreadBadgeTest extends BrowserTestBase {

  @Test
  void badgeAppearsOnAnotherRoomAndClearsWhenOpened() {
    String room = unique("side");
    Page alice = login(unique("alice"));
    createRoom(alice, room, "Side chat");
    openRoom(alice, "general");

    Page bob = login(unique("bob"));
    joinRoom(bob, room);
    send(bob, "psst");
    send(bob, "over here");

    Locator badge = roomItem(alice, room).getByTestId("unread-badge");
    assertThat(badge).hasText("2");
    assertThat(roomItem(alice, "general").getByTestId("unread-badge")).hasCount(0);

    openRoom(alice, room);
    assertThat(badge).hasCount(0);
    assertThat(confirmedTexts(alice)).hasText(new String[] {"psst", "over here"});

    // The read marker went to the server: after a reload the room is still read.
    openRoom(alice, "general");
    alice.reload();
    assertConnected(alice);
    assertThat(roomItem(alice, room)).isVisible();
    send(alice, "back in general");
    assertThat(roomItem(alice, room).getByTestId("unread-badge")).hasCount(0);
  }
}
