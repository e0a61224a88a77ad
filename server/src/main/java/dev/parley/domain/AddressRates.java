package dev.parley.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link NewUsers} on one node: a {@link TokenBucket} per address of {@code perMinute} new users a
 * minute and {@code burst} at once. A bucket that has filled up again is forgotten (swept every
 * {@link #SWEEP_EVERY} asks), so the map holds only addresses that made users lately. Any thread
 * may ask; in a cluster it is also the fallback while Redis does not answer.
 */
public final class AddressRates implements NewUsers {

  static final int SWEEP_EVERY = 256;

  private final double perSecond;
  private final int burst;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong asks = new AtomicLong();

  public AddressRates(int perMinute, int burst) {
    this.perSecond = Math.max(1, perMinute) / 60.0;
    this.burst = Math.max(1, burst);
  }

  @Override
  public long take(String address) {
    long now = System.nanoTime();
    if (asks.incrementAndGet() % SWEEP_EVERY == 0) {
      buckets.forEach(
          (a, b) -> {
            if (b.full(now)) buckets.remove(a, b);
          });
    }
    TokenBucket bucket =
        buckets.computeIfAbsent(
            address == null ? "unknown" : address, a -> new TokenBucket(perSecond, burst, now));
    if (bucket.take(now)) return 0;
    return Math.max(
        1,
        TimeUnit.NANOSECONDS.toSeconds(
            bucket.nanosUntilToken(now) + TimeUnit.SECONDS.toNanos(1) - 1));
  }
}
