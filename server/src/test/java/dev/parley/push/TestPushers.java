package dev.parley.push;

import dev.parley.ParleyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;

/**
 * Web Push senders for tests elsewhere: the server's rules, plus an allowance for a push service
 * the test runs itself on loopback (http or https, any port), and a short back-off.
 */
public final class TestPushers {
  private TestPushers() {}

  /** Starts a loopback-allowing sender on {@code server}'s book, replacing its own. */
  public static WebPush loopback(ParleyServer server) {
    return start(
        server,
        new PushEndpoints(
            true, at -> at.getAddress().isLoopbackAddress(), false, InetAddress::getAllByName));
  }

  /** Starts a sender with these endpoint rules on {@code server}'s book, replacing its own. */
  static WebPush start(ParleyServer server, PushEndpoints endpoints) {
    try {
      WebPush push =
          new WebPush(
              server.push().book(),
              "mailto:test@localhost",
              endpoints,
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
