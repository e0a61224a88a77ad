package dev.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A reload shows the last known state while the connection settles (issue 16, item 6): with the
 * socket slow to open, the page never flashes a red "Offline" pill, the offline banner or "Join a
 * room to chat"; the last open room and its kept messages show from the device meanwhile. A
 * MutationObserver installed before the page loads records every state the page went through.
 */
class ReloadWhileConnectingTest extends BrowserTestBase {

  /** How long the socket takes to open after the reload. */
  private static final int SOCKET_DELAY_MS = 2_000;

  /** Records what was shown before the first "connected", from the first parsed element on. */
  private static final String WATCH =
      """
      (() => {
        const wrong = new Set();
        const right = new Set();
        let connected = false;
        const check = () => {
          const app = document.getElementById('app');
          if (!app || app.hidden || connected) return;
          const pill = document.querySelector('[data-testid=connection-state]');
          if (pill?.dataset.state === 'connected') { connected = true; return; }
          if (pill && (pill.dataset.state === 'offline' || pill.dataset.state === 'idle'
              || /offline/i.test(pill.textContent))) wrong.add('offline pill: ' + pill.textContent);
          const banner = document.querySelector('[data-testid=offline-banner]');
          if (banner && !banner.hidden) wrong.add('offline banner');
          const composer = document.querySelector('[data-testid=composer]');
          if (composer && /join a room/i.test(composer.placeholder)) wrong.add('composer: ' + composer.placeholder);
          const empty = document.querySelector('[data-testid=empty-state]');
          if (empty && !empty.hidden) wrong.add('empty state');
          if (document.querySelector('[data-testid=message-list] [data-testid=message-text]')) right.add('kept messages');
        };
        new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        window.parleyWatched = () => ({ wrong: [...wrong], right: [...right] });
      })();
      """;

  @Test
  void aReloadShowsTheLastRoomAndNoOfflineStateWhileTheSocketIsSlow() {
    reloadWithASlowSocket(1280);
  }

  @Test
  void theSameOnASmallScreen() {
    reloadWithASlowSocket(390);
  }

  private void reloadWithASlowSocket(int width) {
    String room = unique("steady");
    Page page = login(unique("ida"));
    createRoom(page, room, "kept while connecting");
    send(page, "still here");
    DeviceHistoryTest.waitForKept(page, room, 1);

    page.setViewportSize(width, 800);
    page.context().addInitScript(WATCH);
    page.routeWebSocket(
        "**/ws",
        ws -> {
          // The page runs on meanwhile: only this test's side of Playwright waits.
          page.waitForTimeout(SOCKET_DELAY_MS);
          Screenshots.save(page, "reload-connecting-" + width);
          ws.connectToServer();
        });
    page.reload();
    assertConnected(page);

    @SuppressWarnings("unchecked")
    java.util.Map<String, List<String>> watched =
        (java.util.Map<String, List<String>>) page.evaluate("() => window.parleyWatched()");
    assertThat(watched.get("wrong")).as("shown before the connection settled").isEmpty();
    assertThat(watched.get("right"))
        .as("shown from the device meanwhile")
        .contains("kept messages");
    assertThat(confirmedTexts(page).last()).hasText("still here");
  }
}
