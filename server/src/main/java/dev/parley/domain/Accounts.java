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
   * PasswordSignIn#before}), waiting its turn in {@code place}; {@code then} runs on any thread,
   * and its answer goes to {@link #hello(Client, String, PasswordHello, String)}.
   */
  public void beforePassword(
      String nick,
      String password,
      String address,
      PlaceInLine place,
      java.util.function.Consumer<PasswordHello> then) {
    try {
      presence.passwords.before(nick, password, address, place, then);
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

  /**
   * Set once, before the first connection, in a cluster: wrong sign-in and invite codes and failed
   * passkey sign-ins counted cluster-wide.
   */
  public void addressGuesses(AddressGuesses guesses) {
    presence.logins.addressGuesses(guesses);
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

  /**
   * A ticket to link the single sign-on provider's person to the user of {@code token} ({@link
   * SingleSignOn#ticket}); {@code then} gets null for a token that signs nobody in. On any thread.
   */
  public void singleSignOnTicket(String token, Consumer<String> then) {
    presence.sso.ticket(token == null ? null : presence.userIdForToken(token), then);
  }

  /** Spends a {@link #singleSignOnTicket}: the provider's person is that user from now on. */
  public void linkSingleSignOn(
      String ticket, String issuer, String subject, Consumer<SsoOutcome> then) {
    presence.sso.link(ticket, issuer, subject, then);
  }

  /** Set once, before the first connection: {@code --session-idle}. */
  public void sessionIdle(long millis) {
    presence.logins.idleMillis = millis;
  }

  /** The user's passkeys, oldest first. */
  public java.util.List<Passkey> passkeys(String userId) {
    return presence.logins.passkeys.of(userId);
  }

  /** The passkey with this id (base64url), or null. */
  public Passkey passkey(String id) {
    return presence.logins.passkeys.find(id);
  }

  /** The nick of the user, or null when there is no such user: what a passkey is made for. */
  public String nick(String userId) {
    return userId == null ? null : presence.logins.passkeys.nickOf(userId);
  }

  /** The id of the user called {@code nick} who has passkeys, or null: a sign-in by nick. */
  public String userWithPasskeys(String nick) {
    return nick == null ? null : presence.logins.passkeys.userWithPasskeys(nick);
  }

  /**
   * Registers a credential the adapter verified: {@code key} is its COSE public key, {@code count}
   * its signature counter. Refused past the per-user limit or for a credential known already.
   */
  public Passkey addPasskey(
      String userId,
      String id,
      byte[] key,
      long count,
      String name,
      String transports,
      String aaguid) {
    return presence.logins.passkeys.add(userId, id, key, count, name, transports, aaguid);
  }

  /** Removes one of the user's own passkeys; false when they have none with that id. */
  public boolean removePasskey(String userId, String id) {
    return presence.logins.passkeys.remove(userId, id);
  }

  /**
   * A passkey sign-in the adapter verified against {@code verified}, whose authenticator showed
   * {@code count}: the token of a new session of its user, for a {@code hello}.
   */
  public String passkeySignIn(Passkey verified, long count, String agent) {
    return presence.logins.passkeys.signIn(verified, count, agent);
  }

  /**
   * {@code then} gets the seconds the address must wait before its next passkey sign-in; 0: at
   * once. In a cluster it runs once Redis answers (at most half a second), on any thread.
   */
  public void passkeyWait(String address, java.util.function.LongConsumer then) {
    presence.logins.passkeys.wait(address, then);
  }

  /** A passkey sign-in from the address failed. */
  public void passkeyFailed(String address) {
    presence.logins.passkeys.failed(address);
  }
}
