package dev.parley.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each user's frame budget on a node of its own: one {@link TokenBucket} of {@code rate} and {@code
 * burst} per user, drawn on by every connection of that user after its hello, so a user with 60
 * connections gets one budget, not 60 (each connection keeps its own bucket too, which also counts
 * the frames before hello and closes a connection that keeps pushing).
 *
 * <p>Any event loop may ask at once. A bucket that has filled up again is forgotten (a new one is
 * full too), swept every {@link #SWEEP_EVERY} frames, so memory follows the users who sent
 * something in the last {@code burst / rate} seconds.
 */
public final class UserRates implements SharedRate {

  /** Frames between two sweeps of the buckets that are full again. */
  static final int SWEEP_EVERY = 4096;

  private final int perSecond;
  private final int burst;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong frames = new AtomicLong();

  public UserRates(int perSecond, int burst) {
    this.perSecond = Math.max(1, perSecond);
    this.burst = Math.max(1, burst);
  }

  @Override
  public boolean take(String userId) {
    long now = System.nanoTime();
    if (frames.incrementAndGet() % SWEEP_EVERY == 0) sweep(now);
    return buckets.computeIfAbsent(userId, id -> new TokenBucket(perSecond, burst, now)).take(now);
  }

  private void sweep(long now) {
    buckets.forEach(
        (user, bucket) -> {
          if (bucket.full(now)) buckets.remove(user, bucket);
        });
  }

  /** Users with a bucket held; for tests. */
  int held() {
    return buckets.size();
  }
}
