package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BANNED;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-wide bans: a banned user's connections close on every node with {@link #CLOSE}, their
 * {@code hello} (by token, sign-in code or nick) is answered {@code banned}, their token no longer
 * opens HTTP doors, and their nick stays held ({@link NickHolds}) so nobody takes their name.
 *
 * <p>Bans are written through the store and shared with the other nodes ({@link Change.Banned},
 * {@link Change.Unbanned}), as a revoke is. The command line ({@code parley user ban}) writes
 * straight into the database, which a running node does not watch: so every node also reads the
 * store's bans every {@link #POLL_MILLIS} ({@link #poll}) and applies what differs. A poll is
 * dropped when a ban or unban reached this node while it read ({@link #generation}), since it may
 * have read from before it; the next poll looks again.
 */
final class Bans {
  /** The WebSocket close code of a connection whose user was banned. */
  static final int CLOSE = 4003;

  /** The longest reason kept. */
  static final int MAX_REASON = 500;

  /** How often a node reads the store's bans. */
  static final long POLL_MILLIS = 2000;

  private final Registry registry;

  /** Every ban by user id (also of users this node does not know yet). */
  private final Map<String, Snapshot.BanRow> rows = new ConcurrentHashMap<>();

  /** Moves on every ban and unban applied here; see the class comment. */
  private final AtomicLong generation = new AtomicLong();

  private final AtomicBoolean polling = new AtomicBoolean();

  Bans(Registry registry) {
    this.registry = registry;
  }

  /** At start, before any connection: the store's bans. */
  void loaded(List<Snapshot.BanRow> bans) {
    for (Snapshot.BanRow b : bans) applied(b);
  }

  boolean banned(UserState user) {
    return user.banned || rows.containsKey(user.id);
  }

  /** The ban of a user, or null. */
  Snapshot.BanRow of(String userId) {
    return rows.get(userId);
  }

  /** Bans {@code user}: stored, shared, and their connections here closed. */
  void ban(UserState user, String reason, String by) {
    String why = reason == null || reason.isBlank() ? null : reason.strip();
    if (why != null && why.length() > MAX_REASON) why = why.substring(0, MAX_REASON);
    Change.Banned change = new Change.Banned(user.id, why, by, registry.clock.getAsLong());
    generation.incrementAndGet();
    applied(new Snapshot.BanRow(user.id, why, by, change.ts()));
    registry.write(change);
  }

  /** Lifts the ban of {@code user}: stored and shared. */
  void unban(UserState user) {
    generation.incrementAndGet();
    lifted(user.id);
    registry.write(new Change.Unbanned(user.id));
  }

  /** Another node banned or unbanned someone. */
  void heard(Change change) {
    generation.incrementAndGet();
    if (change instanceof Change.Banned b)
      applied(new Snapshot.BanRow(b.userId(), b.reason(), b.by(), b.ts()));
    else if (change instanceof Change.Unbanned u) lifted(u.userId());
    else throw new IllegalArgumentException("not a change of bans: " + change);
  }

  /** A user entered this node's memory (heard of from another node): a ban may wait for them. */
  void arrived(UserState user) {
    if (rows.containsKey(user.id)) user.banned = true;
  }

  private void applied(Snapshot.BanRow row) {
    rows.put(row.userId(), row);
    UserState user = registry.users.get(row.userId());
    if (user == null) return;
    user.banned = true;
    closeAll(user, row.reason());
  }

  private void lifted(String userId) {
    rows.remove(userId);
    UserState user = registry.users.get(userId);
    if (user != null) user.banned = false;
  }

  /**
   * Every connection of the user on this node is told why ({@code error} {@code banned}: a close
   * reason is too short for a sentence) and closes with {@link #CLOSE}.
   */
  private static void closeAll(UserState user, String reason) {
    Out.Error told = new ChatException(BANNED, message(reason)).reason(reason).frame(null);
    for (SessionState s : user.sessions.values())
      for (Client c : s.clients) {
        c.send(told);
        c.close(CLOSE, "banned");
      }
  }

  private static String message(String reason) {
    return "You were banned from this server" + (reason == null ? "." : ": " + reason);
  }

  /** The refusal a banned user's hello gets: {@code banned}, with the reason when there is one. */
  void refuse(UserState user) {
    if (!banned(user)) return;
    Snapshot.BanRow row = rows.get(user.id);
    String reason = row == null ? null : row.reason();
    throw new ChatException(BANNED, message(reason)).reason(reason);
  }

  /** A hello asking for the nick of a banned user, without their credentials: {@code banned}. */
  void refuseNick(String nick) {
    UserState holder = registry.holds.holder(Names.nickKey(nick), null, registry.clock.getAsLong());
    if (holder != null && banned(holder))
      throw new ChatException(
          BANNED, nick + " is banned from this server; choose another nickname.");
  }

  /**
   * Reads the store's bans and applies what differs from this node's (see the class comment).
   * Returns at once; one poll at a time.
   */
  void poll() {
    if (!polling.compareAndSet(false, true)) return;
    long seen = generation.get();
    try {
      registry.store.afterQueued(
          () ->
              registry
                  .store
                  .bans()
                  .whenComplete(
                      (list, failure) -> {
                        try {
                          if (failure == null && generation.get() == seen) reconcile(list);
                        } finally {
                          polling.set(false);
                        }
                      }));
    } catch (RuntimeException e) {
      polling.set(false);
      throw e;
    }
  }

  private void reconcile(List<Snapshot.BanRow> stored) {
    Set<String> ids = new HashSet<>();
    for (Snapshot.BanRow b : stored) {
      ids.add(b.userId());
      if (!Objects.equals(rows.get(b.userId()), b)) applied(b);
    }
    for (String id : List.copyOf(rows.keySet())) if (!ids.contains(id)) lifted(id);
  }
}
