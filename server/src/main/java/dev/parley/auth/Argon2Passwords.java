package dev.parley.auth;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import com.nulabinc.zxcvbn.matchers.Match;
import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.parley.domain.Passwords;

/**
 * Passwords as OWASP's password storage cheat sheet asks: Argon2id with m = 19 MiB, t = 2, p = 1 (a
 * 16-byte random salt, a 32-byte hash, PHC strings), through password4j. A stored hash is checked
 * with the parameters written in it, so raising them later leaves older hashes working.
 *
 * <p>Weak ({@link #isWeak}): the whole password, ignoring case, is a word of zxcvbn's list of
 * common passwords, or zxcvbn scores it 0 or 1 (fewer than 10^6 guesses estimated). Only the first
 * {@link #MEASURED} characters are measured: zxcvbn's time grows quickly with length, and a longer
 * password is not guessed from its start.
 */
public final class Argon2Passwords implements Passwords {
  static final int MEMORY_KIB = 19 * 1024;
  static final int ITERATIONS = 2;
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
