package dev.parley.domain;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who is online, as every {@code welcome} lists them, kept ready. Why: a welcome lists everyone
 * online, so a storm of N logins built (and encoded) N² views. Here a login appends one view, a
 * welcome takes an {@link Out.Roster} of what is there without copying it, and the encoder can
 * reuse what it wrote for the previous welcome of the same run. Any other change (offline, away,
 * back, renamed) ends the run: the next welcome starts a new one from {@link Registry#online}.
 */
final class Roster {
  /**
   * Runs are numbered across every node in this process, so an encoder never mixes two nodes' runs.
   */
  private static final AtomicLong RUNS = new AtomicLong();

  private final Registry registry;
  // guarded by this
  private Out.UserView[] views = new Out.UserView[0];
  private int size;
  private final Set<String> ids = new HashSet<>();
  private long run;
  private boolean stale = true;

  Roster(Registry registry) {
    this.registry = registry;
  }

  /** A user came online (already in {@link Registry#online}). */
  synchronized void cameOnline(UserState u) {
    if (stale || !ids.add(u.id)) return; // a new run will read it from Registry.online
    if (size == views.length) views = Arrays.copyOf(views, Math.max(16, size * 2));
    views[size++] = new Out.UserView(u.id, u.nick, u.avatar, Status.ONLINE, u.isProtected());
  }

  /** Someone online changed in another way than coming online. */
  synchronized void changed() {
    stale = true;
  }

  /** Everyone online now, not offline. */
  synchronized Out.Roster now() {
    if (stale) {
      stale = false;
      run = RUNS.incrementAndGet();
      ids.clear();
      views = new Out.UserView[Math.max(16, registry.online.size() * 2)];
      size = 0;
      for (UserState u : registry.online.values()) {
        Status status = u.status;
        if (status == Status.OFFLINE || !ids.add(u.id)) continue;
        if (size == views.length) views = Arrays.copyOf(views, size * 2);
        views[size++] = new Out.UserView(u.id, u.nick, u.avatar, status, u.isProtected());
      }
    }
    return new Out.Roster(run, views, size);
  }
}
