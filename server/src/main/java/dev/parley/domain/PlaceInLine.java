package dev.parley.domain;

/**
 * One connection's place in the line for password work, kept while it waits as told. A sign-in
 * refused {@code slow_down} because the line was full asks again after {@code retryAfter}; without
 * a place it would race every newcomer for the one slot freed meanwhile and could lose every time
 * (run 25 of docs/performance.md: one person refused 23 times in a row while hundreds arrived).
 * With one, its second try counts from its first: it goes ahead of anyone who asked later.
 *
 * <p>Only a refusal for a full line sets the place, and the work starting clears it, so a guesser
 * whose password was checked and found wrong starts at the back again. Owned by one connection,
 * which has one sign-in waiting at a time; written by its event loop and the pool.
 */
public final class PlaceInLine {
  /** When the waiting request was first asked (the pool's clock); 0 when none waits. */
  volatile long since;

  /** The time a request asked {@code now} counts from: its first try's while it waits. */
  long since(long now) {
    long s = since;
    return s != 0 ? s : now;
  }
}
