package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.testing.Json.obj;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import dev.parley.testing.Json;
import dev.parley.testing.TestClient;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A sign-in with a password that the server refuses because it is busy checking passwords ({@code
 * slow_down} with {@code busy: true}) is not the person's fault: the form says the server is busy
 * and that it tries again, stays busy, and asks again by itself on the same connection (which keeps
 * its place in the server's line), then signs in; the wait is said in the neutral colour, with no
 * field marked wrong. The refusal is made by the test on the page's socket (a real one needs 67
 * hashes at once: BusyPasswordLineTest's); everything else is the real server's.
 */
class BusyServerSignInTest extends BrowserTestBase {
  static final String GOOD = "velvet-otter-41-maple";

  @Test
  void aSignInRefusedAsBusyTriesAgainOnTheSameConnectionAndSignsIn() {
    String nick = unique("bo");
    try (TestClient owner =
        TestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"))) {
      owner.hello(nick);
      owner.ok(obj("type", "protect", "password", GOOD));
    }

    Page page = blankPage(new Browser.NewContextOptions().setViewportSize(390, 844));
    // Each hello with a password, and the page's socket it came on; the first one is refused.
    List<WebSocketRoute> passwordHellos = new CopyOnWriteArrayList<>();
    page.routeWebSocket(
        "**/ws",
        ws -> {
          WebSocketRoute toServer = ws.connectToServer();
          ws.onMessage(
              frame -> {
                String text = frame.text();
                JsonNode json = text == null ? null : Json.parse(text);
                if (json != null
                    && "hello".equals(json.path("type").asString())
                    && json.has("password")) {
                  passwordHellos.add(ws);
                  if (passwordHellos.size() == 1) {
                    ws.send(
                        Json.write(
                            obj(
                                "type",
                                "error",
                                "ref",
                                json.path("ref").asString(),
                                "code",
                                "slow_down",
                                "message",
                                "The server is busy checking passwords; try again in 2 s.",
                                "retryAfter",
                                2,
                                "busy",
                                true)));
                    return;
                  }
                }
                if (text != null) toServer.send(text);
                else toServer.send(frame.binary());
              });
        });
    page.navigate(baseUrl);
    page.getByTestId("login-nick").fill(nick);
    page.getByTestId("login-submit").click();
    assertThat(page.getByTestId("login-password")).isVisible();
    page.getByTestId("login-password").fill(GOOD);
    page.getByTestId("login-submit").click();

    assertThat(page.getByTestId("login-error"))
        .hasText("The server is busy checking passwords: trying again in 2 seconds…");
    assertThat(page.getByTestId("login-submit")).isDisabled();
    // A wait, not a mistake: said in the lead's neutral colour, and no field is marked wrong.
    assertThat(page.getByTestId("login-nick")).hasAttribute("aria-invalid", "false");
    org.assertj.core.api.Assertions.assertThat(
            page.evaluate(
                "() => getComputedStyle(document.getElementById('login-error')).color"
                    + " === getComputedStyle(document.querySelector('.login-lead')).color"))
        .as("the busy wait is shown in the neutral colour, not the error colour")
        .isEqualTo(true);
    Screenshots.save(page, "login-busy-390");

    assertConnected(page);
    org.assertj.core.api.Assertions.assertThat(passwordHellos)
        .as("asked again once, by itself, on the connection that was refused")
        .hasSize(2)
        .allMatch(route -> route == passwordHellos.get(0));
  }
}
