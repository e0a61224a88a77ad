package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * The settings dialog grew long (profile, theme, notifications, password, passkeys, single sign-on,
 * devices, sessions, export, this device): it is in three sections, and a row that stays at the top
 * jumps to each, on a phone too.
 */
class SettingsSectionsTest extends BrowserTestBase {

  @Test
  void theJumpRowBringsEachSectionIntoViewOnAPhone() {
    Page page =
        login(newPage(new Browser.NewContextOptions().setViewportSize(390, 844)), unique("sec"));
    page.getByTestId("settings-button").click();
    assertThat(page.getByTestId("settings-nav-data")).isVisible();
    assertThat(page.getByTestId("keep-per-room")).not().isInViewport();
    Screenshots.save(page, "settings-sections-390");

    page.getByTestId("settings-nav-data").click();
    assertThat(page.getByTestId("keep-per-room")).isInViewport();
    assertThat(page.getByTestId("settings-nav-general")).isInViewport(); // the row stays on top
    page.getByTestId("settings-nav-account").click();
    assertThat(page.getByTestId("password-new")).isInViewport();
    assertThat(page).hasURL(baseUrl); // no #fragment: that is for sign-in codes
  }

  @Test
  void theSectionsAtDesktopWidth() {
    Page page = login(unique("wide"));
    page.getByTestId("settings-button").click();
    assertThat(page.getByTestId("settings-nav-account")).isVisible();
    Screenshots.save(page, "settings-sections-1280");
  }
}
