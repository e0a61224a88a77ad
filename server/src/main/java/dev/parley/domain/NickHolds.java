package dev.parley.domain;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who holds each nick while its user is away. The contract holds a nick for its user not only while
 * they are online but for {@code --nick-hold} after they were last seen (30 days by default):
 * before, anyone who typed "alice" a minute after alice closed her tab became an "alice" her
 * friends could not tell from her. Online claims stay {@link Registry#nicks} and, in a cluster,
 * {@link Cluster#claimNick}; this index answers for the users who are offline.
 *
 * <p>The index maps a nick's key ({@link Names#nickKey}) to the ids of every user this node knows
 * by it: usually one; more only for users made before nicks were held. Every node of a cluster
 * keeps its own from the users it loads and those {@link Replica} brings, so it answers from memory
 * and never waits on the store.
 */
final class NickHolds {

  /** Nick key to the ids of the users known by it; the sets are concurrent. */
  private final Map<String, Set<String>> owners = new ConcurrentHashMap<>();

  private final Registry registry;

  NickHolds(Registry registry) {
    this.registry = registry;
  }

  /** A user entered this node's memory (loaded, created here, or heard of from another node). */
  void add(UserState user) {
    owners
        .computeIfAbsent(Names.nickKey(user.nick), k -> ConcurrentHashMap.newKeySet())
        .add(user.id);
  }

  /** A user changed their nick from {@code oldNick}: they hold the new one, not the old one. */
  void renamed(UserState user, String oldNick) {
    String oldKey = Names.nickKey(oldNick);
    if (oldKey.equals(Names.nickKey(user.nick))) return;
    drop(oldKey, user.id);
    add(user);
  }

  /** A user left this node's memory (removed as idle). */
  void remove(UserState user) {
    drop(Names.nickKey(user.nick), user.id);
  }

  /**
   * Someone other than {@code userId} who holds the nick with this key: online anywhere, protected
   * (held for as long as they can sign in with a password or passkey), or last seen within the
   * hold; null when nobody does.
   */
  UserState holder(String key, String userId, long now) {
    Set<String> ids = owners.get(key);
    if (ids == null) return null;
    long hold = registry.settings.nickHoldMillis();
    for (String id : ids) {
      if (id.equals(userId)) continue;
      UserState other = registry.users.get(id);
      if (other == null) continue;
      if (other.status != Status.OFFLINE || other.isProtected()) return other;
      if (now - Math.max(other.lastSeen, other.createdTs) < hold) return other;
    }
    return null;
  }

  /** The protected user known by the nick with this key, or null: who a password signs in as. */
  UserState protectedOwner(String key) {
    Set<String> ids = owners.get(key);
    if (ids == null) return null;
    for (String id : ids) {
      UserState user = registry.users.get(id);
      if (user != null && user.isProtected()) return user;
    }
    return null;
  }

  private void drop(String key, String userId) {
    owners.computeIfPresent(
        key,
        (k, ids) -> {
          ids.remove(userId);
          return ids.isEmpty() ? null : ids;
        });
  }
}
