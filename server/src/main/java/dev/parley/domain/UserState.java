package dev.parley.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * A user held in memory: profile, rooms with read markers, and whether they are online. Connection
 * counting and nick changes happen under the object's monitor; the rest is concurrent or volatile
 * because any event loop may read it.
 */
final class UserState {
  final String id;

  /** The hash of the token the user was made with (the users row's); sessions hold the rest. */
  final String tokenHash;

  final long createdTs;

  /**
   * The user's sessions (signed-in devices) by id, revoked ones included: at most {@link
   * Logins#MAX_SESSIONS} live and {@link EndedSessions#MAX_ENDED} ended ones.
   */
  final Map<String, SessionState> sessions = new ConcurrentHashMap<>();

  /** Room name to read marker. */
  final Map<String, Long> rooms = new ConcurrentHashMap<>();

  /**
   * Room name to the notification level the user chose there (see {@link NotifyLevels}); gone with
   * the membership.
   */
  final Map<String, String> notify = new ConcurrentHashMap<>();

  volatile String nick;
  volatile String avatar;

  /**
   * The Argon2id hash (PHC string) of the user's password, or null when they have none. Written by
   * the store writer's callers and by the cluster bus's thread; read anywhere.
   */
  volatile String passwordHash;

  private static final AtomicReferenceFieldUpdater<UserState, String> PASSWORD_HASH =
      AtomicReferenceFieldUpdater.newUpdater(UserState.class, String.class, "passwordHash");

  /**
   * Sets {@link #passwordHash} to {@code next} only if it is still {@code expected} (that string).
   */
  boolean replacePasswordHash(String expected, String next) {
    return PASSWORD_HASH.compareAndSet(this, expected, next);
  }

  /** How many passkeys the user has registered; kept with their rows in the store. */
  volatile int passkeys;

  /**
   * Signs in through the server's OpenID provider ({@code --oidc-issuer}): the provider vouches for
   * them, so their account is protected like one with a password.
   */
  volatile boolean sso;

  /** Banned from the whole server: their connections close with 4003, their hello is refused. */
  volatile boolean banned;

  /** What everyone sees: the best of this node's status and the other nodes' ({@link #merged}). */
  volatile Status status = Status.OFFLINE;

  /** This node's own status: online or away while the user has a connection here, else offline. */
  volatile Status here = Status.OFFLINE;

  /**
   * In a cluster, the user's status on each other node where it has a connection; guarded by this
   * object's monitor.
   */
  final Map<String, Status> elsewhere = new HashMap<>(2);

  volatile long lastActive;

  /** This node's connections of the user whose page is visible ({@code visible}; Web Push). */
  final java.util.Set<Session> visible = ConcurrentHashMap.newKeySet();

  /**
   * When their last connection anywhere closed, as far as this node knows (from the store at load,
   * from this node's disconnects and other nodes' presence since): their nick is held for {@code
   * --nick-hold} after it ({@link NickHolds}).
   */
  volatile long lastSeen;

  /**
   * The user chose to appear away ({@code profile} with {@code status: "away"}): activity does not
   * bring them back online here; reset when their first connection here opens.
   */
  volatile boolean awayChosen;

  /**
   * Guarded by this object's monitor; 0 to 1 and 1 to 0 also move the user in and out of Chat's
   * online index.
   */
  int connections;

  /**
   * When the last connection here closed ({@link System#nanoTime}), while the user waits out the
   * offline grace ({@link Departures}) before going offline; guarded by this object's monitor.
   */
  long leftNanos;

  /**
   * Sent something (a message, a reaction, a room) since this node loaded them, so the store has
   * been told ({@link Change.UserSpoke}); such a user is never one {@link IdleUsers} removes.
   */
  volatile boolean spoke;

  /**
   * Removed as idle ({@link IdleUsers}): a hello that found them a moment before must not resume
   * them. Guarded by the monitor.
   */
  boolean pruned;

  UserState(String id, String nick, String avatar, String tokenHash, long createdTs) {
    this.id = id;
    this.nick = nick;
    this.avatar = avatar;
    this.tokenHash = tokenHash;
    this.createdTs = createdTs;
  }

  /**
   * Under the monitor: online if online on some node, else away if away on some node, else offline.
   */
  Status merged() {
    Status best = here;
    for (Status s : elsewhere.values()) {
      if (s == Status.ONLINE) return Status.ONLINE;
      if (s == Status.AWAY) best = best == Status.ONLINE ? best : Status.AWAY;
    }
    return best;
  }

  /**
   * Protected: the user can sign in with a password, a passkey or single sign-on, so their nick is
   * held for as long as that stays true, and the {@code nick_taken} a look-alike gets says so.
   */
  boolean isProtected() {
    return passwordHash != null || passkeys > 0 || sso;
  }

  Profile profile() {
    return new Profile(id, nick, avatar);
  }
}
