package dev.parley.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failed sign-in codes per address: a {@link TokenBucket} of {@link #BURST} failures at once and
 * {@link #PER_MINUTE} a minute. An address whose bucket is empty is answered {@code slow_down}
 * before its code is looked at, so guessing an 8-character code is hopeless. A bucket that filled
 * up again is forgotten (swept every {@link AddressRates#SWEEP_EVERY} failures). Per node.
 */
final class CodeGuesses {
  static final int BURST = 5;
  static final int PER_MINUTE = 5;

  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong failures = new AtomicLong();

  /** Seconds the address must wait before its next code is looked at; 0: at once. */
  long wait(String address) {
    TokenBucket bucket = buckets.get(key(address));
    long now = System.nanoTime();
    if (bucket == null || bucket.level(now) >= 1) return 0;
    return Math.max(
        1,
        TimeUnit.NANOSECONDS.toSeconds(
            bucket.nanosUntilToken(now) + TimeUnit.SECONDS.toNanos(1) - 1));
  }

  /** The address gave a code that was unknown, used or expired. */
  void failed(String address) {
    long now = System.nanoTime();
    if (failures.incrementAndGet() % AddressRates.SWEEP_EVERY == 0) {
      buckets.forEach(
          (a, b) -> {
            if (b.full(now)) buckets.remove(a, b);
          });
    }
    buckets
        .computeIfAbsent(key(address), a -> new TokenBucket(PER_MINUTE / 60.0, BURST, now))
        .take(now);
  }

  private static String key(String address) {
    return address == null ? "unknown" : address;
  }
}
