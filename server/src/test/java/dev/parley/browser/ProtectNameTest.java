package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * "Protect your name": after a first conversation the app offers it once; in settings a password is
 * set (the meter shows the server's estimate while typing); a second browser that types the name is
 * told plainly that it is protected and asked for the password, which signs it in as the same
 * person. A wrong password says so and keeps the form.
 */
class ProtectNameTest extends BrowserTestBase {
  static final String GOOD = "velvet-otter-41-maple";

  @Test
  void aNameProtectedInSettingsSignsInOnASecondBrowserWithItsPassword() {
    String nick = unique("pia");
    Page pia = login(nick);
    for (int i = 1; i <= 3; i++) send(pia, "hello number " + i);
    assertThat(pia.getByTestId("protect-offer")).isVisible();
    Screenshots.save(pia, "protect-offer-1280");
    pia.getByTestId("protect-offer").getByText("Protect your name").click();
    assertThat(pia.getByTestId("settings-dialog")).isVisible();

    pia.getByTestId("password-new").fill("password");
    assertThat(pia.getByTestId("password-meter-text")).containsText("refuse");
    pia.getByTestId("password-new").fill(GOOD);
    assertThat(pia.getByTestId("password-meter-text"))
        .hasText(java.util.regex.Pattern.compile("^(Strong|Very strong)$"));
    pia.getByTestId("password-setting").scrollIntoViewIfNeeded();
    Screenshots.save(pia, "protect-settings-1280");
    pia.getByTestId("password-submit").click();
    assertThat(pia.getByTestId("password-status")).containsText("Saved");
    assertThat(pia.getByTestId("password-current")).isVisible();
    assertThat(pia.getByTestId("password-submit")).hasText("Change password");

    Page phone = blankPage(new Browser.NewContextOptions().setViewportSize(390, 844));
    phone.navigate(baseUrl);
    assertThat(phone.getByTestId("login-password-row")).isHidden();
    phone.getByTestId("login-nick").fill(nick);
    phone.getByTestId("login-submit").click();
    assertThat(phone.getByTestId("login-error")).containsText("protected by its owner");
    assertThat(phone.getByTestId("login-password")).isVisible();
    assertThat(phone.getByTestId("login-password"))
        .hasAttribute("autocomplete", "current-password");
    assertThat(phone.getByTestId("login-nick")).hasAttribute("autocomplete", "username");
    Screenshots.save(phone, "protected-login-390");

    phone.getByTestId("login-password").fill(GOOD + "-no");
    phone.getByTestId("login-submit").click();
    assertThat(phone.getByTestId("login-error")).containsText("Wrong password");
    assertThat(phone.getByTestId("login-password")).isVisible();

    phone.getByTestId("login-password").fill(GOOD);
    phone.getByTestId("login-submit").click();
    assertConnected(phone);
    phone.getByTestId("settings-button").click();
    assertThat(phone.getByTestId("settings-nick")).hasText(nick);
    assertThat(phone.getByTestId("password-submit")).hasText("Change password");
    phone.getByTestId("password-setting").scrollIntoViewIfNeeded();
    Screenshots.save(phone, "protect-settings-390");
  }
}
