package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * When the connection drops, the client says so, keeps what the user writes in its outbox,
 * and after reconnecting catches up and sends it: nothing missed, nothing twice.
 */
class ReconnectTest extends BrowserTestBase {

  /** An explicit code: Playwright's route cannot report a close that carries none. */
  private static final WebSocketRoute.CloseOptions CUT =
      new WebSocketRoute.CloseOptions().setCode(4000).setReason("network cut by the test");

  @Test
  void messagesWrittenOfflineAreSentAndMissedOnesArriveAfterReconnect() {
    String room = unique("flaky");
    Page bob = login(unique("bob"));
    createRoom(bob, room, "");

    // Alice's socket goes through a route we can cut, and refuse, at will.
    Page alice = blankPage(new Browser.NewContextOptions().setViewportSize(1280, 800));
    AtomicBoolean offline = new AtomicBoolean();
    AtomicReference<WebSocketRoute[]> live = new AtomicReference<>();
    alice.routeWebSocket("**/ws", ws -> {
      if (offline.get()) {
        ws.close(CUT);
        return;
      }
      WebSocketRoute server = ws.connectToServer();
      live.set(new WebSocketRoute[] {ws, server});
    });
    alice.navigate(baseUrl);
    login(alice, unique("alice"));
    joinRoom(alice, room);
    send(alice, "before the cut");

    offline.set(true);
    for (WebSocketRoute side : live.get()) side.close(CUT);
    assertThat(alice.getByTestId("connection-state")).hasAttribute("data-state", "reconnecting");

    alice.getByTestId("composer").fill("written offline");
    alice.getByTestId("composer").press("Enter");
    assertThat(alice.locator("[data-testid=message-list] [data-pending] [data-testid=message-text]"))
        .hasText("written offline");
    send(bob, "said while alice was away");

    offline.set(false);
    alice.getByTestId("connection-state").click(); // retry now rather than wait out the backoff
    assertConnected(alice);

    String[] expected = {"before the cut", "said while alice was away", "written offline"};
    assertThat(confirmedTexts(alice)).hasText(expected);
    assertThat(alice.locator("[data-testid=message-list] [data-pending]")).hasCount(0);
    assertThat(confirmedTexts(bob)).hasText(expected);
  }
}
