package dev.parley.domain;

import java.util.function.LongConsumer;

/**
 * Failed tries of a secret per address, one count per {@link Kind}: wrong sign-in codes, wrong
 * invite codes, failed passkey sign-ins. Each kind is a bucket of {@link #BURST} failures at once
 * and {@link #PER_MINUTE} a minute; an address whose bucket is empty waits before its next try of
 * that kind is looked at. A port, like {@link GuessCounts} for passwords: a node alone counts in
 * memory ({@link CodeGuesses}), a cluster in Redis, so a guesser who spreads tries over the nodes
 * behind a balancer is counted once.
 */
public interface AddressGuesses {
  /** Failures at once before an address waits. */
  int BURST = 5;

  /** Failures an address earns back a minute (one every 12 s). */
  int PER_MINUTE = 5;

  /** What was guessed; each kind counts apart from the others. */
  enum Kind {
    SIGN_IN_CODE("code"),
    INVITE_CODE("invite"),
    PASSKEY("passkey");

    /** Names the kind's tallies (a Redis key prefix), stable across versions. */
    public final String key;

    Kind(String key) {
      this.key = key;
    }
  }

  /**
   * {@code then} (any thread) gets the seconds the address must wait before its next try; 0: now.
   */
  void wait(Kind kind, String address, LongConsumer then);

  /** A try of {@code kind} from {@code address} failed. */
  void failed(Kind kind, String address);
}
