package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * The first message of a direct conversation that never reached the server survives a reload: the
 * conversation opens again from the outbox and the message reaches the other person once.
 */
class PendingDirectMessageTest extends BrowserTestBase {

  /**
   * Test harness, not app code: while window.__dropSends is set, `send` frames are lost on the way
   * out.
   */
  private static final String LOSSY_SOCKET =
      """
      (() => {
        const real = WebSocket.prototype.send;
        WebSocket.prototype.send = function (data) {
          if (window.__dropSends && String(data).includes('"type":"send"')) return;
          return real.call(this, data);
        };
      })();
      """;

  @Test
  void aFirstDirectMessageThatWasLostIsSentAfterAReload() {
    String aliceNick = unique("alice");
    String bobNick = unique("bob");
    Page bob = login(bobNick);

    Page alice = blankPage(new Browser.NewContextOptions().setViewportSize(1280, 800));
    alice.context().addInitScript(LOSSY_SOCKET);
    alice.navigate(baseUrl);
    login(alice, aliceNick);

    alice.evaluate("() => { window.__dropSends = true; }");
    alice
        .locator("[data-testid=user-item]", new Page.LocatorOptions().setHasText(bobNick))
        .getByTestId("user-message")
        .click();
    assertThat(alice.getByTestId("room-title")).hasText(bobNick);
    alice.getByTestId("composer").fill("written on the train");
    alice.getByTestId("composer").press("Enter");
    assertThat(
            alice.locator("[data-testid=message-list] [data-pending] [data-testid=message-text]"))
        .hasText("written on the train");
    Page.LocatorOptions alicesEntry = new Page.LocatorOptions().setHasText(aliceNick);
    assertThat(bob.locator("[data-testid=dm-list] [data-testid=room-item]", alicesEntry))
        .hasCount(0);

    alice.reload();
    assertConnected(alice);

    Page.LocatorOptions bobsEntry = new Page.LocatorOptions().setHasText(bobNick);
    assertThat(
            bob.locator("[data-testid=dm-list] [data-testid=room-item]", alicesEntry)
                .getByTestId("unread-badge"))
        .hasText("1");
    bob.locator("[data-testid=dm-list] [data-testid=room-item]", alicesEntry).click();
    assertThat(confirmedTexts(bob)).hasText(new String[] {"written on the train"});
    alice.locator("[data-testid=dm-list] [data-testid=room-item]", bobsEntry).click();
    assertThat(confirmedTexts(alice)).hasText(new String[] {"written on the train"});
    assertThat(alice.locator("[data-testid=message-list] [data-pending]")).hasCount(0);
  }
}
