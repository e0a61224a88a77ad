package dev.parley.links;

import dev.parley.domain.LinkPages;
import java.net.InetAddress;

/**
 * Link fetchers for tests elsewhere: the server's rules, plus an allowance for a site the test
 * serves itself on loopback (127.0.0.0/8 or ::1), on any port. Nothing else is allowed.
 */
public final class TestFetchers {
  private TestFetchers() {}

  /** The server's fetcher that may also reach loopback sites on any port. */
  public static PageFetcher loopback() {
    return new PageFetcher(a -> a.getAddress().isLoopbackAddress(), InetAddress::getAllByName);
  }

  /** {@link #loopback} counting every page fetched (not images) in {@code count}. */
  public static LinkPages counting(java.util.concurrent.atomic.AtomicInteger count) {
    PageFetcher f = loopback();
    return url -> {
      count.incrementAndGet();
      return f.fetch(url);
    };
  }
}
