package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
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
