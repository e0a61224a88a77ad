package dev.parley.push;

import dev.parley.ParleyServer;
import dev.parley.domain.PushDevice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Web Push senders for tests elsewhere: the server's rules, plus an allowance for a push service
 * the test runs itself on loopback (http://127.0.0.1 or [::1], any port), and a short back-off.
 */
public final class TestPushers {
  private TestPushers() {}

  /** Starts a loopback-allowing sender on {@code server}'s book, replacing its own. */
  public static WebPush loopback(ParleyServer server) {
    try {
      WebPush push =
          new WebPush(
              server.push().book(),
              "mailto:test@localhost",
              uri ->
                  PushDevice.https(uri)
                      || ("http".equals(uri.getScheme())
                          && ("127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost()))),
              server.push().visibleElsewhere(),
              dev.parley.json.PushJson::payload,
              Duration.ofMillis(50));
      server.push().sender(push);
      server.chat().push().start(push);
      return push;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
