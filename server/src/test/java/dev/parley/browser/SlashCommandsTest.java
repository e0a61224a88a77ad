package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/**
 * "/" at the start of the composer offers the commands my role in the room allows, with the same
 * popup as "@"; a command that cannot be run says why under the composer and sends nothing, and
 * text that only looks like a command ("//", a path, a space first) is sent as typed.
 */
class SlashCommandsTest extends BrowserTestBase {

  @Test
  void slashOffersTheCommandsAndAMistakeIsExplainedNotSent() {
    Page page = login(unique("cmd"));
    Locator composer = page.getByTestId("composer");
    Locator options = page.getByRole(AriaRole.LISTBOX).getByRole(AriaRole.OPTION);

    composer.click();
    composer.pressSequentially("/");
    assertThat(composer).hasAttribute("aria-expanded", "true");
    assertThat(options).hasCount(1); // a member of general may only invite
    assertThat(options.first()).containsText("/invite @name");
    Screenshots.save(page, "slash-commands-1280");
    composer.press("Escape");

    composer.fill("/shrug");
    composer.press("Enter");
    assertThat(page.getByTestId("composer-error")).containsText("There is no /shrug command");
    assertThat(composer).hasValue("/shrug");

    composer.fill("/kick @nobody spam");
    composer.press("Enter");
    assertThat(page.getByTestId("composer-error")).containsText("Only a room’s moderators");

    composer.fill("and/or /not a command");
    page.waitForTimeout(300);
    assertThat(composer).hasAttribute("aria-expanded", "false");
    composer.press("Enter");
    assertThat(confirmedTexts(page).last()).hasText("and/or /not a command");
    send(page, "// a comment, not a command");
    assertThat(confirmedTexts(page).last()).hasText("// a comment, not a command");
  }
}
