package dev.parley.domain;

import java.util.function.LongConsumer;

/**
 * Failed password sign-ins, per nick key and per address, and the wait they impose (see {@link
 * PasswordGuesses} for the rule). A port: a node alone counts in memory ({@link PasswordGuesses}),
 * a cluster in Redis, so a guesser who spreads tries over the nodes is counted once.
 */
public interface GuessCounts {
  /** Wrong passwords for one nick, in {@link #WINDOW_MILLIS}, before the next one waits. */
  int PER_NICK = 5;

  /** Wrong passwords from one address, for any nicks, before the next one waits. */
  int PER_ADDRESS = 20;

  /** A tally is forgotten this long after its last failure; the longest wait. */
  long WINDOW_MILLIS = 15L * 60 * 1000;

  /** The first wait past a limit; each further failure doubles it. */
  long FIRST_WAIT_MILLIS = 30_000;

  /** {@code then} gets the seconds to wait before a password for this nick is looked at; 0: now. */
  void wait(String nickKey, String address, LongConsumer then);

  /** A wrong password for {@code nickKey} from {@code address}. */
  void failed(String nickKey, String address);

  /** The owner signed in with their password: the nick's tally starts again. */
  void succeeded(String nickKey);
}
