package dev.parley.domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the scheduling priority of the calling thread: Linux's "nice" raised by {@link #LOWER_BY}.
 *
 * <p>Why: an Argon2id hash costs 20 to 50 ms of CPU, and 200 people signing in at once keep the
 * hashing threads busy for seconds. At the same priority as the event loops they take half of each
 * core they run on, and a message's delivery waits behind them (the sign-in storm of
 * docs/performance.md). At nice 5 the kernel weighs a busy event loop three times a hashing thread
 * (1024 to 335), and the hashes still use every cycle the loops leave idle: sign-ins wait a little
 * longer, messages do not. Why 5, not the 10 of before: at 10 (nine tenths to the loop) a sign-in
 * at 10,500 people on one core waited behind the loops long enough to pass the capacity run's 500
 * ms p99 (575 and 500 ms), at 5 it did not (195 and 334 ms), with delivery p99 no worse (run 27:
 * two pairs of fresh steps, in both orders).
 *
 * <p>Why not {@link Thread#setPriority}: HotSpot ignores Java priorities on Linux unless started
 * with {@code -XX:ThreadPriorityPolicy=1}, which needs root. Linux schedules every thread as a task
 * of its own and lets any process raise the niceness of its own tasks, so {@code renice} on the
 * thread's id works without privileges; the id is the last part of {@code /proc/thread-self}. Java
 * 17 has no foreign-function call for {@code setpriority}, hence the small process, once per thread
 * at its start. Best effort: without {@code /proc} or {@code renice} nothing changes and a line is
 * logged.
 */
final class Niceness {
  static final int LOWER_BY = 5;

  private static final Logger log = LoggerFactory.getLogger(Niceness.class);

  private Niceness() {}

  /** Runs {@code job} on a thread that first lowers its own priority. */
  static Thread lowered(Runnable job, String name) {
    Thread t =
        new Thread(
            () -> {
              lowerCurrentThread();
              job.run();
            },
            name);
    t.setDaemon(true);
    return t;
  }

  /** Returns whether the calling thread's niceness was raised. */
  static boolean lowerCurrentThread() {
    try {
      Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
      String tid = self.getFileName().toString();
      Process p =
          new ProcessBuilder("renice", "-n", "+" + LOWER_BY, "-p", tid)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) return true;
      p.destroyForcibly();
      log.info("renice of thread {} failed; it keeps the normal priority", tid);
    } catch (IOException | UnsupportedOperationException e) {
      log.info("thread priority not lowered ({}); it keeps the normal priority", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }
}
