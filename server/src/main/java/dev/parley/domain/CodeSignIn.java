package dev.parley.domain;

/**
 * What a sign-in code was worth ({@link Accounts#beforeCode}): the user it signs in as, with the
 * nick claims a cluster made for them, or the refusal to answer the {@code hello} with.
 */
public final class CodeSignIn {
  final UserState user;
  final HelloClaims claims;
  final ChatException refusal;

  CodeSignIn(UserState user, HelloClaims claims) {
    this.user = user;
    this.claims = claims;
    this.refusal = null;
  }

  private CodeSignIn(ChatException refusal) {
    this.user = null;
    this.claims = HelloClaims.NONE;
    this.refusal = refusal;
  }

  /** The nicks claimed for it (in a cluster), to let go if its connection closed meanwhile. */
  public HelloClaims claims() {
    return claims;
  }

  static CodeSignIn refused(ChatException refusal) {
    return new CodeSignIn(refusal);
  }
}
