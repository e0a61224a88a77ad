package dev.parley.bench;

import io.netty.channel.EventLoop;
import org.HdrHistogram.Histogram;

/**
 * Per-event-loop scenario state: written only on its loop, read by the driver via {@link #call}.
 */
final class Loop {
  final EventLoop loop;
  final int id;
  final Scan.Result scan = new Scan.Result();

  /** Latency in microseconds from the intended send time to receipt. */
  final Histogram hist = new Histogram(60_000_000L, 3);

  /** The same, for messages meant to be sent inside the marked span ({@link FanOut#mark}). */
  final Histogram marked = new Histogram(60_000_000L, 3);

  long sent; // sends in the current step
  long expected; // deliveries expected for the sends in the current step
  long received; // deliveries received for the current step
  long receivedInWindow; // deliveries received (any step) while the measurement window was open
  long stale; // deliveries of messages of an earlier step
  long errors;
  long rateLimited;
  String lastError;

  Loop(EventLoop loop, int id) {
    this.loop = loop;
    this.id = id;
  }

  void resetStep() {
    hist.reset();
    marked.reset();
    sent = 0;
    expected = 0;
    received = 0;
    receivedInWindow = 0;
    stale = 0;
    errors = 0;
    rateLimited = 0;
    lastError = null;
  }

  <T> T call(java.util.concurrent.Callable<T> c) {
    try {
      return loop.submit(c).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
