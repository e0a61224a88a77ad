package dev.parley.domain;

/**
 * How long a room's log is kept: by age ({@code days}), by size ({@code count}, the newest events
 * of the log), or both (an event goes when either says so). A null field sets no limit of that
 * kind; {@link #KEEP_ALL} sets none at all. Why a value of its own: the server's policy and a
 * room's override are the same thing, and the one that applies is decided in one place ({@link
 * #applying}).
 */
public record Retention(Integer days, Integer count) {

  public static final Retention KEEP_ALL = new Retention(null, null);

  /** The largest number of days or events a policy may name. */
  public static final int MAX = 1_000_000_000;

  private static final long DAY_MILLIS = 86_400_000L;

  public Retention {
    if (days != null && (days < 1 || days > MAX))
      throw new IllegalArgumentException("days must be 1.." + MAX + ": " + days);
    if (count != null && (count < 1 || count > MAX))
      throw new IllegalArgumentException("count must be 1.." + MAX + ": " + count);
  }

  public boolean keepsAll() {
    return days == null && count == null;
  }

  /** The room's own policy when it has one (null: none), otherwise the server's. */
  static Retention applying(Retention own, Retention server) {
    return own != null ? own : server;
  }

  /**
   * The purge this policy asks of a room whose log holds {@code firstSeq .. lastSeq} at {@code
   * now}, in steps of at most {@code max} events; null when it certainly asks nothing. {@code
   * oldestTs} is the ts of the oldest event held when known ({@link Long#MIN_VALUE} when not): a
   * room whose oldest event is young enough needs no look at all, so an idle room under an age
   * policy costs nothing between the sweeps that actually remove something from it.
   */
  Store.Purge purge(String room, long firstSeq, long lastSeq, long oldestTs, long now, int max) {
    if (keepsAll() || firstSeq > lastSeq) return null;
    long through = count == null ? 0 : lastSeq - count;
    long before = days == null ? Long.MIN_VALUE : now - days * DAY_MILLIS;
    boolean byCount = through >= firstSeq;
    boolean byAge = days != null && oldestTs < before;
    if (!byCount && !byAge) return null;
    return new Store.Purge(room, through, before, max);
  }
}
