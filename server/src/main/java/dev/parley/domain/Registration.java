package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_INVITE;
import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.FORBIDDEN;
import static dev.parley.domain.ChatException.Code.INTERNAL;
import static dev.parley.domain.ChatException.Code.INVITE_REQUIRED;
import static dev.parley.domain.ChatException.Code.QUOTA;
import static dev.parley.domain.ChatException.Code.SLOW_DOWN;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may join ({@code --registration}): in {@code open} mode a {@code hello} with a free nick
 * makes a user, as always; in {@code invite} mode that hello also needs an invite code ({@link
 * Invites}); in {@code closed} mode no hello makes one. Existing users sign in whatever the mode.
 *
 * <p>Why an invite is checked before the hello and not in it: its use is a write the store orders
 * (so two nodes given a one-use code admit one person), and the event loop must not wait for it.
 * The connection therefore {@link #redeem}s the code first; what it got (an admission, or the
 * refusal to give should the hello make a user) waits here under the connection until the hello
 * makes the user ({@link #admit}, {@link #spent}) or ends without one ({@link #settle}: the use is
 * given back, so a hello refused {@code nick_taken} does not burn a one-use invite). Every path
 * that makes a user (the plain hello, the password hello) calls {@link #admit} before it does.
 */
public final class Registration {

  /** The three policies of {@code --registration}. */
  public enum Mode {
    OPEN,
    INVITE,
    CLOSED;

    /** {@code open}, {@code invite} or {@code closed}, any case; else IllegalArgumentException. */
    public static Mode of(String name) {
      for (Mode m : values()) if (m.wire().equalsIgnoreCase(name.strip())) return m;
      throw new IllegalArgumentException(
          "registration is open, invite or closed, not '" + name + "'");
    }

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Bounds on one invite: people it admits, how long it lasts; and invites alive at once. */
  public static final int MAX_USES = 1000;

  public static final long MAX_MILLIS = 365L * 24 * 60 * 60 * 1000;
  public static final long DEFAULT_MILLIS = 7L * 24 * 60 * 60 * 1000;
  public static final int MAX_LIVE = 1000;

  /** Invite codes: 16 of the sign-in codes' letters, about 79 bits (they last up to a year). */
  static final int CODE_LENGTH = 16;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Registry registry;

  /** Per connection between its redeem and its hello: any thread (event loop, store writer). */
  private final Map<Client, Admission> admissions = new ConcurrentHashMap<>();

  /** Set once before the first connection. */
  private volatile Mode mode = Mode.OPEN;

  /** Where invite links point ({@code --public-url}, else this node's own address). */
  private volatile String baseUrl = "http://localhost:3000";

  /** Lets every user make invites, not only administrators ({@link #mayInvite}): tests flip it. */
  private volatile boolean everyoneMayInvite;

  /**
   * An invite's use taken for a connection (its hash, and the room it brings its user into, if
   * any), or what to refuse its new user with.
   */
  private record Admission(String codeHash, String room, ChatException refusal) {}

  Registration(Registry registry) {
    this.registry = registry;
  }

  public Mode mode() {
    return mode;
  }

  /** Set once, before the first connection: the policy and where invite links point. */
  public void configure(Mode mode, String baseUrl) {
    this.mode = mode;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** Tests: let every signed-in user make invites (until the admin role decides it). */
  public void letEveryoneInvite(boolean allowed) {
    everyoneMayInvite = allowed;
  }

  /** Whether this user may make invites to the server ({@code invite} without a room). */
  boolean mayInvite(UserState user) {
    return everyoneMayInvite || registry.admins.role(user) != null;
  }

  /**
   * Whether a {@code hello} with this token and an {@code invite} must {@link #redeem} it first: in
   * invite mode, when the token is not one of a known session (the hello may make a user).
   */
  public boolean redeems(String token) {
    return mode == Mode.INVITE
        && (token == null || !registry.byToken.containsKey(Presence.hash(token)));
  }

  /**
   * Takes one use of the invite {@code code} for this connection's coming hello; {@code then} runs
   * afterwards on any thread, whatever the answer (a refusal is kept for the hello: it matters only
   * if the hello makes a user). Too many wrong codes from the address: {@code slow_down}.
   */
  public void redeem(Client client, String code, String address, Runnable then) {
    registry.addressGuesses.wait(
        AddressGuesses.Kind.INVITE_CODE,
        address,
        wait -> {
          if (wait > 0) {
            refuse(
                client,
                new ChatException(
                    SLOW_DOWN, "Too many wrong invite codes; try again in " + wait + " s.", wait));
            then.run();
          } else {
            use(client, code, address, then);
          }
        });
  }

  /** Past the guessing limit (wrong codes per address, {@link AddressGuesses}): one use taken. */
  private void use(Client client, String code, String address, Runnable then) {
    String hash = hashOf(code);
    if (hash == null) {
      wrong(client, address);
      then.run();
      return;
    }
    registry
        .store
        .invites()
        .take(hash, registry.clock.getAsLong())
        .whenComplete(
            (used, failure) -> {
              if (failure != null) {
                refuse(client, new ChatException(INTERNAL, "Could not check the invite."));
              } else if (used != null) {
                Admission old = admissions.put(client, new Admission(hash, used.room(), null));
                if (old != null && old.codeHash != null) giveBack(old.codeHash);
              } else {
                wrong(client, address);
              }
              then.run();
            });
  }

  private void wrong(Client client, String address) {
    registry.addressGuesses.failed(AddressGuesses.Kind.INVITE_CODE, address);
    refuse(
        client,
        new ChatException(
            BAD_INVITE, "That invite is unknown, expired or used up; ask for a new one."));
  }

  private void refuse(Client client, ChatException refusal) {
    Admission old = admissions.put(client, new Admission(null, null, refusal));
    if (old != null && old.codeHash != null) giveBack(old.codeHash);
  }

  /**
   * Before a hello makes a user for {@code client}: throws unless the mode lets it ({@code closed}:
   * {@code forbidden}; {@code invite}: {@code invite_required} without a redeemed code, else the
   * code's refusal). The admission stays until {@link #spent} or {@link #settle}.
   */
  void admit(Client client) {
    switch (mode) {
      case OPEN -> {}
      case CLOSED ->
          throw new ChatException(
              FORBIDDEN,
              "This server takes no new accounts. Sign in with your account, or with a sign-in"
                  + " code from a device where you are signed in.");
      case INVITE -> {
        Admission a = admissions.get(client);
        if (a == null) {
          throw new ChatException(
              INVITE_REQUIRED, "This server is invite-only: a new account needs an invite code.");
        }
        if (a.refusal != null) throw a.refusal;
      }
    }
  }

  /**
   * The hello made its user: the invite's use stays used. Returns the room the invite brings them
   * into, or null.
   */
  String spent(Client client) {
    Admission a = admissions.remove(client);
    return a == null ? null : a.room;
  }

  /** The hello ended, or its connection closed: a use it took and did not need goes back. */
  public void settle(Client client) {
    Admission a = admissions.remove(client);
    if (a != null && a.codeHash != null) giveBack(a.codeHash);
  }

  private void giveBack(String codeHash) {
    registry.store.invites().giveBack(codeHash);
  }

  /**
   * {@code invite} without a room: a code that admits up to {@code uses} new users (default 1) for
   * {@code minutes} (default 7 days), answered {@code ok} with {@code code} and {@code url} once
   * stored. Only for who {@link #mayInvite}.
   */
  public void invite(Session session, Long uses, Long minutes, String ref) {
    if (!mayInvite(session.user)) {
      throw new ChatException(FORBIDDEN, "Only an administrator may invite people to the server.");
    }
    int n = uses == null ? 1 : (int) Math.max(0, Math.min(Integer.MAX_VALUE, uses));
    long millis =
        minutes == null ? DEFAULT_MILLIS : Math.max(0, Math.min(MAX_MILLIS + 1, minutes)) * 60_000;
    long now = registry.clock.getAsLong();
    create(registry.store.invites(), session.user.id, n, millis, now)
        .whenComplete(
            (code, failure) -> {
              if (failure == null) {
                session.client.send(
                    new Out.Ok(
                        ref, null, new Out.Invited(code, link(baseUrl, code), now + millis)));
                return;
              }
              ChatException e = refusalOf(failure);
              session.client.send(
                  new Out.Error(
                      ref,
                      e.code().wire(),
                      e.getMessage(),
                      e.retryAfter() > 0 ? e.retryAfter() : null));
            });
  }

  /**
   * Makes and stores an invite of {@code createdBy} (a user id, or {@code cli}): completes with its
   * code, or with a {@link ChatException}: {@code bad_request} beyond {@link #MAX_USES} or {@link
   * #MAX_MILLIS}, {@code quota} when {@link #MAX_LIVE} invites are alive.
   */
  public static CompletableFuture<String> create(
      Invites invites, String createdBy, int uses, long millis, long now) {
    if (uses < 1 || uses > MAX_USES) {
      return CompletableFuture.failedFuture(
          new ChatException(BAD_REQUEST, "An invite admits 1 to " + MAX_USES + " people."));
    }
    if (millis < 60_000 || millis > MAX_MILLIS) {
      return CompletableFuture.failedFuture(
          new ChatException(BAD_REQUEST, "An invite lasts from a minute to 365 days."));
    }
    return store(invites, createdBy, uses, millis, now, null, MAX_LIVE);
  }

  /**
   * Makes a code and stores its invite (to {@code room}, or to the server only when null), unless
   * {@code maxLive} invites of the same kind are alive: completes with the code, or {@code quota}.
   */
  static CompletableFuture<String> store(
      Invites invites,
      String createdBy,
      int uses,
      long millis,
      long now,
      String room,
      int maxLive) {
    StringBuilder code = new StringBuilder(CODE_LENGTH);
    for (int i = 0; i < CODE_LENGTH; i++)
      code.append(SignInCodes.ALPHABET.charAt(RANDOM.nextInt(SignInCodes.ALPHABET.length())));
    String given = code.toString();
    Invites.Invite invite =
        new Invites.Invite(Presence.hash(given), createdBy, now, now + millis, uses, uses, room);
    return invites
        .create(invite, maxLive, now)
        .thenApply(
            stored -> {
              if (!stored) {
                throw new ChatException(
                    QUOTA,
                    "There are already "
                        + maxLive
                        + " open invites"
                        + (room == null ? "" : " to " + room)
                        + "; revoke some or wait for them to expire.");
              }
              return given;
            });
  }

  /** The hash an invite code is stored under, or null when it cannot be one. */
  public static String hashOf(String code) {
    if (code == null) return null;
    String clean = code.strip().replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    if (clean.length() != CODE_LENGTH) return null;
    for (int i = 0; i < clean.length(); i++)
      if (SignInCodes.ALPHABET.indexOf(clean.charAt(i)) < 0) return null;
    return Presence.hash(clean);
  }

  /** The link that opens the web client with an invite to a room: it joins (and signs in). */
  String roomLink(String code) {
    return baseUrl + "/#join=" + code;
  }

  /** The link that opens the web client with this invite. */
  public static String link(String baseUrl, String code) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return base + "/#invite=" + code;
  }

  /** The refusal inside a failed future, or {@code internal}. */
  public static ChatException refusalOf(Throwable failure) {
    Throwable t =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    return t instanceof ChatException e
        ? e
        : new ChatException(INTERNAL, "Could not store the invite.");
  }
}
