package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * Settings' "Sign in on another device" gives a code and a link that sign a second browser in as
 * the same person; "Where you're signed in" lists both, and signing the other device out sends that
 * browser back to the login screen with a plain sentence, its token dead.
 */
class SignInElsewhereTest extends BrowserTestBase {

  private static Locator sessions(Page page) {
    return page.getByTestId("sessions-list").locator("[data-testid=session-item]");
  }

  private static void openSettings(Page page) {
    page.getByTestId("settings-button").click();
    assertThat(page.getByTestId("settings-dialog")).isVisible();
  }

  /** Opens settings and makes a code; returns it. */
  private static String makeCode(Page page) {
    openSettings(page);
    page.getByTestId("link-make").click();
    Locator code = page.getByTestId("link-code");
    assertThat(code).hasText(java.util.regex.Pattern.compile("^[A-Z2-9]{8}$"));
    assertThat(page.getByTestId("link-left")).containsText("Valid for");
    return code.textContent();
  }

  @Test
  void aCodeSignsASecondBrowserInAndTheFirstSignsItOut() {
    String nick = unique("ann");
    Page ann = login(nick);
    String code = makeCode(ann);
    assertThat(ann.getByTestId("link-url"))
        .hasValue(baseUrl.replaceAll("/$", "") + "/#signin=" + code);
    ann.keyboard().press("Escape");

    Page phone = newPage();
    phone.getByText("Have a code from another device?").click();
    phone.getByTestId("code-input").fill(code.toLowerCase());
    phone.getByTestId("code-submit").click();
    assertConnected(phone);
    openSettings(phone);
    assertThat(phone.getByTestId("settings-nick")).hasText(nick);
    phone.keyboard().press("Escape");

    openSettings(ann);
    assertThat(sessions(ann)).hasCount(2);
    assertThat(ann.getByTestId("session-current")).hasCount(1);
    assertThat(ann.getByTestId("session-signout")).hasCount(1);
    ann.getByTestId("sessions-setting").scrollIntoViewIfNeeded();
    Screenshots.save(ann, "sessions-settings-1280");

    ann.getByTestId("session-signout").click();
    assertThat(sessions(ann)).hasCount(1);
    assertThat(phone.getByTestId("login-form")).isVisible();
    assertThat(phone.getByTestId("login-error"))
        .hasText("You were signed out from another device.");
    assertThat(phone.locator("#app")).isHidden();
    Screenshots.save(phone, "signed-out-login-1280");
    Object token = phone.evaluate("() => localStorage.getItem('parley.token')");
    org.assertj.core.api.Assertions.assertThat(token).as("the dead token is gone").isNull();
    assertConnected(ann);
  }

  @Test
  void aSignInLinkOpensTheAppSignedInAndLogOutEndsThatSession() {
    String nick = unique("bo");
    Page bo = login(nick);
    String code = makeCode(bo);
    bo.keyboard().press("Escape");

    Page phone = blankPage(new Browser.NewContextOptions().setViewportSize(390, 844));
    phone.navigate(baseUrl.replaceAll("/$", "") + "/#signin=" + code);
    assertConnected(phone);
    org.assertj.core.api.Assertions.assertThat(phone.url()).doesNotContain("signin");
    openSettings(phone);
    assertThat(phone.getByTestId("settings-nick")).hasText(nick);
    assertThat(sessions(phone)).hasCount(2);
    phone.getByTestId("sessions-setting").scrollIntoViewIfNeeded();
    Screenshots.save(phone, "sessions-settings-390");
    phone.getByTestId("link-make").click();
    phone.getByTestId("link-box").scrollIntoViewIfNeeded();
    Screenshots.save(phone, "sessions-code-390");

    phone.getByTestId("logout-button").click();
    assertThat(phone.getByTestId("login-form")).isVisible();
    phone.getByText("Have a code from another device?").click();
    assertThat(phone.getByTestId("code-input")).isVisible();
    Screenshots.save(phone, "code-login-390");
    openSettings(bo);
    assertThat(sessions(bo)).hasCount(1); // logging out ended the phone's session
  }
}
