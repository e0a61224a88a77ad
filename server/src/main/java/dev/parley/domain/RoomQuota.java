package dev.parley.domain;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How many public rooms each user created in the last day: the room quota ({@code --room-quota}).
 * Why: rooms cost everyone (each is announced to every connection and listed in the directory), and
 * the per-connection rate times the connections of one user was the only bound (the audit made
 * 20,040 rooms in 20 s).
 *
 * <p>Contract: a user may create at most {@code perDay} public rooms in any {@link #DAY_MILLIS}.
 * The count is of the rooms this node knows, with their creator and creation time: loaded at start
 * (so it survives a restart), created here, or created on another node of a cluster and replicated
 * here ({@link #record}, once per room, when the room enters the {@link Registry}). A create in
 * progress holds a reservation ({@link #reserve}), so two creates of one user on two event loops at
 * once cannot both take the last place; it gives it back ({@link #release}) once the room is
 * recorded or refused. In a cluster two nodes may each reserve the last place at the same instant:
 * the store's claim then decides ({@link Store#claimRoom}), counting what is stored.
 *
 * <p>Thread-safe: each user's times are guarded by their {@link Times} object.
 */
final class RoomQuota {
  static final long DAY_MILLIS = 24L * 60 * 60 * 1000;

  private final int perDay;
  private final LongSupplier clock;
  private final Map<String, Times> byUser = new ConcurrentHashMap<>();

  RoomQuota(int perDay, LongSupplier clock) {
    this.perDay = perDay;
    this.clock = clock;
  }

  int perDay() {
    return perDay;
  }

  /** The start of the window a create now is counted in: rooms created after it count. */
  long windowStart() {
    return clock.getAsLong() - DAY_MILLIS;
  }

  /** A public room created by {@code userId} at {@code ts} is known here now (each room once). */
  void record(String userId, long ts) {
    if (userId == null || ts <= windowStart()) return;
    Times t = byUser.computeIfAbsent(userId, k -> new Times());
    synchronized (t) {
      t.created.add(ts);
    }
  }

  /** Takes one of the user's places for a create under way; false when the day's quota is spent. */
  boolean reserve(String userId) {
    Times t = byUser.computeIfAbsent(userId, k -> new Times());
    synchronized (t) {
      t.forgetBefore(windowStart());
      if (t.created.size() + t.reserved >= perDay) return false;
      t.reserved++;
      return true;
    }
  }

  /** Gives back a place {@link #reserve} took: the room was refused, or is {@link #record}ed. */
  void release(String userId) {
    Times t = byUser.get(userId);
    if (t == null) return;
    synchronized (t) {
      t.reserved--;
    }
  }

  /**
   * One user's creation times in the window, oldest first (roughly: replicated ones may come late).
   */
  private static final class Times {
    final ArrayDeque<Long> created = new ArrayDeque<>();
    int reserved;

    void forgetBefore(long start) {
      created.removeIf(ts -> ts <= start);
    }
  }
}
