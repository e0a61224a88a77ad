package dev.parley.domain;

import java.util.function.Consumer;

/**
 * The door to sessions and sign-in codes ({@link Logins}): what a connection asks about the devices
 * its user is signed in on. Reached through {@link Chat#accounts}.
 */
public final class Accounts {
  private final Presence presence;

  Accounts(Presence presence) {
    this.presence = presence;
  }

  /**
   * In a cluster or not, what a {@code hello} with a sign-in {@code code} (and no token) signs in
   * as ({@link Logins#redeem}); {@code then} runs on any thread, and its answer goes to {@link
   * #hello}.
   */
  public void beforeCode(
      String code, String address, java.util.function.Consumer<CodeSignIn> then) {
    presence.logins.redeem(code, address, then);
  }

  /** {@code hello} with a sign-in code: a new session of the code's user, or the refusal. */
  public Session hello(Client client, String avatar, CodeSignIn signIn, String ref) {
    if (signIn.refusal != null) throw signIn.refusal;
    return presence.hello(client, null, avatar, null, ref, signIn.claims, signIn.user, null);
  }

  /**
   * What a {@code hello} with {@code nick} and {@code password} (and no token) signs in as ({@link
   * PasswordSignIn#before}); {@code then} runs on any thread, and its answer goes to {@link
   * #hello(Client, String, PasswordHello, String)}.
   */
  public void beforePassword(
      String nick,
      String password,
      String address,
      java.util.function.Consumer<PasswordHello> then) {
    try {
      presence.passwords.before(nick, password, address, then);
    } catch (ChatException e) {
      then.accept(PasswordHello.refused(e));
    }
  }

  /** {@code hello} with a password: the protected user, a new protected one, or the refusal. */
  public Session hello(Client client, String avatar, PasswordHello signIn, String ref) {
    if (signIn.refusal != null) throw signIn.refusal;
    if (signIn.user != null)
      return presence.hello(client, null, avatar, null, ref, signIn.claims, signIn.user, null);
    return presence.hello(
        client, signIn.nick, avatar, null, ref, signIn.claims, null, signIn.passwordHash);
  }

  /** {@code protect}: sets or changes the user's password ({@code current}: the one set). */
  public void protect(Session session, String password, String current, String ref) {
    presence.passwords.protect(session, password, current, session.client.address(), ref);
  }

  /** {@code strength}: how hard {@code password} is to guess, for the meter while typing. */
  public void strength(Session session, String password, String ref) {
    presence.passwords.strength(session, password, ref);
  }

  /** Set once, before the first connection, in a cluster: wrong passwords counted cluster-wide. */
  public void guessCounts(GuessCounts counts) {
    presence.passwords.guesses(counts);
  }

  /** Set once, before the first connection: how passwords are hashed and judged. */
  public void passwords(Passwords passwords) {
    presence.passwords.passwords(passwords);
  }

  /** {@code sessions}: the user's signed-in devices. */
  public void sessions(Session session, String ref) {
    presence.logins.list(session, ref);
  }

  /** {@code revoke}: ends one of the user's sessions, or (with {@code others}) all but this one. */
  public void revoke(Session session, String id, boolean others, String ref) {
    presence.logins.revoke(session, id, others, ref);
  }

  /** {@code link}: a one-use code that signs another device in as this user. */
  public void link(Session session, String ref) {
    presence.logins.link(session, ref);
  }

  /**
   * A person the server's OpenID provider vouched for signs in ({@link SingleSignOn}): {@code then}
   * gets a one-use sign-in code for their user (made at their first sign-in), or the refusal; on
   * any thread.
   */
  public void singleSignOn(
      String issuer, String subject, String offeredName, Consumer<SsoOutcome> then) {
    presence.sso.signIn(issuer, subject, offeredName, then);
  }

  /** Set once, before the first connection: {@code --session-idle}. */
  public void sessionIdle(long millis) {
    presence.logins.idleMillis = millis;
  }
}
