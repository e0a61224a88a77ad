package dev.parley.domain;

/**
 * The domain's port to password hashing and strength checks, so that the rules of the contract (who
 * may sign in, what password is weak) stay here while the cryptography and the word lists live in
 * an adapter ({@code dev.parley.auth}). Every method may take tens of milliseconds: callers run
 * them on {@link PasswordWork}'s pool, never on an event loop or the store writer.
 */
public interface Passwords {

  /** A new salted hash of {@code password}, as a PHC string ({@code $argon2id$v=19$...}). */
  String hash(String password);

  /** Whether {@code password} matches {@code phc}, a string {@link #hash} made. */
  boolean verify(String password, String phc);

  /**
   * Whether {@code phc} was made with other parameters than {@link #hash} uses today: after a
   * successful check the password is hashed again, once, so that old accounts cost what new ones
   * do. A string that is not such a hash is not outdated (it never verifies).
   */
  boolean outdated(String phc);

  /**
   * Whether a password of allowed length is still too easy to guess: on the list of common
   * passwords, or scored very low by the strength estimate.
   */
  boolean isWeak(String password);

  /** The strength estimate, 0 (guessed at once) to 4 (very hard to guess). */
  int score(String password);
}
