package dev.parley.domain;

/**
 * A token bucket that any thread may use: {@code perSecond} tokens a second, at most {@code burst}
 * held, full when made. The shared budgets (a user's frames over all their connections, new users
 * per address) are each one of these; a connection's own limit, used by one event loop only, is
 * {@link RateLimit}. Times are {@link System#nanoTime} values.
 */
public final class TokenBucket {

  private final double perNano;
  private final double burst;
  private double tokens;
  private long last;

  public TokenBucket(double perSecond, double burst, long nowNanos) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = nowNanos;
  }

  private void refill(long nowNanos) {
    if (nowNanos - last > 0) {
      tokens = Math.min(burst, tokens + (nowNanos - last) * perNano);
      last = nowNanos;
    }
  }

  /** Takes a token if one is there. */
  public synchronized boolean take(long nowNanos) {
    refill(nowNanos);
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }

  /** Tokens held now (below zero: owed). */
  public synchronized double level(long nowNanos) {
    refill(nowNanos);
    return tokens;
  }

  /** Sets what the bucket holds, at most a burst (below zero: a debt the refill repays first). */
  public synchronized void set(double level, long nowNanos) {
    refill(nowNanos);
    tokens = Math.min(burst, level);
  }

  /** Whether it holds a whole burst again: forgetting it now loses nothing. */
  public synchronized boolean full(long nowNanos) {
    refill(nowNanos);
    return tokens >= burst;
  }

  /** Nanoseconds until a token is there (0 when one is). */
  public synchronized long nanosUntilToken(long nowNanos) {
    refill(nowNanos);
    return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
  }
}
