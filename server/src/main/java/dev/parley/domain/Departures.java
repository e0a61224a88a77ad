package dev.parley.domain;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Going offline, after a grace ({@code Settings.offlineGraceMillis}; 2 s from the command line):
 * when a user's last connection here closes, their last-seen time is written at once, but the rest
 * (status, the online list, the nick claim, the cluster's status, the {@code presence} frame) waits
 * until the grace is over. A user back within it (a page reload, a phone changing networks, the
 * client's own retry) changes nothing anyone sees and stays in every welcome's online list. Why:
 * without it every reconnect cost two presence entries to everyone online; in issue 21's capacity
 * ramp, at 4,000 people reconnecting every ten minutes or so, that was 33,000 entries a second
 * against 900 message deliveries. A banned user's connections close with nothing to come back to:
 * they go offline at once.
 */
final class Departures {
  private final Registry registry;
  private final NickClaims nicks;

  /** Users whose last connection here closed and who are not offline yet; any thread. */
  private final Set<UserState> leaving = ConcurrentHashMap.newKeySet();

  Departures(Registry registry, NickClaims nicks) {
    this.registry = registry;
    this.nicks = nicks;
  }

  private long graceNanos() {
    return registry.settings.offlineGraceMillis() * 1_000_000;
  }

  /** One of the user's connections here closed. */
  void closed(UserState user) {
    synchronized (user) {
      if (--user.connections == 0) {
        user.lastSeen = registry.clock.getAsLong();
        registry.store.write(new Change.UserSeen(user.id, user.lastSeen));
        // a banned user does not wait: nobody should see them online a moment longer
        user.leftNanos = System.nanoTime() - (user.banned ? graceNanos() : 0);
        leaving.add(user);
      }
    }
  }

  /**
   * Every gather tick: users whose grace is over, and who did not come back, go offline; with
   * {@code all} (the server is closing) every one of them at once.
   */
  void leave(boolean all) {
    long now = System.nanoTime();
    long grace = graceNanos();
    for (UserState user : leaving) {
      Status shown;
      synchronized (user) {
        if (user.connections > 0) {
          leaving.remove(user); // back within the grace: nothing changed
          continue;
        }
        if (!all && now - user.leftNanos < grace) continue;
        if (!leaving.remove(user)) continue; // another thread took them offline just now
        user.here = Status.OFFLINE;
        nicks.release(user.nick, user.id);
        registry.cluster.status(user.id, Status.OFFLINE);
        registry.cluster.releaseNick(Names.nickKey(user.nick), user.id, false);
        shown = Presence.show(registry, user);
      }
      if (shown != null) registry.coalescer.presence(user.profile(), shown);
    }
  }
}
