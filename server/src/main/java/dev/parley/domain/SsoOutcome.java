package dev.parley.domain;

/**
 * How a single sign-on ended ({@link Accounts#singleSignOn}): a one-use sign-in {@code code} that a
 * {@code hello} trades for a session, or the {@code refusal}.
 */
public record SsoOutcome(String code, ChatException refusal) {
  static SsoOutcome signedIn(String code) {
    return new SsoOutcome(code, null);
  }

  static SsoOutcome refused(ChatException refusal) {
    return new SsoOutcome(null, refusal);
  }
}
