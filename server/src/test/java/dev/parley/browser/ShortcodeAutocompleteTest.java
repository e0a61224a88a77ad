package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/**
 * ":shortcode" in the composer opens the same suggestion popup as "@": a pick inserts the emoji.
 */
class ShortcodeAutocompleteTest extends BrowserTestBase {

  @Test
  void aShortcodeIsSuggestedAndPickedWithTheKeyboard() {
    Page page = login(unique("ann"));
    Locator composer = page.getByTestId("composer");
    Locator options = page.getByRole(AriaRole.LISTBOX).getByRole(AriaRole.OPTION);

    composer.click();
    composer.pressSequentially("so funny :jo");
    assertThat(composer).hasAttribute("aria-expanded", "true");
    assertThat(options.first()).containsText(":joy:");
    composer.press("Enter");
    assertThat(composer).hasValue("so funny 😂 ");
    assertThat(composer).hasAttribute("aria-expanded", "false");

    // A time is not a shortcode; and after "@name " the trigger nearest the caret is the one typed.
    composer.fill("");
    composer.pressSequentially("at 10:30");
    page.waitForTimeout(300);
    assertThat(composer).hasAttribute("aria-expanded", "false");
    composer.fill("");
    composer.pressSequentially("@ann :thumbsu");
    assertThat(options.first()).containsText(":thumbsup:");
    composer.press("Tab");
    assertThat(composer).hasValue("@ann 👍 ");
  }
}
