package dev.parley.auth;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import com.nulabinc.zxcvbn.matchers.Match;
import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.parley.domain.Passwords;

/**
 * Passwords as OWASP's password storage cheat sheet asks: Argon2id with m = 7 MiB, t = 5, p = 1 (a
 * 16-byte random salt, a 32-byte hash, PHC strings), through password4j. The sheet gives five
 * settings of equal defence, from 46 MiB with one pass to 7 MiB with five; we take the smallest
 * memory because on a shared core a hash's memory is swept through the caches the event loops use:
 * at 10,500 people on one core a 19 MiB hash (until run 24) took 49 to 84 ms of CPU against 29 ms
 * alone, and 7 MiB 28 to 45 ms (docs/performance.md, run 24). A stored hash is checked with the
 * parameters written in it, so changing them leaves older hashes working, and {@link #outdated}
 * tells which to hash again at the next sign-in.
 *
 * <p>Weak ({@link #isWeak}): the whole password, ignoring case, is a word of zxcvbn's list of
 * common passwords, or zxcvbn scores it 0 or 1 (fewer than 10^6 guesses estimated). Only the first
 * {@link #MEASURED} characters are measured: zxcvbn's time grows quickly with length, and a longer
 * password is not guessed from its start.
 */
public final class Argon2Passwords implements Passwords {
  static final int MEMORY_KIB = 7 * 1024;
  static final int ITERATIONS = 5;
  static final int PARALLELISM = 1;
  static final int HASH_BYTES = 32;
  static final int SALT_BYTES = 16;
  static final int MEASURED = 64;

  private static final Argon2Function ARGON2 =
      Argon2Function.getInstance(
          MEMORY_KIB,
          ITERATIONS,
          PARALLELISM,
          HASH_BYTES,
          Argon2.ID,
          Argon2Function.ARGON2_VERSION_13);

  /** Built once: its dictionaries are read then, and a measure only reads them. */
  private static final Zxcvbn ZXCVBN = new Zxcvbn();

  @Override
  public String hash(String password) {
    return Password.hash(password).addRandomSalt(SALT_BYTES).with(ARGON2).getResult();
  }

  @Override
  public boolean verify(String password, String phc) {
    if (phc == null || !phc.startsWith("$argon2")) return false;
    try {
      return Password.check(password, phc).with(Argon2Function.getInstanceFromHash(phc));
    } catch (RuntimeException e) {
      return false; // a damaged hash matches nothing
    }
  }

  @Override
  public boolean outdated(String phc) {
    if (phc == null || !phc.startsWith("$argon2")) return false;
    try {
      return !ARGON2.equals(Argon2Function.getInstanceFromHash(phc));
    } catch (RuntimeException e) {
      return false; // a damaged hash matches nothing, so it is never hashed again
    }
  }

  @Override
  public boolean isWeak(String password) {
    Strength s = measure(password);
    if (s.getScore() <= 1) return true;
    int end = s.getPassword().length() - 1;
    for (Match m : s.getSequence()) {
      if ("passwords".equals(m.dictionaryName) && m.i == 0 && m.j == end && !m.reversed)
        return true;
    }
    return false;
  }

  @Override
  public int score(String password) {
    return measure(password).getScore();
  }

  private static Strength measure(String password) {
    String measured = password.length() > MEASURED ? password.substring(0, MEASURED) : password;
    return ZXCVBN.measure(measured);
  }
}
