package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_CODE;
import static dev.parley.domain.ChatException.Code.FORBIDDEN;
import static dev.parley.domain.ChatException.Code.INTERNAL;
import static dev.parley.domain.ChatException.Code.NICK_TAKEN;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Single sign-on: a person the server's OpenID provider vouched for ({@code issuer}, {@code
 * subject}) is one Parley user, made at their first sign-in with the name the provider offers (or
 * the first free variant of it), and protected from then on ({@link UserState#sso}: the name is
 * theirs for good). The sign-in ends in a one-use sign-in code ({@link Logins#codeFor}) that the
 * browser trades for a session with {@code hello}, exactly as "sign in on another device" does, so
 * the socket path has nothing new to trust.
 *
 * <p>An existing account adds the provider's person to itself ({@link #link}): a signed-in user
 * asks for a link ticket ({@link #ticket}, a one-use sign-in code of their own, which the HTTP side
 * keeps in an HttpOnly cookie while the browser is at the provider), and the callback spends it.
 * Without this, a team that turns single sign-on on later finds every existing name taken: the
 * provider's "ann" would be told her own name is someone else's.
 *
 * <p>Which user an identity is, the store decides ({@link Store#claimIdentity}): two first sign-ins
 * of one person at once, on one node or two, end as the same user.
 */
final class SingleSignOn {
  /** Variants of an offered name tried before giving up: "ann", "ann-2" ... "ann-20". */
  static final int VARIANTS = 20;

  /** Proposed instead of a new id when new accounts are closed: never linked. */
  private static final String NOBODY = "";

  private final Registry registry;
  private final NickClaims nicks;
  private final Logins logins;
  private final Supplier<String> newUserId;

  /**
   * {@code --registration closed}: nobody new, the provider's people included. (Under {@code
   * invite} the provider is the invitation: whoever it vouches for may join.)
   */
  private final BooleanSupplier closed;

  SingleSignOn(
      Registry registry,
      NickClaims nicks,
      Logins logins,
      Supplier<String> newUserId,
      BooleanSupplier closed) {
    this.registry = registry;
    this.nicks = nicks;
    this.logins = logins;
    this.newUserId = newUserId;
    this.closed = closed;
  }

  /**
   * Signs the provider's person in: {@code then} gets a sign-in code for their user, or the
   * refusal; on any thread.
   */
  void signIn(String issuer, String subject, String offered, Consumer<SsoOutcome> then) {
    // closed: claim nobody (a stand-in id the store never links), so only a known person signs in
    String proposed = closed.getAsBoolean() ? NOBODY : newUserId.get();
    registry
        .store
        .claimIdentity(issuer, subject, proposed, registry.clock.getAsLong())
        .whenComplete(
            (userId, failure) -> {
              if (failure != null) {
                then.accept(SsoOutcome.refused(new ChatException(INTERNAL, "Could not sign in.")));
              } else if (userId.equals(NOBODY)) {
                then.accept(
                    SsoOutcome.refused(
                        new ChatException(FORBIDDEN, "This server takes no new accounts.")));
              } else if (userId.equals(proposed)) {
                create(issuer, subject, proposed, offered, then);
              } else {
                existing(userId, then);
              }
            });
  }

  /**
   * A link ticket for the user of {@code token} ({@code then} gets null when the token is unknown,
   * revoked or banned): a one-use sign-in code, valid as long as a sign-in at the provider may
   * take.
   */
  void ticket(String userId, Consumer<String> then) {
    if (userId == null) then.accept(null);
    else logins.codeFor(userId, Logins.CODE_MILLIS, then);
  }

  /**
   * Links the provider's person to the user whose {@code ticket} this is: {@code linked}, also when
   * they were linked before; refused with {@code bad_code} for a used or expired ticket and {@code
   * nick_taken} when the person is already another user (one person, one account).
   */
  void link(String ticket, String issuer, String subject, Consumer<SsoOutcome> then) {
    registry
        .store
        .useLink(Presence.hash(ticket), registry.clock.getAsLong())
        .thenCompose(
            userId ->
                userId == null
                    ? java.util.concurrent.CompletableFuture.completedFuture((String[]) null)
                    : registry
                        .store
                        .claimIdentity(issuer, subject, userId, registry.clock.getAsLong())
                        .thenApply(owner -> new String[] {userId, owner}))
        .whenComplete(
            (pair, failure) -> {
              if (failure != null) {
                then.accept(SsoOutcome.refused(new ChatException(INTERNAL, "Could not link.")));
              } else if (pair == null) {
                then.accept(
                    SsoOutcome.refused(
                        new ChatException(BAD_CODE, "The link request expired; start again.")));
              } else if (!pair[0].equals(pair[1])) {
                then.accept(
                    SsoOutcome.refused(
                        new ChatException(
                            NICK_TAKEN, "That sign-in already belongs to another account here.")));
              } else {
                UserState user = registry.users.get(pair[0]);
                if (user != null) user.sso = true;
                registry.write(
                    new Change.IdentityLinked(
                        issuer, subject, pair[0], registry.clock.getAsLong()));
                then.accept(SsoOutcome.linkedNow());
              }
            });
  }

  /**
   * A person who has a user: a code for it. In a cluster the user may have been made on another
   * node a moment ago and not be known here yet (two first sign-ins at once): the code needs only
   * the id, and the node that takes it catches up first.
   */
  private void existing(String userId, Consumer<SsoOutcome> then) {
    UserState user = registry.users.get(userId);
    if (user != null) user.sso = true; // linked even if this node has not heard of it yet
    logins.codeFor(userId, Logins.CODE_MILLIS, code -> then.accept(SsoOutcome.signedIn(code)));
  }

  /** The first sign-in: the user is made with the first free variant of the offered name. */
  private void create(
      String issuer, String subject, String id, String offered, Consumer<SsoOutcome> then) {
    long now = registry.clock.getAsLong();
    for (String nick : candidates(offered)) {
      if (nicks.refusal(nick, id, HelloClaims.NONE) != null) continue;
      UserState user = new UserState(id, nick, null, Presence.hash(newUserId.get() + now), now);
      user.lastSeen = now;
      user.sso = true;
      registry.users.put(user.id, user);
      registry.holds.add(user); // held from now on, before the online claim goes
      nicks.release(nick, id);
      registry.write(new Change.UserSaved(Presence.row(user)));
      registry.write(new Change.IdentityLinked(issuer, subject, id, now));
      RoomState general = registry.rooms.get(Chat.GENERAL);
      if (general != null) registry.addMember(general, user, general.lastSeq);
      logins.codeFor(user.id, Logins.CODE_MILLIS, code -> then.accept(SsoOutcome.signedIn(code)));
      return;
    }
    then.accept(
        SsoOutcome.refused(
            new ChatException(
                NICK_TAKEN,
                "Every name like "
                    + offered
                    + " is taken here; ask an administrator to rename the account first.")));
  }

  /** The names to try, in order: the offered one made valid, then numbered variants. */
  static List<String> candidates(String offered) {
    String base = offered == null ? null : Names.nick(clean(offered));
    if (base == null) base = "user";
    List<String> out = new ArrayList<>(VARIANTS);
    out.add(base);
    String stem = base.length() > Names.MAX_NAME - 3 ? base.substring(0, Names.MAX_NAME - 3) : base;
    for (int i = 2; i <= VARIANTS; i++) out.add(stem + "-" + i);
    return out;
  }

  /** An e-mail address offers its local part; characters a nick cannot hold become '-'. */
  private static String clean(String offered) {
    String s = offered.strip();
    int at = s.indexOf('@');
    if (at > 0) s = s.substring(0, at);
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .forEach(
            c -> {
              boolean ok =
                  Character.isLetterOrDigit(c) || c == ' ' || c == '_' || c == '-' || c == '.';
              b.appendCodePoint(ok ? c : '-');
            });
    String out = b.toString();
    int n = out.codePointCount(0, out.length());
    if (n > Names.MAX_NAME) out = out.substring(0, out.offsetByCodePoints(0, Names.MAX_NAME));
    return out;
  }
}
