package dev.parley.domain;

/**
 * A token bucket per connection: {@code perSecond} frames on average, {@code burst} at once. A
 * connection that keeps going after being refused (more than {@code burst} refusals within {@link
 * #ABUSE_WINDOW_NANOS}) is abusive and gets closed. Touched by one thread only (the connection's
 * event loop), so it needs no synchronisation.
 */
public final class RateLimit {

  static final long ABUSE_WINDOW_NANOS = 10_000_000_000L;

  /** What to do with a frame. */
  public enum Verdict {
    ACCEPT,
    REFUSE,
    CLOSE
  }

  private final double perNano;
  private final double burst;
  private double tokens;
  private long last;
  private int refused;
  private long refusedSince;

  public RateLimit(int perSecond, int burst, long nowNanos) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = nowNanos;
  }

  public Verdict take(long nowNanos) {
    tokens = Math.min(burst, tokens + (nowNanos - last) * perNano);
    last = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return Verdict.ACCEPT;
    }
    if (refused == 0 || nowNanos - refusedSince > ABUSE_WINDOW_NANOS) {
      refused = 0;
      refusedSince = nowNanos;
    }
    refused++;
    return refused > burst ? Verdict.CLOSE : Verdict.REFUSE;
  }
}
