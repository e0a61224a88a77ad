package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import dev.parley.domain.Registration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On an invite-only server the invite link opens the login card with a note, asks only for a name,
 * and lands in the chat; without a link the card asks for a code and says plainly when it is wrong.
 * A closed server's card offers only the sign-in code.
 */
class InviteLinkTest extends BrowserTestBase {

  @AfterEach
  void openAgain() {
    server.registration().configure(Registration.Mode.OPEN, baseUrl);
  }

  private static String invite() {
    return Registration.create(
            server.invites(), "test", 1, TimeUnit.DAYS.toMillis(1), System.currentTimeMillis())
        .orTimeout(20, TimeUnit.SECONDS)
        .join();
  }

  @Test
  void theInviteLinkAsksForANameAndLandsInTheChat() {
    server.registration().configure(Registration.Mode.INVITE, baseUrl);
    Page page = blankPage(new Browser.NewContextOptions().setViewportSize(1280, 800));
    page.navigate(baseUrl + "#invite=" + invite());
    assertThat(page.getByTestId("login-invited")).containsText("You were invited to 127.0.0.1");
    assertThat(page.getByTestId("login-invite")).isHidden();
    page.getByTestId("login-nick").fill(unique("guest"));
    Screenshots.save(page, "invite-link-1280");
    page.getByTestId("login-submit").click();
    assertConnected(page);
    org.assertj.core.api.Assertions.assertThat(page.url()).doesNotContain("invite");
    Screenshots.save(page, "invite-joined-1280");
  }

  @Test
  void withoutALinkTheCardAsksForACodeAndSaysWhenItIsWrong() {
    server.registration().configure(Registration.Mode.INVITE, baseUrl);
    Page page = newPage(new Browser.NewContextOptions().setViewportSize(390, 844));
    assertThat(page.getByTestId("login-invite")).isVisible();
    page.getByTestId("login-nick").fill(unique("pasted"));
    page.getByTestId("login-submit").click();
    assertThat(page.getByTestId("login-error")).containsText("invite-only");
    page.getByTestId("login-invite").fill("ABCDEFGHJKMNPQRS");
    page.getByTestId("login-submit").click();
    assertThat(page.getByTestId("login-error")).containsText("unknown, expired or used up");
    Screenshots.save(page, "invite-bad-390");
    page.getByTestId("login-invite").fill(baseUrl + "#invite=" + invite());
    page.getByTestId("login-submit").click();
    assertConnected(page);
    Screenshots.save(page, "invite-joined-390");
  }

  @Test
  void aClosedServerOffersOnlyTheSignInCode() {
    server.registration().configure(Registration.Mode.CLOSED, baseUrl);
    Page page = newPage(new Browser.NewContextOptions().setViewportSize(390, 844));
    assertThat(page.getByTestId("login-closed")).isVisible();
    assertThat(page.getByTestId("login-nick")).isHidden();
    assertThat(page.getByTestId("login-submit")).isHidden();
    assertThat(page.getByTestId("code-input")).isVisible();
    Screenshots.save(page, "registration-closed-390");
  }
}
