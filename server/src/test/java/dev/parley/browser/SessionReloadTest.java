package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session survives a reload (token in localStorage); logging out forgets it. */
class SessionReloadTest extends BrowserTestBase {

  @Test
  void reloadLogsStraightBackInAsTheSameUser() {
    String nick = unique("carol");
    Page page = login(nick);
    String text = unique("before reload ");
    send(page, text);

    page.reload();

    assertConnected(page);
    assertThat(page.getByTestId("login-form")).isHidden();
    assertThat(page.locator("[data-testid=user-item] [data-testid=user-nick]", new Page.LocatorOptions().setHasText(nick)))
        .hasCount(1);
    assertThat(confirmedTexts(page).last()).hasText(text);
    page.getByTestId("settings-button").click();
    assertThat(page.getByTestId("settings-nick")).hasText(nick);
  }

  /**
   * The images of a direct conversation are served to its members only, and an {@code <img>}
   * sends no Authorization header: the token is also a cookie, for the uploads' path alone.
   */
  @Test
  void theTokenGoesWithImageRequestsOnlyAndLeavesWithTheSession() {
    Page page = login(unique("fay"));
    String token = (String) page.evaluate("() => localStorage.getItem('parley.token')");
    List<Cookie> forUploads = page.context().cookies(baseUrl + "uploads/x.png");
    assertThat(forUploads).extracting(c -> c.name + "=" + c.value).containsExactly("parley_token=" + token);
    assertThat(forUploads.get(0).path).isEqualTo("/uploads/");
    assertThat(page.context().cookies(baseUrl + "api/search")).isEmpty();
    assertThat(page.context().cookies(baseUrl)).isEmpty();

    page.getByTestId("settings-button").click();
    page.getByTestId("logout-button").click();
    assertThat(page.getByTestId("login-nick")).isVisible();
    assertThat(page.context().cookies(baseUrl + "uploads/x.png")).isEmpty();
  }

  @Test
  void logOutForgetsTheSession() {
    Page page = login(unique("dora"));
    page.getByTestId("settings-button").click();
    page.getByTestId("logout-button").click();
    assertThat(page.getByTestId("login-nick")).isVisible();

    page.reload();
    assertThat(page.getByTestId("login-nick")).isVisible();
    assertThat(page.getByTestId("message-list")).isHidden();
  }

  @Test
  void nickTakenIsShownOnTheLoginForm() {
    String nick = unique("erin");
    login(nick);
    Page second = newPage();
    second.getByTestId("login-nick").fill(nick);
    second.getByTestId("login-submit").click();
    assertThat(second.getByTestId("login-error")).containsText("already uses that nickname");

    second.getByTestId("login-nick").fill(nick + "x");
    second.getByTestId("login-submit").click();
    assertConnected(second);
  }
}
