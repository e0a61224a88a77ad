package dev.parley.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes users who never sent anything and have been gone for {@link #KEEP_MILLIS} (a day): free
 * accounts made by the thousand would otherwise be kept for ever, each holding a row, a membership
 * of {@code general} and a place in every node's memory. The store says who they are ({@link
 * Store#idleUsers}: never marked as having spoken, no message, in no direct conversation, last seen
 * and created before the cut-off); this node then keeps those it knows to be online (here or on
 * another node) or to have spoken, marks the rest removed under their monitor (so a hello that
 * found one an instant earlier treats its token as unknown), forgets them, and writes {@link
 * Change.UsersPruned}, which the store applies only to users still idle in its own transaction and
 * which the other nodes of a cluster apply to their memory ({@link Replica}).
 *
 * <p>Called on a schedule ({@link #EVERY_MILLIS}); one sweep at a time, the store's read on its
 * read pool and the removal through its writer, so nothing runs on the caller's thread. A sweep
 * that found a full page asks again at once, until the backlog is gone.
 */
final class IdleUsers {
  /** How long a user who never sent anything is kept after their last connection closed. */
  static final long KEEP_MILLIS = 24L * 60 * 60 * 1000;

  /** How often the sweep runs. */
  static final long EVERY_MILLIS = 10L * 60 * 1000;

  /** Users looked at per step. */
  static final int STEP = 500;

  private static final Logger LOG = LoggerFactory.getLogger(IdleUsers.class);

  private final Registry registry;
  private final AtomicBoolean sweeping = new AtomicBoolean();

  IdleUsers(Registry registry) {
    this.registry = registry;
  }

  void sweep() {
    if (sweeping.compareAndSet(false, true)) step(registry.clock.getAsLong() - KEEP_MILLIS);
  }

  private void step(long seenBefore) {
    registry
        .store
        .idleUsers(seenBefore, STEP)
        .whenComplete(
            (ids, failure) -> {
              if (failure != null) {
                LOG.warn("looking for idle users failed", failure);
                sweeping.set(false);
                return;
              }
              int removed = 0;
              try {
                removed = remove(ids, seenBefore);
              } catch (RuntimeException e) {
                LOG.error("removing idle users failed", e);
              }
              if (ids.size() >= STEP && removed > 0) {
                registry.store.afterQueued(
                    () -> step(seenBefore)); // the next page once this one is written
              } else {
                sweeping.set(false);
              }
            });
  }

  private int remove(List<String> ids, long seenBefore) {
    List<String> gone = new ArrayList<>();
    for (String id : ids) {
      UserState user = registry.users.get(id);
      if (user == null) {
        gone.add(id); // in the store, not in memory (another node's, not heard of yet): the store
        // decides
        continue;
      }
      synchronized (user) {
        if (user.connections > 0
            || user.status != Status.OFFLINE
            || user.spoke
            || user.isProtected()) continue;
        user.pruned = true;
      }
      registry.forget(user);
      gone.add(id);
    }
    if (!gone.isEmpty()) {
      registry.write(new Change.UsersPruned(List.copyOf(gone), seenBefore));
      LOG.info(
          "removed {} users who never sent anything and were last seen over a day ago",
          gone.size());
    }
    return gone.size();
  }

  /** Another node removed these users: forget them, unless one is online here (see the method). */
  void removedElsewhere(Change.UsersPruned pruned) {
    for (String id : pruned.userIds()) {
      UserState user = registry.users.get(id);
      if (user == null) continue;
      boolean here;
      synchronized (user) {
        here = user.connections > 0;
        if (!here) user.pruned = true;
      }
      if (!here) {
        registry.forget(user);
        continue;
      }
      // They came back on this node in the instant the other decided: write them again, so that
      // the store and every node keep them (the other nodes learn them as they learn a new user).
      registry.write(
          new Change.UserSaved(
              new Snapshot.UserRow(
                  user.id, user.nick, user.avatar, user.tokenHash, user.createdTs)));
      for (var e : user.rooms.entrySet())
        registry.write(new Change.MemberAdded(e.getKey(), user.id, e.getValue()));
      for (SessionState s : user.sessions.values())
        registry.write(new Change.SessionSaved(s.row()));
    }
  }
}
