package dev.parley.web;

import io.netty.util.ReferenceCounted;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hands work that finished elsewhere (a token lookup after a cluster catch-up, the emoji catalogue
 * built on its own thread, an upload's quota on the uploads' threads) back to the connection's
 * event loop. A loop that is shutting down (the server closing meanwhile) refuses the task with
 * {@link RejectedExecutionException}; whatever the task would have released (a retained request, a
 * held body, an answer not yet written) must then be released by the one handing it over, or it
 * leaks. Every door in {@code web} that hands work back does it here, so that path is written (and
 * tested) once.
 */
final class LoopHandoff {

  private LoopHandoff() {}

  /**
   * Runs {@code then} on {@code loop}: at once when this is its thread, else as its task. When the
   * loop no longer takes tasks, {@code refused} runs instead, on the caller's thread: it releases
   * what {@code then} would have.
   */
  static void run(EventExecutor loop, Runnable then, Runnable refused) {
    if (loop.inEventLoop()) {
      then.run();
      return;
    }
    try {
      loop.execute(then);
    } catch (RejectedExecutionException closing) {
      refused.run();
    }
  }

  /**
   * Runs {@code then} on {@code loop}, then releases {@code held} (whether {@code then} returned or
   * threw); when the loop no longer takes tasks, releases {@code held} without running {@code
   * then}. Either way {@code held} is released exactly once.
   */
  static void runThenRelease(EventExecutor loop, ReferenceCounted held, Runnable then) {
    run(
        loop,
        () -> {
          try {
            then.run();
          } finally {
            held.release();
          }
        },
        held::release);
  }
}
