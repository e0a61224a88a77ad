package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.SLOW_DOWN;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The small bounded pool where passwords are hashed and checked: an Argon2id hash costs tens of
 * milliseconds and 7 MiB, so a storm of sign-ins must neither stall an event loop or the store
 * writer nor queue without end. {@link #THREADS} threads and {@link #QUEUE} waiting jobs; past that
 * a sign-in is answered {@code slow_down} at once. Its threads run at a lower priority than the
 * event loops ({@link Niceness}), so a storm of sign-ins slows sign-ins, not messages.
 */
final class PasswordWork {
  static final int THREADS = 2;
  static final int QUEUE = 64;

  /** Seconds a refused job is told to wait. */
  static final long RETRY_AFTER = 2;

  private final ThreadPoolExecutor pool =
      new ThreadPoolExecutor(
          THREADS,
          THREADS,
          30,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(QUEUE),
          r -> Niceness.lowered(r, "parley-passwords"));

  PasswordWork() {
    pool.allowCoreThreadTimeOut(true);
  }

  /** Runs {@code job} on the pool; refused with {@code slow_down} when the queue is full. */
  void run(Runnable job) {
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
