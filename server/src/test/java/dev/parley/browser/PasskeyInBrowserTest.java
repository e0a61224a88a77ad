package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * A passkey made in settings with Chromium's virtual authenticator (the CDP WebAuthn domain, a real
 * ctap2 platform authenticator with resident keys), then used on a second browser that holds a copy
 * of that credential: "Sign in with a passkey" with no nickname typed signs in as the same person.
 * The pages are on http://localhost, a secure context whose host name is a valid relying party id
 * (an IP address is not one).
 */
class PasskeyInBrowserTest extends BrowserTestBase {

  private static String home() {
    return "http://localhost:" + server.port() + "/";
  }

  /** A page in a new context with a virtual platform authenticator; its authenticator id. */
  private record Device(Page page, CDPSession cdp, String authenticator) {}

  private Device device(int width, int height) {
    Page page = blankPage(new Browser.NewContextOptions().setViewportSize(width, height));
    CDPSession cdp = page.context().newCDPSession(page);
    cdp.send("WebAuthn.enable");
    JsonObject options = new JsonObject();
    options.addProperty("protocol", "ctap2");
    options.addProperty("transport", "internal");
    options.addProperty("hasResidentKey", true);
    options.addProperty("hasUserVerification", true);
    options.addProperty("isUserVerified", true);
    options.addProperty("automaticPresenceSimulation", true);
    JsonObject args = new JsonObject();
    args.add("options", options);
    String id =
        cdp.send("WebAuthn.addVirtualAuthenticator", args).get("authenticatorId").getAsString();
    page.navigate(home());
    return new Device(page, cdp, id);
  }

  private static JsonArray credentials(Device d) {
    JsonObject args = new JsonObject();
    args.addProperty("authenticatorId", d.authenticator());
    return d.cdp().send("WebAuthn.getCredentials", args).getAsJsonArray("credentials");
  }

  private static void openSettings(Page page) {
    page.getByTestId("settings-button").click();
    assertThat(page.getByTestId("settings-dialog")).isVisible();
  }

  private static Locator passkeys(Page page) {
    return page.getByTestId("passkeys-list").locator("[data-testid=passkey-item]");
  }

  @Test
  void aPasskeyMadeInSettingsSignsInOnAnotherBrowser() {
    String nick = unique("pia");
    Device laptop = device(1280, 800);
    login(laptop.page(), nick);
    openSettings(laptop.page());
    laptop.page().getByTestId("passkeys-setting").scrollIntoViewIfNeeded();
    laptop.page().getByTestId("passkey-name-input").fill("Work laptop");
    laptop.page().getByTestId("passkey-add").click();
    assertThat(passkeys(laptop.page())).hasCount(1);
    assertThat(passkeys(laptop.page()).getByTestId("passkey-name")).hasText("Work laptop");
    laptop.page().getByTestId("passkeys-setting").scrollIntoViewIfNeeded();
    Screenshots.save(laptop.page(), "passkeys-settings-1280");
    JsonArray made = credentials(laptop);
    org.assertj.core.api.Assertions.assertThat(made.size()).isEqualTo(1);
    JsonObject credential = made.get(0).getAsJsonObject();
    org.assertj.core.api.Assertions.assertThat(
            credential.get("isResidentCredential").getAsBoolean())
        .as("discoverable, so no nickname is needed")
        .isTrue();
    org.assertj.core.api.Assertions.assertThat(credential.get("rpId").getAsString())
        .isEqualTo("localhost");

    Device phone = device(390, 844);
    JsonObject copy = new JsonObject();
    copy.addProperty("authenticatorId", phone.authenticator());
    copy.add("credential", credential);
    phone.cdp().send("WebAuthn.addCredential", copy);
    assertThat(phone.page().getByTestId("passkey-login")).isVisible();
    Screenshots.save(phone.page(), "passkey-login-390");
    phone.page().getByTestId("passkey-login").click();
    assertConnected(phone.page());
    openSettings(phone.page());
    assertThat(phone.page().getByTestId("settings-nick")).hasText(nick);
    assertThat(passkeys(phone.page())).hasCount(1);
    assertThat(passkeys(phone.page()).locator(".hint")).containsText("last used");
    phone.page().getByTestId("passkeys-setting").scrollIntoViewIfNeeded();
    Screenshots.save(phone.page(), "passkeys-settings-390");

    laptop.page().getByTestId("passkey-remove").click();
    assertThat(passkeys(laptop.page())).hasCount(0);
    assertThat(laptop.page().getByTestId("passkeys-status")).containsText("No passkeys yet");
  }

  @Test
  void aPasskeyUnknownToTheServerIsRefusedPlainly() {
    String nick = unique("pox");
    Device laptop = device(1280, 800);
    login(laptop.page(), nick);
    openSettings(laptop.page());
    laptop.page().getByTestId("passkey-add").click();
    assertThat(passkeys(laptop.page())).hasCount(1);
    JsonObject credential = credentials(laptop).get(0).getAsJsonObject();
    laptop.page().getByTestId("passkey-remove").click();
    assertThat(passkeys(laptop.page())).hasCount(0);

    Device other = device(1280, 800);
    JsonObject copy = new JsonObject();
    copy.addProperty("authenticatorId", other.authenticator());
    copy.add("credential", credential);
    other.cdp().send("WebAuthn.addCredential", copy);
    other.page().getByTestId("passkey-login").click();
    assertThat(other.page().getByTestId("login-error")).containsText("not registered");
    assertThat(other.page().locator("#app")).isHidden();
    Screenshots.save(other.page(), "passkey-refused-1280");
  }

  @Test
  void onAnIpAddressNoPasskeyIsOffered() {
    Page page = newPage(); // http://127.0.0.1: a secure context, but no valid relying party id
    assertThat(page.getByTestId("login-form")).isVisible();
    assertThat(page.getByTestId("passkey-login")).isHidden();
    login(page, unique("ipa"));
    page.getByTestId("settings-button").click();
    assertThat(page.getByTestId("passkeys-status")).containsText("not an IP address");
    assertThat(page.getByTestId("passkey-add")).isHidden();
  }
}
