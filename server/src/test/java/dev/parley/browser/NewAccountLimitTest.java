package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.testing.Json.obj;

import com.microsoft.playwright.Page;
import dev.parley.testing.TestClient;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The login form when the browser's address has made its new users for now (the server's default:
 * bursts of 50, then 20 a minute): it says so and when to try again, instead of a code, and the
 * form stays usable.
 */
class NewAccountLimitTest extends BrowserTestBase {

  @Test
  void theLoginFormSaysWhenToTryAgain() {
    URI ws = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
    // the same address as the browser (127.0.0.1) makes its burst of new users first, and goes on
    // taking each one the refill brings (one every 3 s) while the page logs in
    for (int i = 0; i < 55; i++) newBot(ws);
    AtomicBoolean going = new AtomicBoolean(true);
    Thread bots =
        new Thread(
            () -> {
              while (going.get()) {
                newBot(ws);
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    bots.start();
    try {
      Page page = newPage();
      page.getByTestId("login-nick").fill(unique("newcomer"));
      page.getByTestId("login-submit").click();
      // The client's own sentence for slow_down (js/i18n), not the server's English.
      assertThat(page.getByTestId("login-error")).containsText("Too many tries from your network");
      assertThat(page.getByTestId("login-error")).containsText("try again in");
      assertThat(page.getByTestId("login-submit")).isEnabled();
    } finally {
      going.set(false);
      bots.interrupt();
    }
  }

  private static void newBot(URI ws) {
    try (TestClient bot = TestClient.connect(ws)) {
      bot.call(obj("type", "hello", "nick", unique("bot")));
    }
  }
}
