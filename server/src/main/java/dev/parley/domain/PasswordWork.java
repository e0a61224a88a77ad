package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.SLOW_DOWN;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where passwords are hashed and checked: an Argon2id hash costs tens of milliseconds and 19 MiB,
 * so a storm of sign-ins must neither stall an event loop or the store writer nor queue without
 * end. {@link #THREADS} threads and {@link #QUEUE} waiting jobs; past that a sign-in is answered
 * {@code slow_down} at once. Those threads run at a lower priority than the event loops ({@link
 * Niceness}), so a storm of sign-ins slows sign-ins, not messages.
 *
 * <p>Why one more thread, at the normal priority: a lone sign-in on a busy server. With ten
 * thousand people on one core the loops are busy half the time or more, and at nice 10 a single
 * hash's 40 ms of CPU waited behind them, though nothing else was waiting to hash (sign-in median
 * 173 to 203 ms at 10,500 people, 120 ms with this thread: docs/performance.md, run 23). So a job
 * that finds the lowered pool idle and the prompt thread free runs there, sharing the core as an
 * equal; once hashes pile up (the prompt thread busy, or anything on the pool), they go to the
 * lowered pool, and a storm costs the loops at most that one thread's share.
 */
final class PasswordWork {
  static final int THREADS = 2;
  static final int QUEUE = 64;

  /** Seconds a refused job is told to wait. */
  static final long RETRY_AFTER = 2;

  /** The one normal-priority thread: takes a job only when it is free at once (no queue). */
  private final ThreadPoolExecutor prompt =
      new ThreadPoolExecutor(
          1,
          1,
          30,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          r -> {
            Thread t = new Thread(r, "parley-passwords-prompt");
            t.setDaemon(true);
            return t;
          });

  private final ThreadPoolExecutor pool =
      new ThreadPoolExecutor(
          THREADS,
          THREADS,
          30,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(QUEUE),
          r -> Niceness.lowered(r, "parley-passwords"));

  PasswordWork() {
    prompt.allowCoreThreadTimeOut(true);
    pool.allowCoreThreadTimeOut(true);
  }

  /**
   * Runs {@code job} on the prompt thread when nothing else is hashing, else on the lowered pool;
   * refused with {@code slow_down} when its queue is full.
   */
  void run(Runnable job) {
    if (pool.getActiveCount() == 0 && pool.getQueue().isEmpty()) {
      try {
        prompt.execute(job);
        return;
      } catch (RejectedExecutionException busy) {
        // the prompt thread is hashing: this one waits its turn at the lower priority
      }
    }
    try {
      pool.execute(job);
    } catch (RejectedExecutionException e) {
      throw new ChatException(
          SLOW_DOWN,
          "The server is busy checking passwords; try again in " + RETRY_AFTER + " s.",
          RETRY_AFTER);
    }
  }
}
