package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.INVALID_NICK;
import static dev.parley.domain.ChatException.Code.NICK_TAKEN;
import static dev.parley.domain.ChatException.Code.SLOW_DOWN;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Who is here: hello and welcome (new users, tokens, nick claims among users online), and the
 * connection count behind online, away and offline ({@link PeopleFinder} finds people to mention or
 * message). A user's connection count and nick claim change together, under that user's monitor.
 *
 * <p>In a cluster a user's status is the best of its status on each node ({@link
 * UserState#merged}): this node tells the others its own ({@link Cluster#status}), hears theirs
 * ({@link #seen}, {@link #gone}), and announces to its own connections whenever the merged status
 * changes.
 *
 * <p>Going offline waits a grace: {@link Departures}.
 */
final class Presence {
  private final Registry registry;

  /** Going offline, after the grace. */
  final Departures departures;

  private final Rooms rooms;
  private final SecureRandom random = new SecureRandom();

  /** Who may take which nick: claims on every node, holds, look-alikes. */
  final NickClaims nicks;

  /** Sessions and sign-in codes. */
  final Logins logins;

  /** Password sign-in and {@code protect}. */
  final PasswordSignIn passwords;

  /** Who may join: {@code --registration}, invites. */
  final Registration registration;

  /** Sign-ins through the server's OpenID provider. */
  final SingleSignOn sso;

  Presence(Registry registry, Rooms rooms) {
    this.nicks = new NickClaims(registry, this::newUserId);
    this.departures = new Departures(registry, nicks);
    this.logins = new Logins(registry, nicks);
    this.passwords = new PasswordSignIn(registry, this);
    this.registration = new Registration(registry);
    this.sso =
        new SingleSignOn(
            registry,
            nicks,
            logins,
            this::newUserId,
            () -> registration.mode() == Registration.Mode.CLOSED);
    this.registry = registry;
    this.rooms = rooms;
  }

  /**
   * Resumes the user of {@code token}, or makes a new one called {@code nick}, then sends {@code
   * welcome}. An unknown token counts as none. With a token, a different valid nick that is free
   * renames the user (a taken one is ignored: the token wins).
   */
  Session hello(
      Client client, String nick, String avatar, String token, String ref, HelloClaims claims) {
    return hello(client, nick, avatar, token, ref, claims, null, null);
  }

  /**
   * As above; with {@code linked} (a sign-in code's or a password's user), a new session of that
   * user; with {@code passwordHash}, a new user is protected by it from the start.
   */
  Session hello(
      Client client,
      String nick,
      String avatar,
      String token,
      String ref,
      HelloClaims claims,
      UserState linked,
      String passwordHash) {
    try {
      try {
        return welcomed(client, nick, avatar, token, ref, claims, linked, passwordHash);
      } catch (Removed removed) {
        // the token's user was removed as idle while this hello ran: an unknown token counts as
        // none
        return welcomed(client, nick, avatar, null, ref, claims, null, passwordHash);
      }
    } finally {
      nicks.letGoUnused(claims);
      registration.settle(client); // an invite's use this hello took and did not need goes back
    }
  }

  /** Thrown when the user a token named was removed as idle between the lookup and the hello. */
  private static final class Removed extends RuntimeException {
    Removed() {
      super(null, null, false, false);
    }
  }

  private Session welcomed(
      Client client,
      String nick,
      String avatar,
      String token,
      String ref,
      HelloClaims claims,
      UserState linked,
      String passwordHash) {
    SessionState login = token == null || linked != null ? null : logins.resolve(token);
    UserState user = linked != null ? linked : login == null ? null : login.user;
    if (user != null) registry.bans.refuse(user);
    String wanted = nick == null ? null : Names.nick(nick);
    String issued = linked != null ? newToken() : token;
    boolean created = false;
    String invitedTo = null; // a new user's invite code may bring them into a room
    if (user == null) {
      if (wanted == null) {
        throw new ChatException(
            INVALID_NICK, "A nickname is 1 to 32 letters, digits, spaces, '_', '-' or '.'.");
      }
      registration.admit(client); // --registration: invite_required, bad_invite, forbidden
      registry.bans.refuseNick(wanted);
      admit(client, claims);
      issued = newToken();
      String id = claims.created() ? claims.userId() : newUserId();
      user =
          new UserState(id, wanted, cleanAvatar(avatar), hash(issued), registry.clock.getAsLong());
      user.passwordHash = passwordHash;
      String refused = nicks.refusal(wanted, user.id, claims);
      if (refused != null) {
        boolean held = registry.holds.protectedOwner(Names.nickKey(wanted)) != null;
        throw new ChatException(NICK_TAKEN, refused, 0, held);
      }
      created = true;
      invitedTo = registration.spent(client);
    }
    Session session = new Session(user, client);
    Status shown = null;
    synchronized (user) {
      if (user.pruned) throw new Removed();
      if (!created) resumeNick(user, wanted, avatar, claims);
      user.lastActive = registry.clock.getAsLong();
      if (user.connections++ == 0) {
        user.here = Status.ONLINE;
        user.awayChosen = false;
        shown = show(registry, user);
      }
    }
    if (created) {
      registry.users.put(user.id, user);
      registry.holds.add(user);
      registry.write(new Change.UserSaved(row(user)));
      if (passwordHash != null) registry.write(new Change.PasswordSet(user.id, passwordHash));
    }
    if (login == null) login = logins.open(user, hash(issued), client.agent());
    logins.attach(session, login);
    String sessionId = login.id;
    RoomState general = created ? registry.rooms.get(Chat.GENERAL) : null;
    if (general != null) registry.addMember(general, user, general.lastSeq);
    RoomState invited = invitedTo == null ? null : registry.rooms.get(invitedTo);
    if (invited != null && invited != general) registry.addMember(invited, user, invited.lastSeq);
    UserState who = user;
    String given = issued;
    Status announced = shown;
    Runnable greet =
        () -> {
          if (session.closed) return;
          registry.subscriptions.attach(who.id, client, who.rooms.keySet());
          if (session.closed) {
            registry.subscriptions.detach(
                who.id, client); // disconnect ran between the check and attach
            return;
          }
          synchronized (who) {
            registry.cluster.status(
                who.id, who.here); // after the user itself, for a new one (afterShared)
          }
          client.send(Welcomes.of(registry, who, given, ref, sessionId));
          if (announced != null) registry.coalescer.presence(who.profile(), announced);
          if (general != null)
            rooms.log.appendNotice(Chat.GENERAL, Notice.Kind.JOIN, who.profile());
          if (invited != null && invited != general)
            rooms.log.appendNotice(invited.name, Notice.Kind.JOIN, who.profile());
        };
    // A new token may be taken to another node of a cluster at once: it must know it.
    if (created || linked != null) registry.cluster.afterShared(greet);
    else greet.run();
    return session;
  }

  /**
   * A new user from this client's address, if the address may make one now ({@link NewUsers}); in a
   * cluster the answer came with the claims. Refused: {@code slow_down} with {@code retryAfter}.
   */
  private void admit(Client client, HelloClaims claims) {
    long wait =
        claims == HelloClaims.NONE ? registry.newUsers.take(client.address()) : claims.retryAfter();
    if (wait > 0) {
      throw new ChatException(
          SLOW_DOWN,
          "Too many new accounts from your network just now; try again in " + wait + " s.",
          wait);
    }
  }

  /** Called under the user's monitor: claim the nick this connection will use. */
  private void resumeNick(UserState user, String wanted, String avatar, HelloClaims claims) {
    String newAvatar = avatar == null ? user.avatar : cleanAvatar(avatar);
    boolean rename =
        wanted != null
            && !wanted.equals(user.nick)
            && nicks.refusal(wanted, user.id, claims) == null;
    if (rename) {
      String old = user.nick;
      if (!Names.nickKey(wanted).equals(Names.nickKey(old))) {
        nicks.release(old, user.id);
        registry.cluster.releaseNick(Names.nickKey(old), user.id, true);
      }
      user.nick = wanted;
      registry.holds.renamed(user, old);
    } else if (!nicks.claimOnline(user.nick, user.id, claims)) {
      // their own nick, held by nobody else while they were away: only someone online can have it
      throw new ChatException(
          NICK_TAKEN,
          "Someone online is already called " + user.nick + "; choose another nickname.");
    }
    boolean changed = rename || !Objects.equals(newAvatar, user.avatar);
    user.avatar = newAvatar;
    if (changed) {
      registry.write(new Change.UserSaved(row(user)));
      if (user.status != Status.OFFLINE) {
        registry.roster.changed();
        registry.coalescer.presence(user.profile(), user.status);
      }
    }
  }

  void disconnect(Session session) {
    session.closed = true;
    logins.detach(session);
    departures.closed(session.user);
    registry.subscriptions.detach(session.user.id, session.client);
    if (registry.settings.offlineGraceMillis() == 0 || session.user.banned) departures.leave(false);
  }

  void activity(Session session) {
    UserState user = session.user;
    user.lastActive = registry.clock.getAsLong();
    if (user.here == Status.AWAY && !user.awayChosen) here(user, Status.AWAY, Status.ONLINE);
  }

  /** Marks users away who have been quiet too long (on this node: another node judges its own). */
  void markAway() {
    long cutoff = registry.clock.getAsLong() - registry.settings.awayAfterMillis();
    for (UserState user : registry.online.values()) {
      if (user.here != Status.ONLINE || user.lastActive > cutoff) continue;
      here(user, Status.ONLINE, Status.AWAY, cutoff);
    }
  }

  void here(UserState user, Status from, Status to) {
    here(user, from, to, Long.MAX_VALUE);
  }

  /**
   * Moves this node's status of a user from {@code from} to {@code to}, unless it moved meanwhile.
   */
  private void here(UserState user, Status from, Status to, long activeBefore) {
    Status shown;
    synchronized (user) {
      if (user.here != from || user.lastActive > activeBefore) return;
      user.here = to;
      registry.cluster.status(user.id, to);
      shown = show(registry, user);
    }
    if (shown != null) registry.coalescer.presence(user.profile(), shown);
  }

  /** Another node's status of a user changed. */
  void seen(String node, String userId, Status status) {
    UserState user = registry.users.get(userId);
    if (user == null) return;
    Status shown;
    synchronized (user) {
      if (status == Status.OFFLINE) {
        if (user.elsewhere.remove(node) != null) user.lastSeen = registry.clock.getAsLong();
      } else user.elsewhere.put(node, status);
      shown = show(registry, user);
    }
    if (shown != null) registry.coalescer.presence(user.profile(), shown);
  }

  /** A node is gone: its users are no longer online there. */
  void gone(String node) {
    for (UserState user : registry.online.values()) {
      Status shown;
      synchronized (user) {
        if (user.elsewhere.remove(node) == null) continue;
        user.lastSeen = registry.clock.getAsLong();
        shown = show(registry, user);
      }
      if (shown != null) registry.coalescer.presence(user.profile(), shown);
    }
  }

  /** Another node renamed a user: this node's own claim follows, and its connections hear of it. */
  void renamedElsewhere(UserState user, String oldNick) {
    synchronized (user) {
      if (Names.nickKey(oldNick).equals(Names.nickKey(user.nick))) return;
      nicks.release(oldNick, user.id);
      if (user.connections > 0) registry.nicks.put(Names.nickKey(user.nick), user.id);
    }
  }

  /**
   * Another node changed a user's nick or avatar: connections here that see them online hear of it.
   */
  void profileChanged(UserState user) {
    if (user.status == Status.OFFLINE) return;
    registry.roster.changed();
    registry.coalescer.presence(user.profile(), user.status);
  }

  /**
   * Under the user's monitor: what everyone sees follows this node's status and the other nodes'.
   * Keeps {@link Registry#online} and the roster in step; returns the new status when it changed,
   * else null.
   */
  static Status show(Registry registry, UserState user) {
    Status now = user.merged();
    Status was = user.status;
    if (now == was) return null;
    user.status = now;
    if (now == Status.OFFLINE) {
      registry.online.remove(user.id, user);
      registry.roster.changed();
    } else if (was == Status.OFFLINE) {
      registry.online.put(user.id, user);
      if (now == Status.ONLINE) registry.roster.cameOnline(user);
      else registry.roster.changed();
    } else {
      registry.roster.changed();
    }
    return now;
  }

  /**
   * In a cluster, before {@link #hello}: claims on every node the nicks that hello may take (the
   * one asked for, and the resumed user's own), under the id a new user will get; {@code then} gets
   * what it learnt, on any thread.
   */
  void claimAhead(
      String token, String nick, String address, java.util.function.Consumer<HelloClaims> then) {
    SessionState login = token == null ? null : registry.byToken.get(hash(token));
    UserState user = login == null ? null : login.user;
    String wanted = nick == null ? null : Names.nick(nick);
    if (user == null && wanted != null) {
      // a new user: the address's allowance first (shared by the nodes), then the nick
      registry.newUsers.take(
          address,
          wait -> {
            if (wait > 0) then.accept(HelloClaims.slowDown(wait));
            else nicks.claimAhead(null, wanted, then);
          });
      return;
    }
    nicks.claimAhead(user, wanted, then);
  }

  /** The id of the user a token belongs to, or null: for HTTP requests that carry a token. */
  String userIdForToken(String token) {
    return token == null || token.isEmpty() ? null : logins.userIdFor(token);
  }

  /**
   * The avatar to keep: none for null or blank; refused when it is not one emoji or short key
   * ({@link Names#isAvatar}).
   */
  static String cleanAvatar(String avatar) {
    if (avatar == null) return null;
    String a = avatar.strip();
    if (a.isEmpty()) return null;
    if (!Names.isAvatar(a)) {
      throw new ChatException(
          BAD_REQUEST,
          "An avatar is one emoji or a short key: at most "
              + Names.MAX_AVATAR
              + " characters, no spaces, control, bidi or invisible characters.");
    }
    return a;
  }

  static Snapshot.UserRow row(UserState u) {
    return new Snapshot.UserRow(u.id, u.nick, u.avatar, u.tokenHash, u.createdTs);
  }

  private String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private String newUserId() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder("u");
    for (int i = 0; i < 12; i++) id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    return id.toString();
  }

  static String hash(String token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
