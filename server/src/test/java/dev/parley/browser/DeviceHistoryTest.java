package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.browser.MessageRows.act;
import static dev.parley.browser.MessageRows.row;
import static dev.parley.browser.MessageRows.seqOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.ParleyConfig;
import dev.parley.ParleyServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * History on the device: with the server stopped, a reload still shows the last room from IndexedDB
 * and says it is offline; once the server is back, the kept copy catches up exactly, an edit and a
 * new message made meanwhile included. This class restarts the server it shares with no other class
 * (BrowserTestBase starts one per class).
 */
class DeviceHistoryTest extends BrowserTestBase {

  @Test
  void theLastRoomIsReadableWithTheServerStoppedAndCatchesUpWhenItIsBack() throws Exception {
    String room = unique("kept");
    Page bob = login(unique("bob"));
    createRoom(bob, room, "kept on the device");
    send(bob, "one");
    send(bob, "two");

    Page alice = login(unique("alice"));
    joinRoom(alice, room);
    send(alice, "three");
    assertThat(confirmedTexts(alice)).hasText(new String[] {"one", "two", "three"});
    waitForKept(alice, room, 3);

    int port = server.port();
    server.close();
    assertThat(alice.getByTestId("connection-state")).not().hasAttribute("data-state", "connected");

    // A reload with nobody answering: the page comes from the service worker, the history from the
    // device.
    alice.reload();
    assertThat(alice.getByTestId("offline-banner")).isVisible();
    assertThat(alice.getByTestId("offline-banner")).containsText("Offline");
    assertThat(roomItem(alice, room)).hasAttribute("aria-current", "page");
    assertThat(alice.getByTestId("room-title")).hasText("#" + room);
    assertThat(confirmedTexts(alice)).hasText(new String[] {"one", "two", "three"});
    assertThat(alice.getByTestId("connection-state")).not().hasAttribute("data-state", "connected");
    BrowserContext aliceDevice = alice.context();
    alice.close();

    // Back, and Bob edits and writes while Alice is away.
    server = ParleyServer.start(ParleyConfig.defaults().withPort(port).withDataDir(dataDir));
    bob.getByTestId("connection-state").click();
    assertConnected(bob);
    String two = seqOf(bob, "two");
    act(row(bob, two), "edit");
    Locator editor = bob.getByTestId("message-editor");
    editor.fill("two, edited meanwhile");
    editor.press("Enter");
    assertThat(row(bob, two).getByTestId("message-edited")).hasText("(edited)");
    send(bob, "four");

    Page again = aliceDevice.newPage();
    again.navigate(baseUrl);
    assertConnected(again);
    assertThat(again.getByTestId("offline-banner")).isHidden();
    assertThat(confirmedTexts(again))
        .hasText(new String[] {"one", "two, edited meanwhile", "three", "four"});
    assertThat(row(again, two).getByTestId("message-edited")).hasText("(edited)");
    // The device copy caught up too: the edit and the new message are kept.
    waitUntil(
        again, room, kept -> kept.equals(List.of("one", "two, edited meanwhile", "three", "four")));
  }

  @Test
  void theDeviceKeepsAsManyMessagesPerRoomAsTheSettingSaysAtOnceAndAfterAReload() {
    String room = unique("many");
    Page page = login(unique("kim"));
    createRoom(page, room, "");
    page.getByTestId("settings-button").click();
    assertThat(page.getByTestId("keep-per-room")).hasValue("200");
    page.getByTestId("keep-per-room").selectOption("50");
    page.keyboard().press("Escape");
    for (int i = 1; i <= 53; i++) send(page, "m" + i);

    // The newest 50 events of the room (its creation notice and m1..m3 are older).
    waitForKept(page, room, 50);
    waitUntil(page, room, kept -> kept.get(kept.size() - 1).equals("m53"));
    @SuppressWarnings("unchecked")
    List<Object> kept = (List<Object>) page.evaluate(KEPT_TEXTS, room);
    assertThat(kept).hasSize(50).startsWith("m4").endsWith("m53");

    page.reload();
    assertConnected(page);
    page.getByTestId("settings-button").click();
    assertThat(page.getByTestId("keep-per-room")).hasValue("50");
    page.getByTestId("keep-per-room").selectOption("0");
    waitUntil(page, room, List::isEmpty);
    page.getByTestId("keep-per-room").selectOption("1000");
    waitForKept(page, room, 50);
  }

  private static void waitUntil(
      Page page, String room, java.util.function.Predicate<List<?>> done) {
    long until = System.currentTimeMillis() + 10_000;
    while (!done.test((List<?>) page.evaluate(KEPT_TEXTS, room))) {
      if (System.currentTimeMillis() > until)
        throw new AssertionError("the device keeps " + page.evaluate(KEPT_TEXTS, room));
      page.waitForTimeout(100);
    }
  }

  /** The texts of the messages IndexedDB keeps for the logged-in user in `room`. */
  private static final String KEPT_TEXTS =
      """
      async (room) => {
        const user = JSON.parse(localStorage.getItem('parley.user')).id;
        const db = await new Promise((ok, fail) => { const r = indexedDB.open('parley-device'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
        const rec = await new Promise((ok) => { const r = db.transaction('rooms').objectStore('rooms').get([user, room]); r.onsuccess = () => ok(r.result); r.onerror = () => ok(null); });
        db.close();
        return rec ? rec.events.filter((e) => e.type === 'message').map((e) => e.text) : [];
      }""";

  /** Waits until the device keeps at least this many messages of the room. */
  static void waitForKept(Page page, String room, int messages) {
    waitUntil(page, room, kept -> kept.size() >= messages);
  }
}
