package dev.parley.domain;

import java.security.SecureRandom;

/**
 * One-use sign-in codes ("sign in on another device", and the link an administrator gives someone
 * who lost their password): how one looks and what the store keeps of it (a hash). Public because
 * {@code parley user reset} makes codes straight into the database, which a running node then
 * honours like its own.
 */
public final class SignInCodes {
  /** Letters and digits nobody confuses (no 0/O, 1/I/L): 31^8, about 8.5e11 codes. */
  static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

  static final int LENGTH = 8;

  /**
   * How long a code an administrator made stays valid: a day, since it travels by another channel
   * (mail, a message) to someone who may not read it at once. A user's own code lasts ten minutes.
   */
  public static final long ADMIN_MILLIS = 24L * 60 * 60 * 1000;

  private static final SecureRandom RANDOM = new SecureRandom();

  private SignInCodes() {}

  /** A new random code. */
  public static String newCode() {
    StringBuilder code = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++)
      code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    return code.toString();
  }

  /** What the store keeps of a code (as of a token): its SHA-256 in hex. */
  public static String hash(String code) {
    return Presence.hash(code);
  }
}
