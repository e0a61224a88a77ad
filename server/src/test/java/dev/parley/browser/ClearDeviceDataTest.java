package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Settings → "Clear data on this device": after a confirmation it removes the kept history, the
 * archives, the theme and emoji preferences and the session; cancelling removes nothing. Another
 * user logging in on the same browser never sees the previous user's kept history (log out forgets
 * it, and what another user left is never read).
 */
class ClearDeviceDataTest extends BrowserTestBase {

  private static final String KEPT_ROOMS =
      """
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
    assertThat(
            page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('parley.'))"))
        .isEqualTo(List.of());
    assertThat(page.evaluate(KEPT_ROOMS)).isEqualTo(List.of());

    // A reload stays logged out, in the system theme, with nothing shown from before.
    page.reload();
    assertThat(page.getByTestId("login-form")).isVisible();
    assertThat(page.locator("html")).not().hasAttribute("data-theme", "dark");
  }

  @Test
  void logOutForgetsTheUsersKeptHistoryAndAnotherUsersIsNeverShown() {
    String room = unique("mine");
    Page page = login(unique("first"));
    createRoom(page, room, "");
    send(page, "only for the first user");
    waitUntilKept(page, room);
    page.getByTestId("settings-button").click();
    page.getByTestId("logout-button").click();
    assertThat(page.getByTestId("login-form")).isVisible();
    waitUntil(page, () -> !page.evaluate(KEPT_ROOMS).toString().contains(room));

    login(page, unique("second"));
    // What a session that ended without logging out leaves behind: another user's kept room.
    page.evaluate(PUT_FOREIGN, room);
    page.reload();
    assertConnected(page);
    assertThat(roomItem(page, room)).hasCount(0);
    assertThat(page.getByTestId("message-list")).not().containsText("someone else's secret");
  }

  /** Puts a kept room, with one message, for a user who is not the one logged in. */
  private static final String PUT_FOREIGN =
      """
      async (room) => {
        const db = await new Promise((ok, fail) => { const r = indexedDB.open('parley-device'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
        const tx = db.transaction('rooms', 'readwrite');
        tx.objectStore('rooms').put({ user: 'uSomeoneElse', name: room, topic: '', members: 1, lastSeq: 2, readSeq: 0, rev: 0,
          events: [{ type: 'message', room, seq: 2, id: 'x', from: { id: 'uSomeoneElse', nick: 'eve' }, ts: Date.now(), text: "someone else's secret" }] });
        await new Promise((ok) => { tx.oncomplete = ok; });
        db.close();
      }""";

  private static void waitUntil(Page page, java.util.function.BooleanSupplier condition) {
    long until = System.currentTimeMillis() + 10_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > until)
        throw new AssertionError("still kept: " + page.evaluate(KEPT_ROOMS));
      page.waitForTimeout(100);
    }
  }

  private static void waitUntilKept(Page page, String room) {
    waitUntil(page, () -> page.evaluate(KEPT_ROOMS).toString().contains("/" + room + "/"));
  }
}
