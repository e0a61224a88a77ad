package dev.parley.push;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One lane per user on a shared pool: a user's pushes run one after another, in the order they were
 * decided, while different users' run side by side. Without it two pool threads could send a room's
 * two messages the wrong way round, and since a push names its room as its {@code Topic} (the push
 * service keeps only the newest one it holds per topic), the phone would show the older message as
 * the room's last.
 *
 * <p>A lane's waiting tasks count against {@code bound} together with every other lane's; past it a
 * task is refused as the pool itself refuses one ({@link RejectedExecutionException}).
 */
final class PushLanes {
  private final Executor pool;
  private final int bound;

  /** Guarded by {@code this}: the lanes with a task running, and what waits behind it. */
  private final Map<String, ArrayDeque<Runnable>> running = new HashMap<>();

  /** Guarded by {@code this}: the tasks waiting in all lanes. */
  private int waiting;

  /** Guarded by {@code this}: tasks the pool refused when a lane went on to its next one. */
  private long lost;

  PushLanes(Executor pool, int bound) {
    this.pool = pool;
    this.bound = bound;
  }

  /**
   * Runs {@code task} after every earlier task of {@code lane}.
   *
   * @throws RejectedExecutionException when too many wait, or the pool refuses it
   */
  void execute(String lane, Runnable task) {
    synchronized (this) {
      ArrayDeque<Runnable> behind = running.get(lane);
      if (behind != null) {
        if (waiting >= bound) throw new RejectedExecutionException("push lanes full");
        behind.add(task);
        waiting++;
        return;
      }
      running.put(lane, new ArrayDeque<>());
    }
    try {
      start(lane, task);
    } catch (RejectedExecutionException e) {
      next(lane); // a task queued behind this one meanwhile still runs
      throw e;
    }
  }

  /** Tasks lost because the pool refused them when their turn came, since the start. */
  synchronized long lost() {
    return lost;
  }

  /** No lane has a task running or waiting. */
  synchronized boolean idle() {
    return running.isEmpty();
  }

  private void start(String lane, Runnable task) {
    pool.execute(
        () -> {
          try {
            task.run();
          } finally {
            next(lane);
          }
        });
  }

  private void next(String lane) {
    while (true) {
      Runnable task;
      synchronized (this) {
        ArrayDeque<Runnable> behind = running.get(lane);
        task = behind.poll();
        if (task == null) {
          running.remove(lane);
          return;
        }
        waiting--;
      }
      try {
        start(lane, task);
        return;
      } catch (RejectedExecutionException e) {
        synchronized (this) {
          lost++;
        }
      }
    }
  }
}
