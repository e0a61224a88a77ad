package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ServiceWorkerPolicy;
import org.junit.jupiter.api.Test;

/**
 * Search forgives a swap of two letters ({@code hkie} finds "hike") as it forgives a missing one;
 * and when the server cannot be reached it searches the history this device holds, saying so.
 */
class SearchOfflineTest extends BrowserTestBase {

  @Test
  void aSwapIsForgivenAndWithoutTheServerTheDevicesHistoryIsSearched() {
    Page page =
        login(
            newPage(
                new Browser.NewContextOptions()
                    .setViewportSize(1280, 800)
                    .setServiceWorkers(ServiceWorkerPolicy.BLOCK)),
            unique("hiker"));
    String room = unique("trail");
    createRoom(page, room, "");
    String word = unique("zed");
    send(page, "Planning a hike with " + word + " on Sunday");
    send(page, "the weather forecast says sun");

    page.keyboard().press("Control+k");
    Locator input = page.getByTestId("search-input");
    Locator results = page.getByTestId("search-result");
    input.fill("hkie " + word);
    assertThat(results).hasCount(1);
    assertThat(results.first().locator("mark").first()).hasText("hike");
    assertThat(page.getByTestId("search-local")).hasCount(0);
    input.fill("forcast");
    assertThat(results).hasCount(1);

    // the server is out of reach: the device's history answers, and says it is the device's
    page.route("**/api/search**", route -> route.abort());
    input.fill("hkie " + word);
    assertThat(page.getByTestId("search-local")).isVisible();
    assertThat(page.getByTestId("search-status")).containsText("this device");
    assertThat(results).hasCount(1);
    assertThat(results.first().getByTestId("search-result-text")).containsText("Planning a hike");
    assertThat(results.first().locator("mark").first()).hasText("hike");
    input.fill("forcast");
    assertThat(results).hasCount(1);
    assertThat(results.first()).containsText("weather forecast");
    Screenshots.save(page, "search-offline-1280");

    results.first().click();
    assertThat(roomItem(page, room)).hasAttribute("aria-current", "page");
  }
}
