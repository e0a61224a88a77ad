package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import dev.parley.testing.Json;
import dev.parley.testing.TestClient;
import dev.parley.testing.TestImages;
import dev.parley.testing.UploadRequests;
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
    assertThat(
            page.locator(
                "[data-testid=user-item] [data-testid=user-nick]",
                new Page.LocatorOptions().setHasText(nick)))
        .hasCount(1);
    assertThat(confirmedTexts(page).last()).hasText(text);
    page.getByTestId("settings-button").click();
    assertThat(page.getByTestId("settings-nick")).hasText(nick);
  }

  /**
   * The images of a direct conversation are served to its members only, and an {@code <img>} sends
   * no Authorization header: the page holds a credential of the server's for the uploads' path
   * alone, in an HttpOnly cookie (issue 14, item 10: the token itself used to sit in a cookie that
   * any page on another port of this host could read). Images in a direct conversation load with
   * it; signing out revokes it.
   */
  @Test
  void imagesLoadWithAnHttpOnlyCredentialThatIsNotTheTokenAndLeavesWithTheSession()
      throws Exception {
    Page page = login(unique("fay"));
    String token = (String) page.evaluate("() => localStorage.getItem('parley.token')");
    String me = (String) page.evaluate("() => JSON.parse(localStorage.getItem('parley.user')).id");

    // someone sends fay a picture directly; she opens the conversation and it loads
    TestClient gus = TestClient.connect(java.net.URI.create(baseUrl.replace("http", "ws") + "ws"));
    try {
      gus.hello(unique("gus"));
      String url =
          UploadRequests.postRaw(
                  java.net.URI.create(baseUrl + "api/uploads"),
                  gus.token(),
                  TestImages.encoded("png", 64, 40, 1),
                  "image/png")
              .json()
              .path("url")
              .asString();
      gus.send(
          Json.obj(
              "type",
              "send",
              "to",
              me,
              "id",
              TestClient.newId(),
              "image",
              Json.obj("url", url, "name", "for-fay.png")));
      Locator conversation = page.locator("[data-testid=dm-list] [data-testid=room-item]").first();
      conversation.click();
      Locator img =
          page.locator("[data-testid=message-list] img[data-testid=message-image]").last();
      img.scrollIntoViewIfNeeded();
      page.waitForFunction("el => el.complete && el.naturalWidth === 64", img.elementHandle());

      List<Cookie> forUploads = page.context().cookies(baseUrl + "uploads/x.png");
      assertThat(forUploads).extracting(c -> c.name).containsExactly("parley_uploads");
      Cookie credential = forUploads.get(0);
      assertThat(credential.httpOnly).isTrue();
      assertThat(credential.path).isEqualTo("/uploads/");
      assertThat(credential.value).isNotEqualTo(token).doesNotContain(token);
      assertThat(page.context().cookies(baseUrl + "api/search")).isEmpty();
      assertThat(page.context().cookies(baseUrl)).isEmpty();
      // a script on a page of the uploads' path (as on another port of this host) reads nothing
      Page other = page.context().newPage();
      other.navigate(baseUrl + "uploads/credential");
      assertThat((String) other.evaluate("() => document.cookie"))
          .doesNotContain(token)
          .doesNotContain(credential.value);
      other.close();
      assertThat(
              UploadRequests.getWithCredential(
                      java.net.URI.create(baseUrl + url.substring(1)), credential.value)
                  .status())
          .isEqualTo(200);

      page.getByTestId("settings-button").click();
      page.getByTestId("logout-button").click();
      assertThat(page.getByTestId("login-nick")).isVisible();
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(5))
          .until(() -> page.context().cookies(baseUrl + "uploads/x.png").isEmpty());
      assertThat(
              UploadRequests.getWithCredential(
                      java.net.URI.create(baseUrl + url.substring(1)), credential.value)
                  .status())
          .as("the credential after signing out")
          .isEqualTo(404);
    } finally {
      gus.close();
    }
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
    assertThat(second.getByTestId("login-error"))
        .containsText("Someone already uses that nickname."); // the client's sentence (i18n/)

    second.getByTestId("login-nick").fill(nick + "x");
    second.getByTestId("login-submit").click();
    assertConnected(second);
  }
}
