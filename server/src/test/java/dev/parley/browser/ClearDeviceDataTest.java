package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Settings → "Clear data on this device": after a confirmation it removes the kept history, the
 * archives, the theme and emoji preferences and the session; cancelling removes nothing. Another
 * user logging in on the same browser never sees the previous user's kept history.
 */
class ClearDeviceDataTest extends BrowserTestBase {

  private static final String KEPT_ROOMS = """
      async () => {
        const db = await new Promise((ok, fail) => { const r = indexedDB.open('parley-device'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
        if (!db.objectStoreNames.contains('rooms')) { db.close(); return []; }
        const all = await new Promise((ok) => { const r = db.transaction('rooms').objectStore('rooms').getAll(); r.onsuccess = () => ok(r.result); });
        db.close();
        return all.map((r) => r.user + '/' + r.name + '/' + r.events.length);
      }""";

  @Test
  void clearingAfterConfirmationRemovesTheCacheThePreferencesAndTheSession() {
    String room = unique("private");
    Page page = login(unique("carla"));
    createRoom(page, room, "");
    send(page, "kept here for now");
    page.getByTestId("settings-button").click();
    page.getByTestId("theme-dark").check();
    page.getByTestId("keep-per-room").selectOption("50");
    page.evaluate("() => localStorage.setItem('parley.emoji.recent', JSON.stringify(['🎉']))");
    waitUntilKept(page, room);

    // Cancelling the confirmation keeps everything.
    page.getByTestId("clear-device").click();
    assertThat(page.getByTestId("clear-confirm")).isVisible();
    assertThat(page.getByTestId("clear-confirm")).containsText("logs you out");
    page.getByTestId("clear-cancel").click();
    assertThat(page.getByTestId("clear-confirm")).isHidden();
    assertThat(page.evaluate("() => localStorage.getItem('parley.token')")).isNotNull();

    page.getByTestId("clear-device").click();
    page.getByTestId("clear-confirm-button").click();

    assertThat(page.getByTestId("login-form")).isVisible();
    assertThat(page.locator("html")).not().hasAttribute("data-theme", "dark");
    assertThat(page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('parley.'))")).isEqualTo(List.of());
    assertThat(page.evaluate(KEPT_ROOMS)).isEqualTo(List.of());

    // A reload stays logged out, in the system theme, with nothing shown from before.
    page.reload();
    assertThat(page.getByTestId("login-form")).isVisible();
    assertThat(page.locator("html")).not().hasAttribute("data-theme", "dark");
  }

  @Test
  void theNextUserOnThisBrowserNeverSeesThePreviousUsersKeptHistory() {
    String room = unique("mine");
    Page page = login(unique("first"));
    createRoom(page, room, "");
    send(page, "only for the first user");
    waitUntilKept(page, room);
    page.getByTestId("settings-button").click();
    page.getByTestId("logout-button").click();
    assertThat(page.getByTestId("login-form")).isVisible();

    login(page, unique("second"));
    assertThat(roomItem(page, room)).hasCount(0);
    page.reload();
    assertConnected(page);
    assertThat(roomItem(page, room)).hasCount(0);
    assertThat(page.getByTestId("message-list")).not().containsText("only for the first user");
  }

  private static void waitUntilKept(Page page, String room) {
    long until = System.currentTimeMillis() + 10_000;
    while (!page.evaluate(KEPT_ROOMS).toString().contains("/" + room + "/")) {
      if (System.currentTimeMillis() > until) throw new AssertionError("not kept: " + page.evaluate(KEPT_ROOMS));
      page.waitForTimeout(100);
    }
  }
}
