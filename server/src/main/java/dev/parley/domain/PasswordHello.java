package dev.parley.domain;

/**
 * What a {@code hello} with a password was worth ({@link Accounts#beforePassword}): the protected
 * user it signs in as, or a new user to make with this nick and password hash, each with the nick
 * claims a cluster made; or the refusal to answer the {@code hello} with.
 */
public final class PasswordHello {
  final UserState user;
  final String nick;
  final String passwordHash;
  final HelloClaims claims;
  final ChatException refusal;

  private PasswordHello(
      UserState user, String nick, String passwordHash, HelloClaims claims, ChatException refusal) {
    this.user = user;
    this.nick = nick;
    this.passwordHash = passwordHash;
    this.claims = claims;
    this.refusal = refusal;
  }

  /** The nicks claimed for it (in a cluster), to let go if its connection closed meanwhile. */
  public HelloClaims claims() {
    return claims;
  }

  static PasswordHello signIn(UserState user, HelloClaims claims) {
    return new PasswordHello(user, null, null, claims, null);
  }

  static PasswordHello create(String nick, String passwordHash, HelloClaims claims) {
    return new PasswordHello(null, nick, passwordHash, claims, null);
  }

  static PasswordHello refused(ChatException refusal) {
    return new PasswordHello(null, null, null, HelloClaims.NONE, refusal);
  }
}
