package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.parley.ParleyConfig;
import dev.parley.ParleyServer;
import dev.parley.testing.OpenIdProvider;
import dev.parley.web.sso.OidcSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Sign in with ..." in Chromium: the login card offers the server's OpenID provider; one click
 * goes there and comes back signed in, with the name the provider offered; a sign-in cancelled at
 * the provider comes back to the login card with a plain sentence; someone who chatted before links
 * their account from the settings, and the provider's sign-in is that account from then on. A real
 * provider on 127.0.0.1.
 */
class SingleSignOnInBrowserTest {
  @TempDir static Path dataDir;
  static OpenIdProvider idp;
  static ParleyServer server;
  static Playwright playwright;
  static Browser browser;
  static String baseUrl;
  BrowserContext context;

  @BeforeAll
  static void start() throws Exception {
    PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
    idp = new OpenIdProvider();
    server =
        ParleyServer.start(
            ParleyConfig.defaults()
                .withPort(0)
                .withDataDir(dataDir)
                .withOidc(
                    new OidcSettings(
                        idp.issuer(),
                        OpenIdProvider.CLIENT_ID,
                        OpenIdProvider.CLIENT_SECRET,
                        "Example ID",
                        null)));
    baseUrl = "http://127.0.0.1:" + server.port() + "/";
    playwright = Chromium.playwright();
    browser = Chromium.launch(playwright);
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    if (playwright != null) playwright.close();
    if (server != null) server.close();
    if (idp != null) idp.close();
  }

  @AfterEach
  void closeContext() {
    if (context != null) context.close();
  }

  private Page page(int width, int height) {
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
    Page page = context.newPage();
    page.onPageError(error -> System.err.println("[page error] " + error));
    return page;
  }

  @Test
  void oneClickAtTheLoginCardSignsInThroughTheProvider() {
    idp.next("browser-person", Map.of("preferred_username", "Grace"));
    Page page = page(1280, 800);
    page.navigate(baseUrl);
    assertThat(page.getByTestId("sso-link")).hasText("Sign in with Example ID");
    Screenshots.save(page, "sso-login-1280");

    page.getByTestId("sso-link").click();
    assertThat(page.getByTestId("connection-state")).hasAttribute("data-state", "connected");
    page.getByTestId("settings-button").click();
    assertThat(page.getByTestId("settings-nick")).hasText("Grace");
    org.assertj.core.api.Assertions.assertThat(page.url())
        .as("the sign-in code is gone from the address")
        .isEqualTo(baseUrl);
  }

  @Test
  void aSignInCancelledAtTheProviderSaysSoOnTheLoginCard() {
    Page page = page(390, 844);
    page.navigate(baseUrl + "#sso-error=denied");
    assertThat(page.getByTestId("login-error"))
        .hasText("The sign-in was cancelled at the provider.");
    assertThat(page.getByTestId("sso-link")).isVisible();
    Screenshots.save(page, "sso-cancelled-390");
  }

  @Test
  void aGuestLinksTheirAccountInSettingsAndTheProviderSignsThemInAsThemselves() {
    Page page = page(390, 844);
    page.navigate(baseUrl);
    page.getByTestId("login-nick").fill("Hal");
    page.getByTestId("login-nick").press("Enter");
    assertThat(page.getByTestId("connection-state")).hasAttribute("data-state", "connected");
    page.getByTestId("settings-button").click();
    assertThat(page.getByTestId("sso-link-account")).hasText("Link to Example ID");
    page.getByTestId("sso-link-account").scrollIntoViewIfNeeded();
    Screenshots.save(page, "sso-link-settings-390");

    idp.next("hal-at-the-provider", Map.of("preferred_username", "hal.provider"));
    page.getByTestId("sso-link-account").click();
    assertThat(page.getByText("Linked: signing in with your provider now signs in as you."))
        .isVisible();
    assertThat(page.getByTestId("connection-state")).hasAttribute("data-state", "connected");
    org.assertj.core.api.Assertions.assertThat(page.url()).isEqualTo(baseUrl);
    context.close();

    idp.next("hal-at-the-provider", Map.of("preferred_username", "hal.provider"));
    Page other = page(1280, 800);
    other.navigate(baseUrl);
    other.getByTestId("sso-link").click();
    assertThat(other.getByTestId("connection-state")).hasAttribute("data-state", "connected");
    other.getByTestId("settings-button").click();
    assertThat(other.getByTestId("settings-nick")).hasText("Hal");
  }
}
