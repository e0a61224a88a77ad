package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * Settings → Edit profile changes one's nick and avatar after logging in: the page shows them at
 * once, others online see them, a taken nick is refused inline, and a reload keeps the new nick.
 */
class ProfileEditTest extends BrowserTestBase {

  private static Locator row(Page page, String nick) {
    return page.locator("[data-testid=user-item]")
        .filter(
            new Locator.FilterOptions()
                .setHas(page.getByText(nick, new Page.GetByTextOptions().setExact(true))));
  }

  @Test
  void aNewNickAndAvatarShowEverywhere() {
    String annNick = unique("ann");
    String bobNick = unique("bob");
    Page ann = login(annNick);
    Page bob = login(bobNick);
    assertThat(row(bob, annNick)).hasCount(1);

    ann.getByTestId("settings-button").click();
    ann.getByTestId("edit-profile").click();
    Locator dialog = ann.getByTestId("profile-dialog");
    assertThat(dialog).isVisible();
    Locator nick = ann.getByTestId("profile-nick");
    assertThat(nick).isFocused();
    assertThat(nick).hasValue(annNick);

    nick.fill(bobNick.toUpperCase());
    ann.getByTestId("profile-save").click();
    assertThat(ann.getByTestId("profile-error")).containsText("already uses that nickname");

    String renamed = unique("annie");
    nick.fill(renamed);
    Locator fox = ann.locator("[data-testid=profile-avatar]:not([data-avatar=generated])").first();
    String emoji = fox.getAttribute("value");
    fox.check();
    Screenshots.save(ann, "profile-dialog-1280");
    ann.getByTestId("profile-save").click();
    assertThat(dialog).isHidden();

    // the top bar's user menu wears the new avatar
    assertThat(ann.locator("#settings-button .me-avatar")).hasText(emoji);
    Locator mine = row(ann, renamed);
    assertThat(mine).hasCount(1);
    assertThat(mine.locator(".avatar")).hasText(emoji);
    assertThat(row(bob, renamed)).hasCount(1);
    assertThat(row(bob, renamed).locator(".avatar")).hasText(emoji);
    assertThat(row(bob, annNick)).hasCount(0);
    ann.getByTestId("settings-button").click();
    assertThat(ann.getByTestId("settings-nick")).hasText(renamed);
    Screenshots.save(ann, "profile-settings-1280");
    ann.keyboard().press("Escape");

    ann.reload();
    assertConnected(ann);
    assertThat(row(ann, renamed)).hasCount(1);
    assertThat(row(bob, renamed)).hasCount(1);
  }

  @Test
  void awayIsAStatusOneChooses() {
    String annNick = unique("ann");
    Page ann = login(annNick);
    Page bob = login(unique("bob"));
    ann.getByTestId("settings-button").click();
    ann.getByTestId("edit-profile").click();
    assertThat(ann.getByTestId("profile-status-online")).isChecked();
    ann.getByTestId("profile-status-away").check();
    ann.getByTestId("profile-save").click();
    assertThat(ann.getByTestId("profile-dialog")).isHidden();
    assertThat(row(ann, annNick)).hasAttribute("data-status", "away");
    assertThat(row(bob, annNick)).hasAttribute("data-status", "away");

    send(ann, "typing does not bring me back");
    ann.getByTestId("settings-button").click();
    ann.getByTestId("edit-profile").click();
    assertThat(ann.getByTestId("profile-status-away")).isChecked();
    ann.getByTestId("profile-status-online").check();
    ann.getByTestId("profile-save").click();
    assertThat(row(bob, annNick)).hasAttribute("data-status", "online");
  }
}
