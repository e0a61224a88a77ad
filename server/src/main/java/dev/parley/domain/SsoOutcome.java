package dev.parley.domain;

/**
 * How a single sign-on ended ({@link Accounts#singleSignOn}, {@link Accounts#linkSingleSignOn}): a
 * one-use sign-in {@code code} that a {@code hello} trades for a session, or {@code linked} (the
 * provider's person was added to an existing account, which stays signed in where it was), or the
 * {@code refusal}.
 */
public record SsoOutcome(String code, boolean linked, ChatException refusal) {
  static SsoOutcome signedIn(String code) {
    return new SsoOutcome(code, false, null);
  }

  static SsoOutcome linkedNow() {
    return new SsoOutcome(null, true, null);
  }

  static SsoOutcome refused(ChatException refusal) {
    return new SsoOutcome(null, false, refusal);
  }
}
