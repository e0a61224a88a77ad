package dev.parley.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes sessions that have ended: every sign-in makes one ({@link Logins#open}), and without this
 * each revoked or expired one would be kept for ever, a row and a place in every node's memory
 * ({@link Registry#byToken}, {@link Registry#sessions}, {@link UserState#sessions}): one person or
 * a script signing in by the thousand would grow memory without bound. The policy, and why:
 *
 * <ul>
 *   <li>A <b>revoked</b> session is removed once it has been unused for {@code --session-idle}:
 *       until then its token still answers {@code session_revoked}, as the contract asks, so a
 *       device signed out from another one is told so rather than treated as a stranger.
 *   <li>An <b>expired</b> one (unused for {@code --session-idle}) once it has been unused for twice
 *       {@code --session-idle}: as long again, telling its device that it has ended.
 *   <li>A session with an open connection (on any node) never: a node that removed one finds out
 *       through {@link #removedElsewhere} on the node where it is open, which writes it back.
 *   <li>And one user holds at most {@link #MAX_ENDED} ended sessions besides their {@link
 *       Logins#MAX_SESSIONS} live ones: past it, the least recently used ended ones go at once
 *       ({@link #trim}, after each sign-in and revoke), so a sign-in loop cannot grow memory even
 *       within the idle window.
 * </ul>
 *
 * A removed session's token is then unknown, which {@code hello} treats as no token at all.
 *
 * <p>As {@link IdleUsers}: called on a schedule ({@link #EVERY_MILLIS}), one sweep at a time, the
 * store says which sessions qualify ({@link Store#endedSessions}, on its read pool, so no thread of
 * the caller's walks every session), this node keeps those it knows to be in use and forgets the
 * rest, and {@link Change.SessionsRemoved} removes them through the writer (only those still ended
 * in its transaction) and from the other nodes' memory ({@link Replica}). A full page asks again
 * once it is written.
 */
final class EndedSessions {
  /** How often the sweep runs. */
  static final long EVERY_MILLIS = 10L * 60 * 1000;

  /** Sessions looked at per step. */
  static final int STEP = 500;

  /** The most ended sessions (revoked or expired) one user keeps in memory and in the store. */
  static final int MAX_ENDED = 20;

  private static final Logger LOG = LoggerFactory.getLogger(EndedSessions.class);

  private final Registry registry;
  private final Logins logins;
  private final AtomicBoolean sweeping = new AtomicBoolean();

  EndedSessions(Registry registry, Logins logins) {
    this.registry = registry;
    this.logins = logins;
  }

  void sweep() {
    if (!sweeping.compareAndSet(false, true)) return;
    long now = registry.clock.getAsLong();
    long idle = logins.idleMillis;
    step(now - idle, now - 2 * idle);
  }

  /** Whether a sweep is still going. */
  boolean sweeping() {
    return sweeping.get();
  }

  private void step(long revokedBefore, long expiredBefore) {
    registry
        .store
        .endedSessions(revokedBefore, expiredBefore, STEP)
        .whenComplete(
            (ids, failure) -> {
              if (failure != null) {
                LOG.warn("looking for ended sessions failed", failure);
                sweeping.set(false);
                return;
              }
              int removed = 0;
              try {
                removed = remove(ids, revokedBefore, expiredBefore);
              } catch (RuntimeException e) {
                LOG.error("removing ended sessions failed", e);
              }
              if (ids.size() >= STEP && removed > 0) {
                registry.store.afterQueued(() -> step(revokedBefore, expiredBefore));
              } else {
                sweeping.set(false);
              }
            });
  }

  private int remove(List<String> ids, long revokedBefore, long expiredBefore) {
    List<String> gone = new ArrayList<>();
    for (String id : ids) {
      SessionState s = registry.sessions.get(id);
      if (s == null) {
        gone.add(id); // in the store, not in memory (another node's, not heard of yet): the store
        // decides
        continue;
      }
      boolean due = s.lastSeen < (s.revoked ? revokedBefore : expiredBefore);
      if (!s.clients.isEmpty() || !due) continue; // in use here, or used since the read
      registry.forget(s);
      gone.add(id);
    }
    if (!gone.isEmpty()) {
      // revokedBefore is "now minus --session-idle": the store removes only what is still ended
      registry.write(new Change.SessionsRemoved(List.copyOf(gone), revokedBefore));
      LOG.info("removed {} ended sessions", gone.size());
    }
    return gone.size();
  }

  /**
   * Past {@link #MAX_ENDED} ended sessions of {@code user} (none with a connection here), the least
   * recently used are removed at once.
   */
  void trim(UserState user) {
    long now = registry.clock.getAsLong();
    List<SessionState> ended = new ArrayList<>();
    for (SessionState s : user.sessions.values())
      if (s.clients.isEmpty() && !logins.usable(s)) ended.add(s);
    if (ended.size() <= MAX_ENDED) return;
    ended.sort(Comparator.comparingLong((SessionState s) -> s.lastSeen).reversed());
    List<String> gone = new ArrayList<>();
    for (SessionState s : ended.subList(MAX_ENDED, ended.size())) {
      registry.forget(s);
      gone.add(s.id);
    }
    registry.write(new Change.SessionsRemoved(List.copyOf(gone), now - logins.idleMillis));
  }

  /**
   * This node read the store again (a cluster's resync, after it may have missed changes): the
   * sessions it holds that have ended, have no connection here and are no longer stored were
   * removed by another node meanwhile, and are forgotten here too. A session made since the read
   * was asked is not missing from it by that test: a new one has not ended.
   */
  void reloaded(java.util.Set<String> stored) {
    for (SessionState s : registry.sessions.values())
      if (!stored.contains(s.id) && s.clients.isEmpty() && !logins.usable(s)) registry.forget(s);
  }

  /** Another node removed these sessions: forget them, unless one is open here (see the method). */
  void removedElsewhere(Change.SessionsRemoved removed) {
    long now = registry.clock.getAsLong();
    for (String id : removed.sessionIds()) {
      SessionState s = registry.sessions.get(id);
      if (s == null) continue;
      if (s.revoked || s.clients.isEmpty()) {
        registry.forget(s);
        continue;
      }
      // Open on this node (for longer than --session-idle, or since an instant ago): write it back,
      // used now, so that the store and every node keep it (they learn it as a new session).
      s.lastSeen = Math.max(s.lastSeen, now);
      registry.write(new Change.SessionSaved(s.row()));
    }
  }
}
