package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.SLOW_DOWN;

import java.util.Comparator;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The small bounded pool where passwords are hashed and checked: an Argon2id hash costs tens of
 * milliseconds and 7 MiB, so a storm of sign-ins must neither stall an event loop or the store
 * writer nor queue without end. {@link #THREADS} threads and {@link #QUEUE} waiting jobs; past that
 * a job is refused {@code slow_down} at once. Its threads run at a lower priority than the event
 * loops ({@link Niceness}), so a storm of sign-ins slows sign-ins, not messages.
 *
 * <p>The line is fair to those who wait as told: jobs run oldest first by when their request was
 * first asked ({@link PlaceInLine}), and a retry finding the line full takes the place of the job
 * that asked last, which is refused instead (and keeps its own place). So a sign-in refused once is
 * overtaken only by requests that asked before it, of which there are only so many; without this
 * one person could be refused for a minute while newcomers kept taking the freed slots.
 */
final class PasswordWork {
  static final int THREADS = 2;
  static final int QUEUE = 64;

  /** Seconds a refused job is told to wait. */
  static final long RETRY_AFTER = 2;

  /** A job in line; ordered by when its request was first asked, then by arrival. */
  private record Job(
      long since, long order, PlaceInLine place, Runnable work, Consumer<ChatException> refused)
      implements Runnable {
    @Override
    public void run() {
      place.since = 0; // started: a later request from this place waits its own turn
      work.run();
    }
  }

  private static final Comparator<Runnable> OLDEST_FIRST =
      Comparator.comparingLong((Runnable r) -> ((Job) r).since)
          .thenComparingLong(r -> ((Job) r).order);

  private final LongSupplier clock;

  /** The waiting jobs: taken by the pool's threads, added and trimmed under this object's lock. */
  private final PriorityBlockingQueue<Runnable> line =
      new PriorityBlockingQueue<>(QUEUE + 1, OLDEST_FIRST);

  private final ThreadPoolExecutor pool;

  /** Jobs handed in so far; guarded by this object's lock. */
  private long handed;

  PasswordWork() {
    this(System::nanoTime);
  }

  /** {@code clock}: nanoseconds, for when requests asked (tests give their own). */
  PasswordWork(LongSupplier clock) {
    this.clock = clock;
    // an unbounded queue never refuses, so the pool stays at THREADS; the bound is run()'s
    pool =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            line,
            r -> Niceness.lowered(r, "parley-passwords"));
    pool.allowCoreThreadTimeOut(true);
  }

  /** Runs {@code job} as a newcomer; {@code refused} gets the refusal when there is no room. */
  void run(Runnable job, Consumer<ChatException> refused) {
    run(new PlaceInLine(), job, refused);
  }

  /**
   * Runs {@code job} in {@code place}'s turn. When the line is full, either the job asked last goes
   * (if it asked after this one) or this one is refused; either way {@code refused} of the one
   * refused gets {@code slow_down}, on this thread, and its place remembers when it first asked.
   */
  void run(PlaceInLine place, Runnable job, Consumer<ChatException> refused) {
    Job out = null;
    synchronized (this) {
      Job in = new Job(place.since(clock.getAsLong()), handed++, place, job, refused);
      Job last = line.size() < QUEUE ? null : lastAsked();
      if (last != null) {
        if (OLDEST_FIRST.compare(in, last) > 0) out = in;
        else if (line.remove(last)) out = last; // else it started meanwhile: there is room
      }
      if (out != in) pool.execute(in);
      if (out != null) out.place.since = out.since;
    }
    if (out != null) out.refused.accept(busy());
  }

  /** The waiting job that asked last; under the lock, with the line full. */
  private Job lastAsked() {
    Job last = null;
    for (Runnable r : line) {
      Job j = (Job) r;
      if (last == null || OLDEST_FIRST.compare(j, last) > 0) last = j;
    }
    return last;
  }

  private static ChatException busy() {
    return new ChatException(
            SLOW_DOWN,
            "The server is busy checking passwords; try again in " + RETRY_AFTER + " s.",
            RETRY_AFTER)
        .becauseBusy();
  }
}
