package dev.parley.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The uploads one node receives at once: at most {@code perUser} for each user (the contract's 3)
 * and {@link #MAX_ACTIVE} in all. Without the first, one user trickling 32 uploads a byte at a time
 * held every slot and everyone else got 503; now one user holds at most three. Counted per node:
 * the slots stand for this node's own threads and temp folder, so a user on two nodes of a cluster
 * may have three on each. Used from any event loop and the uploads' threads.
 */
final class UploadSlots {

  /** Uploads received at once by this node; more are answered 503. */
  static final int MAX_ACTIVE = 32;

  /** What an upload asking for a slot gets. */
  enum Admission {
    ADMITTED,
    /** The user has {@code perUser} under way already: 429. */
    USER_FULL,
    /** The node has {@link #MAX_ACTIVE} under way: 503. */
    SERVER_FULL
  }

  private final int perUser;
  private final AtomicInteger all = new AtomicInteger();
  private final ConcurrentHashMap<String, Integer> byUser = new ConcurrentHashMap<>();

  UploadSlots(int perUser) {
    this.perUser = perUser;
  }

  int perUser() {
    return perUser;
  }

  /** Takes a slot for {@code userId}; one {@link #release} must follow an {@code ADMITTED}. */
  Admission admit(String userId) {
    boolean[] taken = {false};
    byUser.compute(
        userId,
        (u, n) -> {
          int held = n == null ? 0 : n;
          if (held >= perUser) return n;
          taken[0] = true;
          return held + 1;
        });
    if (!taken[0]) return Admission.USER_FULL;
    if (all.incrementAndGet() > MAX_ACTIVE) {
      all.decrementAndGet();
      give(userId);
      return Admission.SERVER_FULL;
    }
    return Admission.ADMITTED;
  }

  void release(String userId) {
    all.decrementAndGet();
    give(userId);
  }

  private void give(String userId) {
    byUser.computeIfPresent(userId, (u, n) -> n <= 1 ? null : n - 1);
  }
}
