package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The theme chosen in Settings takes effect at once, is remembered, and is already in place when
 * the page is first parsed after a reload: no flash of the other theme before the modules run. The
 * browser's bar ({@code theme-color}) follows the chosen theme, not the system's.
 */
class ThemeTest extends BrowserTestBase {

  /**
   * Runs before any page script: records the theme attribute as the parser reaches {@code <body>}
   * (before any deferred module can run) and at DOMContentLoaded.
   */
  private static final String RECORD_THEME =
      """
      window.__themeSeen = {};
      window.__barColours = () => [...document.querySelectorAll('meta[name="theme-color"]')]
        .filter((m) => !m.media || matchMedia(m.media).matches).map((m) => m.content);
      new MutationObserver((records, observer) => {
        if (!document.body) return;
        window.__themeSeen.body = document.documentElement.getAttribute('data-theme');
        window.__themeSeen.bar = window.__barColours();
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
      document.addEventListener('DOMContentLoaded', () => {
        window.__themeSeen.ready = document.documentElement.getAttribute('data-theme');
      });
      """;

  @Test
  void aDarkThemeChosenOnALightSystemSurvivesAReloadWithNoFlash() {
    Page page =
        blankPage(
            new Browser.NewContextOptions()
                .setViewportSize(1280, 800)
                .setColorScheme(ColorScheme.LIGHT));
    page.addInitScript(RECORD_THEME);
    page.navigate(baseUrl);
    login(page, unique("dora"));
    assertThat(page.locator("html")).not().hasAttribute("data-theme", "dark");

    page.getByTestId("settings-button").click();
    page.getByTestId("theme-dark").check();
    assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
    assertThat(background(page)).isEqualTo("rgb(14, 16, 20)");
    assertThat(barColours(page)).as("the browser's bar follows").containsExactly("#0e1014");
    page.keyboard().press("Escape");

    page.reload();
    assertConnected(page);
    assertThat(page.evaluate("() => window.__themeSeen.body")).isEqualTo("dark");
    assertThat(page.evaluate("() => window.__themeSeen.ready")).isEqualTo("dark");
    assertThat(page.evaluate("() => window.__themeSeen.bar")).isEqualTo(List.of("#0e1014"));
    assertThat(background(page)).isEqualTo("rgb(14, 16, 20)");
    page.getByTestId("settings-button").click();
    assertThat(page.getByTestId("theme-dark")).isChecked();

    // Back to the system's (light) choice: no attribute, and that is remembered too.
    page.getByTestId("theme-system").check();
    assertThat(page.locator("html")).not().hasAttribute("data-theme", "dark");
    assertThat(barColours(page)).containsExactly("#f4f5f8");
    page.reload();
    assertConnected(page);
    assertThat(page.evaluate("() => window.__themeSeen.body")).isNull();
    assertThat(background(page)).isEqualTo("rgb(244, 245, 248)");
    assertThat(barColours(page)).containsExactly("#f4f5f8");
  }

  @Test
  void aLightThemeChosenOnADarkSystemIsInPlaceBeforeTheBodyIsParsed() {
    Page page =
        blankPage(
            new Browser.NewContextOptions()
                .setViewportSize(1280, 800)
                .setColorScheme(ColorScheme.DARK));
    page.addInitScript(RECORD_THEME);
    page.navigate(baseUrl);
    login(page, unique("lena"));
    page.getByTestId("settings-button").click();
    page.getByTestId("theme-light").check();
    page.keyboard().press("Escape");

    page.reload();
    assertConnected(page);
    assertThat(page.evaluate("() => window.__themeSeen.body")).isEqualTo("light");
    assertThat(page.evaluate("() => window.__themeSeen.bar")).isEqualTo(List.of("#f4f5f8"));
    assertThat(background(page)).isEqualTo("rgb(244, 245, 248)");
  }

  /** The theme-color values in force now: those whose media query matches. */
  @SuppressWarnings("unchecked")
  private static List<String> barColours(Page page) {
    return (List<String>) page.evaluate("() => window.__barColours()");
  }

  private static Object background(Page page) {
    return page.evaluate("() => getComputedStyle(document.body).backgroundColor");
  }
}
