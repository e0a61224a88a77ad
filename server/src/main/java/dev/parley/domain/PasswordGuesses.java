package dev.parley.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Failed password sign-ins, counted per nick key ({@link #PER_NICK} in {@link #WINDOW_MILLIS}) and
 * per address ({@link #PER_ADDRESS}): past either, the next try waits, {@link #FIRST_WAIT_MILLIS}
 * at first and twice as long after each further failure (at most the window), and is answered
 * {@code slow_down} before its password is hashed, so guessing costs the guesser time and the
 * server nothing. A tally forgets itself a window after its last failure. The owner is never locked
 * out: a token, a session or a sign-in code does not pass here. This is the count of a node alone
 * (and of a cluster node while Redis does not answer); a cluster shares its count through Redis.
 */
public final class PasswordGuesses implements GuessCounts {
  private final LongSupplier clock;

  public PasswordGuesses(LongSupplier clock) {
    this.clock = clock;
  }

  @Override
  public void wait(String nickKey, String address, LongConsumer then) {
    then.accept(wait(nickKey, address, clock.getAsLong()));
  }

  @Override
  public void failed(String nickKey, String address) {
    failed(nickKey, address, clock.getAsLong());
  }

  /** Tallies kept before the stale ones are swept. */
  private static final int SWEEP_AT = 10_000;

  private final Map<String, Tally> nicks = new ConcurrentHashMap<>();
  private final Map<String, Tally> addresses = new ConcurrentHashMap<>();

  /** Failures of one nick or address; guarded by its own monitor. */
  private static final class Tally {
    int count;
    long last;

    synchronized long waitMillis(int limit, long now) {
      if (now - last >= WINDOW_MILLIS || count < limit) return 0;
      long wait = Math.min(WINDOW_MILLIS, FIRST_WAIT_MILLIS << Math.min(count - limit, 10));
      return Math.max(0, last + wait - now);
    }

    synchronized void failed(long now) {
      if (now - last >= WINDOW_MILLIS) count = 0;
      count++;
      last = now;
    }

    synchronized boolean stale(long now) {
      return now - last >= WINDOW_MILLIS;
    }
  }

  /** Seconds to wait before a password for {@code nickKey} from {@code address} is looked at. */
  public long wait(String nickKey, String address, long now) {
    long millis = 0;
    Tally n = nicks.get(nickKey);
    if (n != null) millis = n.waitMillis(PER_NICK, now);
    Tally a = addresses.get(key(address));
    if (a != null) millis = Math.max(millis, a.waitMillis(PER_ADDRESS, now));
    return millis == 0 ? 0 : Math.max(1, (millis + 999) / 1000);
  }

  /** A wrong password for {@code nickKey} from {@code address}. */
  public void failed(String nickKey, String address, long now) {
    sweep(nicks, now);
    sweep(addresses, now);
    nicks.computeIfAbsent(nickKey, k -> new Tally()).failed(now);
    addresses.computeIfAbsent(key(address), k -> new Tally()).failed(now);
  }

  /** The owner signed in: the nick's tally starts again (the address's stays). */
  @Override
  public void succeeded(String nickKey) {
    nicks.remove(nickKey);
  }

  private static void sweep(Map<String, Tally> tallies, long now) {
    if (tallies.size() >= SWEEP_AT) tallies.values().removeIf(t -> t.stale(now));
  }

  private static String key(String address) {
    return address == null ? "unknown" : address;
  }
}
