package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.testing.Json.obj;

import com.microsoft.playwright.Page;
import dev.parley.ParleyConfig;
import dev.parley.ParleyServer;
import dev.parley.testing.TestClient;
import java.net.URI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The login form when the browser's address has made its new users for now: it says so and when to
 * try again, instead of a code, and the form stays usable. The server here allows bursts of 3 and
 * one more a minute, so the refusal does not depend on how fast the machine is (with the defaults,
 * 50 and then one every 3 s, a slow machine let the page's login through).
 */
class NewAccountLimitTest extends BrowserTestBase {

  @BeforeAll
  static void restartWithASmallAllowance() throws Exception {
    server.close();
    ParleyConfig defaults = ParleyConfig.defaults();
    server =
        ParleyServer.start(
            defaults
                .withPort(0)
                .withDataDir(dataDir)
                .withGuards(defaults.guards().withNewUsers(1, 3)));
    baseUrl = "http://127.0.0.1:" + server.port() + "/";
  }

  @Test
  void theLoginFormSaysWhenToTryAgain() {
    URI ws = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
    // the same address as the browser (127.0.0.1) makes its burst of new users first
    for (int i = 0; i < 3; i++) newBot(ws);
    Page page = newPage();
    page.getByTestId("login-nick").fill(unique("newcomer"));
    page.getByTestId("login-submit").click();
    // The client's own sentence for slow_down (js/i18n), not the server's English.
    assertThat(page.getByTestId("login-error")).containsText("Too many tries from your network");
    assertThat(page.getByTestId("login-error")).containsText("try again in");
    assertThat(page.getByTestId("login-submit")).isEnabled();
  }

  private static void newBot(URI ws) {
    try (TestClient bot = TestClient.connect(ws)) {
      bot.call(obj("type", "hello", "nick", unique("bot")));
    }
  }
}
