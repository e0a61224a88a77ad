package dev.parley.testing;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Password hashes as an older Parley made them, for the tests of what a server does with a stored
 * hash whose parameters are not today's.
 */
public final class OlderHashes {
  private OlderHashes() {}

  /** Argon2id with m = 19 MiB, t = 2, p = 1, as Parley hashed passwords until run 24. */
  public static String nineteenMebibytes(String password) {
    return Password.hash(password)
        .addRandomSalt(16)
        .with(
            Argon2Function.getInstance(
                19456, 2, 1, 32, Argon2.ID, Argon2Function.ARGON2_VERSION_13))
        .getResult();
  }
}
