package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.domain.Protection;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An administrator opens the admin screen from Settings, finds someone by name, bans them with a
 * reason after confirming, and that person's browser shows who banned them and why instead of
 * reconnecting; unbanning and a one-time sign-in link work from the same screen. Someone who is not
 * an administrator has no such entry.
 */
class AdminScreenTest extends BrowserTestBase {

  private static String userId(Page page) {
    return (String) page.evaluate("() => JSON.parse(localStorage.getItem('parley.user')).id");
  }

  private static Locator row(Page page, String nick) {
    return page.locator("[data-testid=admin-item][data-nick='" + nick + "']");
  }

  @Test
  void theAdminScreenBansSomeoneAndTheirBrowserShowsTheBannedScreen() {
    Page chief = login(ADMIN);
    Protection.protect(server.chat(), userId(chief));
    chief.reload(); // the welcome now says role: admin
    assertConnected(chief);

    String nick = unique("spammer");
    Page spammer = newPage(new Browser.NewContextOptions().setViewportSize(390, 844));
    login(spammer, nick);
    spammer.getByTestId("settings-button").click();
    assertThat(spammer.getByTestId("admin-setting")).isHidden();
    spammer.keyboard().press("Escape");

    chief.getByTestId("settings-button").click();
    assertThat(chief.getByTestId("admin-setting")).isVisible();
    chief.getByTestId("admin-open").click();
    assertThat(chief.getByTestId("admin-dialog")).isVisible();
    chief.getByTestId("admin-filter").fill(nick);
    Locator target = row(chief, nick);
    assertThat(chief.getByTestId("admin-item")).hasCount(1);
    assertThat(target).containsText("Online");
    assertThat(target).containsText("Not protected");
    target.getByTestId("admin-ban").click();
    chief.getByTestId("admin-reason").fill("Posting spam links");
    Screenshots.save(chief, "admin-ban-confirm-1280");
    chief.getByTestId("admin-ban-confirm").click();

    assertThat(row(chief, nick).getByTestId("admin-banned")).hasText("Banned: Posting spam links");
    assertThat(spammer.getByTestId("banned-screen")).isVisible();
    assertThat(spammer.getByTestId("banned-reason")).hasText("Reason: Posting spam links");
    assertThat(spammer.locator("#app")).isHidden();
    Screenshots.save(spammer, "banned-390");
    spammer.reload(); // a reload asks again and is refused again
    assertThat(spammer.getByTestId("banned-screen")).isVisible();
    spammer.setViewportSize(1280, 800);
    Screenshots.save(spammer, "banned-1280");

    chief.getByTestId("admin-filter").fill("");
    chief.getByTestId("admin-filter").fill(nick);
    row(chief, nick).getByTestId("admin-unban").click();
    assertThat(row(chief, nick).getByTestId("admin-banned")).hasCount(0);
    row(chief, nick).getByTestId("admin-link").click();
    assertThat(chief.getByTestId("admin-link-url"))
        .hasValue(Pattern.compile("^http://127\\.0\\.0\\.1:\\d+/#signin=[A-Z2-9]{8}$"));
    Screenshots.save(chief, "admin-screen-1280");
    chief.setViewportSize(390, 844);
    Screenshots.save(chief, "admin-screen-390");

    String link = chief.getByTestId("admin-link-url").inputValue();
    Page newDevice = blankPage(new Browser.NewContextOptions().setViewportSize(1280, 800));
    newDevice.navigate(link);
    assertConnected(newDevice);
    org.assertj.core.api.Assertions.assertThat(userId(newDevice)).isEqualTo(userId(spammer));
  }
}
