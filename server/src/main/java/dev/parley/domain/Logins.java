package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_CODE;
import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.INTERNAL;
import static dev.parley.domain.ChatException.Code.NOT_FOUND;
import static dev.parley.domain.ChatException.Code.SESSION_REVOKED;
import static dev.parley.domain.ChatException.Code.SLOW_DOWN;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Sessions: every token a welcome gives is one ({@link SessionState}), stored as a hash only. A
 * user lists theirs ({@code sessions}) and revokes any of them ({@code revoke}): its connections on
 * every node close with {@link #REVOKED_CLOSE} and its token answers {@code session_revoked}, as
 * does the token of a session unused for {@code --session-idle}. And "sign in on another device":
 * {@code link} gives a short code, valid {@link #CODE_MILLIS} and once, that a {@code hello} trades
 * for a new session of the same user. Codes live in the store (by hash, so any node can take one);
 * failed codes are counted per address ({@link AddressGuesses}, cluster-wide in a cluster).
 *
 * <p>New sessions and revocations are written through the store and shared with the other nodes
 * ({@link Change.SessionSaved}, {@link Change.SessionsRevoked}); a session's last use is written
 * when its last connection on a node closes ({@link Change.SessionSeen}), never per frame. Ended
 * sessions are removed in time, and a user holds only a few ({@link EndedSessions}).
 */
final class Logins {
  /** The WebSocket close code of a connection whose session was revoked. */
  static final int REVOKED_CLOSE = 4001;

  /** The contract's default {@code --session-idle}: 90 days. */
  static final long IDLE_MILLIS = 90L * 24 * 60 * 60 * 1000;

  /** The most sessions a {@code sessions} reply lists (the most recently seen). */
  static final int MAX_LISTED = 50;

  /**
   * The most live sessions one user keeps: each sign-in holds memory on every node and a row, so it
   * has a bound like everything a user can spend. A new one past it ends the least recently used.
   */
  static final int MAX_SESSIONS = MAX_LISTED;

  /** The longest User-Agent kept with a session. */
  static final int MAX_AGENT = 200;

  /** How long a sign-in code is valid. */
  static final long CODE_MILLIS = 10L * 60 * 1000;

  static final int CODE_LENGTH = SignInCodes.LENGTH;

  /** Codes a user may make at once, and an hour after that: each can become a session. */
  static final int LINK_BURST = 5;

  static final int LINKS_PER_HOUR = 20;

  private final Registry registry;
  private final NickClaims nicks;
  private final SecureRandom random = new SecureRandom();

  /** Per user id: the codes they may make ({@link #LINK_BURST}, {@link #LINKS_PER_HOUR}). */
  private final java.util.Map<String, TokenBucket> links =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * When this node's newest code was made: each later one is made at least a millisecond after it,
   * so that "the newest few" a store keeps is never a tie among codes of one millisecond. Any
   * thread.
   */
  private final java.util.concurrent.atomic.AtomicLong lastCode =
      new java.util.concurrent.atomic.AtomicLong();

  /** {@code --session-idle}. */
  volatile long idleMillis = IDLE_MILLIS;

  /** Passkeys: a verified sign-in with one opens a session here. */
  final Passkeys passkeys;

  /** Removes sessions that have ended, and bounds how many of them a user holds. */
  final EndedSessions ended;

  Logins(Registry registry, NickClaims nicks) {
    this.registry = registry;
    this.nicks = nicks;
    this.passkeys = new Passkeys(registry, this);
    this.ended = new EndedSessions(registry, this);
  }

  /** A new session of {@code user} for a token with this hash: kept, stored and shared. */
  SessionState open(UserState user, String tokenHash, String agent) {
    long now = registry.clock.getAsLong();
    String clipped =
        agent == null || agent.isBlank()
            ? null
            : agent.substring(0, Math.min(agent.length(), MAX_AGENT));
    SessionState s = new SessionState(newId(), user, tokenHash, now, clipped, now);
    registry.session(s);
    registry.write(new Change.SessionSaved(s.row()));
    retireBeyondCap(user, s);
    ended.trim(user);
    return s;
  }

  /**
   * Past {@link #MAX_SESSIONS} live sessions, the least recently used end as a revoke ends them
   * (those with no connection first); {@code kept}, the new one, never.
   */
  private void retireBeyondCap(UserState user, SessionState kept) {
    List<SessionState> live = new ArrayList<>();
    for (SessionState s : user.sessions.values()) if (!s.revoked && s != kept) live.add(s);
    if (live.size() < MAX_SESSIONS) return;
    live.sort(
        java.util.Comparator.comparing((SessionState s) -> !s.clients.isEmpty())
            .thenComparingLong(s -> s.lastSeen));
    List<SessionState> gone = live.subList(0, live.size() - (MAX_SESSIONS - 1));
    List<String> ids = new ArrayList<>(gone.size());
    for (SessionState s : gone) ids.add(s.id);
    registry.write(new Change.SessionsRevoked(user.id, List.copyOf(ids)));
    for (SessionState s : List.copyOf(gone)) close(s);
  }

  /**
   * The session of {@code token}, or null when it is unknown; {@code session_revoked} when it was
   * revoked or has expired.
   */
  SessionState resolve(String token) {
    SessionState s = registry.byToken.get(Presence.hash(token));
    if (s == null) return null;
    if (!usable(s)) {
      throw new ChatException(
          SESSION_REVOKED,
          "This sign-in has ended (signed out, or unused for too long); sign in again.");
    }
    return s;
  }

  /** Whether the session's token signs in: not revoked, and in use or used lately. */
  boolean usable(SessionState s) {
    return !s.revoked
        && (!s.clients.isEmpty() || registry.clock.getAsLong() - s.lastSeen <= idleMillis);
  }

  /** The id of the user of a usable token, or null: for HTTP requests that carry one. */
  String userIdFor(String token) {
    SessionState s = registry.byToken.get(Presence.hash(token));
    return s == null || !usable(s) || registry.bans.banned(s.user) ? null : s.user.id;
  }

  /** The connection speaks for {@code s} from now on; closed at once if it was just revoked. */
  void attach(Session session, SessionState s) {
    session.login = s;
    s.clients.add(session.client);
    if (s.revoked) session.client.close(REVOKED_CLOSE, "session revoked");
    else if (registry.bans.banned(s.user)) session.client.close(Bans.CLOSE, "banned");
  }

  /** The connection closed: the session's last one here writes when it was last seen. */
  void detach(Session session) {
    SessionState s = session.login;
    if (s == null) return;
    s.clients.remove(session.client);
    if (!s.clients.isEmpty()) return;
    long now = registry.clock.getAsLong();
    s.lastSeen = Math.max(s.lastSeen, now);
    registry.write(new Change.SessionSeen(s.id, now));
  }

  /** {@code sessions}: the user's own, most recently seen first, at most {@link #MAX_LISTED}. */
  void list(Session session, String ref) {
    long now = registry.clock.getAsLong();
    List<Out.SessionView> views = new ArrayList<>();
    for (SessionState s : session.user.sessions.values()) {
      if (!usable(s)) continue;
      long seen = s.clients.isEmpty() ? s.lastSeen : now;
      views.add(new Out.SessionView(s.id, s.created, seen, s.agent, s == session.login));
    }
    views.sort(
        Comparator.comparing(Out.SessionView::current)
            .thenComparingLong(Out.SessionView::lastSeen)
            .reversed());
    if (views.size() > MAX_LISTED) views = new ArrayList<>(views.subList(0, MAX_LISTED));
    session.client.send(new Out.Sessions(ref, views));
  }

  /**
   * {@code revoke}: one of the user's own sessions ({@code id}), or with {@code others} every one
   * but the asking connection's. Another user's session, or none, is {@code not_found}.
   */
  void revoke(Session session, String id, boolean others, String ref) {
    UserState user = session.user;
    List<SessionState> gone = new ArrayList<>();
    if (others) {
      for (SessionState s : user.sessions.values())
        if (s != session.login && !s.revoked) gone.add(s);
    } else {
      if (id == null) throw new ChatException(BAD_REQUEST, "Field 'session' is required.");
      SessionState s = registry.sessions.get(id);
      if (s == null || s.user != user)
        throw new ChatException(NOT_FOUND, "You have no session " + id + ".");
      gone.add(s);
    }
    session.client.send(new Out.Ok(ref, null));
    if (gone.isEmpty()) return;
    List<String> ids = new ArrayList<>(gone.size());
    for (SessionState s : gone) ids.add(s.id);
    registry.write(new Change.SessionsRevoked(user.id, List.copyOf(ids)));
    for (SessionState s : gone) close(s);
    ended.trim(user);
  }

  /** Another node revoked these sessions: their connections here close too. */
  void revokedElsewhere(Change.SessionsRevoked r) {
    for (String id : r.sessionIds()) {
      SessionState s = registry.sessions.get(id);
      if (s != null) close(s);
    }
  }

  private static void close(SessionState s) {
    s.revoked = true;
    for (Client c : s.clients) c.close(REVOKED_CLOSE, "session revoked");
  }

  /** Another node heard of a session or of its last use. */
  void heard(Change change) {
    if (change instanceof Change.SessionSaved saved) {
      Snapshot.SessionRow row = saved.session();
      UserState user = registry.users.get(row.userId());
      if (user == null || registry.sessions.containsKey(row.id())) return;
      SessionState s =
          new SessionState(
              row.id(), user, row.tokenHash(), row.created(), row.agent(), row.lastSeen());
      s.revoked = row.revoked();
      registry.session(s);
    } else if (change instanceof Change.SessionSeen seen) {
      SessionState s = registry.sessions.get(seen.sessionId());
      if (s != null) s.lastSeen = Math.max(s.lastSeen, seen.ts());
    }
  }

  /**
   * {@code link}: a new sign-in code for the user, answered once the store holds it (so another
   * node can take it at once). The store keeps the newest few of each user.
   */
  void link(Session session, String ref) {
    long nanos = System.nanoTime();
    if (links.size() > 10_000) links.values().removeIf(b -> b.full(nanos)); // forget the idle
    TokenBucket bucket =
        links.computeIfAbsent(
            session.user.id, id -> new TokenBucket(LINKS_PER_HOUR / 3600.0, LINK_BURST, nanos));
    if (!bucket.take(nanos)) {
      long wait =
          Math.max(
              1,
              java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(bucket.nanosUntilToken(nanos)));
      throw new ChatException(
          SLOW_DOWN, "You made many sign-in codes lately; try again in " + wait + " s.", wait);
    }
    give(session.user, CODE_MILLIS, session, ref);
  }

  /**
   * A sign-in code for {@code user}, valid {@code millis}, sent to {@code asker} once the store
   * holds it: the user's own ({@link #link}), or one an administrator makes for someone who lost
   * their password ({@link AdminDesk}).
   */
  void give(UserState user, long millis, Session asker, String ref) {
    long expires = registry.clock.getAsLong() + millis;
    codeFor(user.id, millis, given -> asker.client.send(new Out.Link(ref, given, expires)));
  }

  /**
   * A new sign-in code of user {@code userId}, valid {@code millis}: {@code then} gets it once the
   * store holds it (so any node can take it at once), on the writer's thread. Single sign-on ends
   * in one ({@link SingleSignOn}).
   */
  void codeFor(String userId, long millis, Consumer<String> then) {
    long clock = registry.clock.getAsLong();
    long now = lastCode.accumulateAndGet(clock, (last, t) -> Math.max(t, last + 1));
    String given = SignInCodes.newCode();
    registry.store.write(new Change.LinkMade(SignInCodes.hash(given), userId, now, now + millis));
    registry.store.afterQueued(() -> then.accept(given));
  }

  /** Set once, before the first connection: who counts wrong codes (here, or the cluster). */
  void addressGuesses(AddressGuesses guesses) {
    registry.addressGuesses = guesses;
  }

  /**
   * What a {@code hello} with {@code code} signs in as: the code's user, with the nick claims a
   * cluster needs ({@code then} on any thread), or the refusal: {@code slow_down} after too many
   * wrong codes from the address, {@code bad_code} for an unknown, used or expired one.
   */
  void redeem(String code, String address, Consumer<CodeSignIn> then) {
    registry.addressGuesses.wait(
        AddressGuesses.Kind.SIGN_IN_CODE,
        address,
        wait -> {
          if (wait > 0)
            then.accept(
                CodeSignIn.refused(
                    new ChatException(
                        SLOW_DOWN,
                        "Too many wrong codes from your address; try again in " + wait + " s.",
                        wait)));
          else look(code, address, then);
        });
  }

  /** Past the guessing limit: the code is looked up in the store. */
  private void look(String code, String address, Consumer<CodeSignIn> then) {
    String clean = code.strip().replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    if (clean.length() != CODE_LENGTH) {
      then.accept(wrong(address));
      return;
    }
    registry
        .store
        .useLink(Presence.hash(clean), registry.clock.getAsLong())
        .whenComplete(
            (userId, failure) -> {
              if (failure != null) {
                then.accept(
                    CodeSignIn.refused(new ChatException(INTERNAL, "Could not check the code.")));
              } else if (userId == null) {
                then.accept(wrong(address));
              } else if (registry.users.containsKey(userId) || !registry.cluster.clustered()) {
                found(userId, address, then);
              } else {
                registry.cluster.catchUp(() -> found(userId, address, then)); // a new user
              }
            });
  }

  private void found(String userId, String address, Consumer<CodeSignIn> then) {
    UserState user = registry.users.get(userId);
    if (user == null) then.accept(wrong(address));
    else if (!registry.cluster.clustered()) then.accept(new CodeSignIn(user, HelloClaims.NONE));
    else nicks.claimAhead(user, null, claims -> then.accept(new CodeSignIn(user, claims)));
  }

  private CodeSignIn wrong(String address) {
    registry.addressGuesses.failed(AddressGuesses.Kind.SIGN_IN_CODE, address);
    return CodeSignIn.refused(
        new ChatException(BAD_CODE, "That code is unknown, used or expired; make a new one."));
  }

  private String newId() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder("s");
    for (int i = 0; i < 16; i++) id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    return id.toString();
  }
}
