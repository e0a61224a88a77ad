package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * When the connection drops, the client says so, keeps what the user writes in its outbox, and
 * after reconnecting catches up and sends it: nothing missed, nothing twice.
 */
class ReconnectTest extends BrowserTestBase {

  @Test
  void messagesWrittenOfflineAreSentAndMissedOnesArriveAfterReconnect() {
    String room = unique("flaky");
    Page bob = login(unique("bob"));
    createRoom(bob, room, "");

    // Alice's socket goes through a route we can cut, and refuse, at will.
    CuttableSocket socket = loginCuttable(unique("alice"));
    Page alice = socket.page();
    joinRoom(alice, room);
    send(alice, "before the cut");

    socket.cut();
    assertThat(alice.getByTestId("connection-state")).hasAttribute("data-state", "reconnecting");

    alice.getByTestId("composer").fill("written offline");
    alice.getByTestId("composer").press("Enter");
    assertThat(
            alice.locator("[data-testid=message-list] [data-pending] [data-testid=message-text]"))
        .hasText("written offline");
    send(bob, "said while alice was away");

    socket.restore();
    alice.getByTestId("connection-state").click(); // retry now rather than wait out the backoff
    assertConnected(alice);

    String[] expected = {"before the cut", "said while alice was away", "written offline"};
    assertThat(confirmedTexts(alice)).hasText(expected);
    assertThat(alice.locator("[data-testid=message-list] [data-pending]")).hasCount(0);
    assertThat(confirmedTexts(bob)).hasText(expected);
  }
}
