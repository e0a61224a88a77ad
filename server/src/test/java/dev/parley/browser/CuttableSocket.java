package dev.parley.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A page's WebSocket routed through Playwright so a test can cut the network and keep it down
 * (every reconnect refused) until it says so: an outage the client cannot tell from a real one.
 * Install it before the page loads the app.
 */
final class CuttableSocket {

  /** An explicit code: Playwright's route cannot report a close that carries none. */
  private static final WebSocketRoute.CloseOptions CUT =
      new WebSocketRoute.CloseOptions().setCode(4000).setReason("network cut by the test");

  private final Page page;
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicReference<WebSocketRoute[]> live = new AtomicReference<>();

  private CuttableSocket(Page page) {
    this.page = page;
  }

  static CuttableSocket install(Page page) {
    CuttableSocket socket = new CuttableSocket(page);
    page.routeWebSocket(
        "**/ws",
        ws -> {
          if (socket.down.get()) {
            ws.close(CUT);
            return;
          }
          WebSocketRoute server = ws.connectToServer();
          socket.live.set(new WebSocketRoute[] {ws, server});
        });
    return socket;
  }

  Page page() {
    return page;
  }

  /** Closes the socket at both ends and refuses new ones. */
  void cut() {
    down.set(true);
    WebSocketRoute[] sides = live.get();
    if (sides != null) for (WebSocketRoute side : sides) side.close(CUT);
  }

  /** Lets the next connection through (the client still decides when to try). */
  void restore() {
    down.set(false);
  }
}
