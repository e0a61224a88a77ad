package dev.parley.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * {@link AddressGuesses} on one node: a {@link TokenBucket} per kind and address of {@link #BURST}
 * failures at once and {@link #PER_MINUTE} a minute. An address whose bucket is empty is answered
 * {@code slow_down} before its code is looked at, so guessing an 8-character code is hopeless. A
 * bucket that filled up again is forgotten (swept every {@link AddressRates#SWEEP_EVERY} failures).
 * The count of a node alone, and of a cluster node while Redis does not answer.
 */
public final class CodeGuesses implements AddressGuesses {

  /** Kind and address to its bucket; any thread. */
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  private final AtomicLong failures = new AtomicLong();

  @Override
  public void wait(Kind kind, String address, LongConsumer then) {
    then.accept(wait(kind, address));
  }

  /** Seconds the address must wait before its next try of {@code kind}; 0: at once. */
  public long wait(Kind kind, String address) {
    TokenBucket bucket = buckets.get(key(kind, address));
    long now = System.nanoTime();
    if (bucket == null || bucket.level(now) >= 1) return 0;
    return Math.max(
        1,
        TimeUnit.NANOSECONDS.toSeconds(
            bucket.nanosUntilToken(now) + TimeUnit.SECONDS.toNanos(1) - 1));
  }

  @Override
  public void failed(Kind kind, String address) {
    long now = System.nanoTime();
    if (failures.incrementAndGet() % AddressRates.SWEEP_EVERY == 0) {
      buckets.forEach(
          (a, b) -> {
            if (b.full(now)) buckets.remove(a, b);
          });
    }
    buckets
        .computeIfAbsent(key(kind, address), a -> new TokenBucket(PER_MINUTE / 60.0, BURST, now))
        .take(now);
  }

  private static String key(Kind kind, String address) {
    return kind.key + ":" + (address == null ? "unknown" : address);
  }
}
