package dev.parley.domain;

/**
 * What one search may spend, so that no query costs more than the contract allows ("a search is
 * bounded in time and work: at most 2 seconds"). Time runs from when the search was asked: a search
 * that has not started within {@value #START_WITHIN_MILLIS} ms (it waited for a search thread, or
 * for the same user's previous search) answers {@code search_busy}; one that runs stops {@value
 * #RUN_WITHIN_MILLIS} ms after it was asked, or once it has checked {@value #MAX_WORK} chars (each
 * candidate's text once per term), or when {@link #stop} is called (a newer search of the same
 * user, see {@link SearchTurns}), and answers with what it found, a partial page whose {@code next}
 * goes on from where it stopped.
 *
 * <p>Threads: made where the search is asked; {@link #spend} and {@link #exhausted} are called by
 * the one thread running the search at a time; {@link #stop} from any.
 */
public final class SearchBudget {
  /** A search not started this long after it was asked answers {@code search_busy}. */
  public static final long START_WITHIN_MILLIS = 1_000;

  /** A search stops this long after it was asked and answers with what it has. */
  public static final long RUN_WITHIN_MILLIS = 1_500;

  /**
   * Chars a search may check, each candidate's folded text once per term: 2,000 candidates of 2,000
   * chars for eight terms, or about 0.1 s of CPU; ordinary queries check a small part of it.
   */
  public static final long MAX_WORK = 32_000_000;

  private final long askedNanos;
  private final long startWithinNanos;
  private final long runWithinNanos;
  private final long maxWork;

  /** The chars checked so far; owned by the thread running the search. */
  private long work;

  private volatile boolean stopped;

  /**
   * Cancels what the search is waiting for (a database statement); null when it waits for nothing.
   * Guarded by {@code this}: a cancel runs only while it is registered, so it never reaches a
   * statement the search starts after.
   */
  private Runnable onStop;

  private SearchBudget(long maxWork, long startWithinMillis, long runWithinMillis) {
    this.askedNanos = System.nanoTime();
    this.startWithinNanos = startWithinMillis * 1_000_000;
    this.runWithinNanos = runWithinMillis * 1_000_000;
    this.maxWork = maxWork;
  }

  /** The contract's budget for a search asked now. */
  public static SearchBudget start() {
    return new SearchBudget(MAX_WORK, START_WITHIN_MILLIS, RUN_WITHIN_MILLIS);
  }

  /** Another budget for a search asked now (tests): {@code maxWork} chars, these deadlines. */
  public static SearchBudget of(long maxWork, long startWithinMillis, long runWithinMillis) {
    return new SearchBudget(maxWork, startWithinMillis, runWithinMillis);
  }

  /** Whether the search waited too long to start: it should answer {@code search_busy} at once. */
  public boolean tooLateToStart() {
    return stopped || System.nanoTime() - askedNanos > startWithinNanos;
  }

  /** Nanoseconds until the search must stop (negative once past). */
  public long nanosLeft() {
    return askedNanos + runWithinNanos - System.nanoTime();
  }

  /** Records {@code chars} checked. */
  public void spend(long chars) {
    work += chars;
  }

  /** Chars checked so far. */
  public long work() {
    return work;
  }

  /** Whether the search must stop now: stopped, out of time or out of work. */
  public boolean exhausted() {
    return stopped || work >= maxWork || nanosLeft() <= 0;
  }

  /** Stops the search at its next check, and cancels what it is waiting for, if anything. */
  public void stop() {
    stopped = true;
    synchronized (this) {
      if (onStop != null) onStop.run();
    }
  }

  /**
   * Registers what {@link #stop} cancels while the search waits for it (null: nothing). A search
   * registers, then checks {@link #exhausted}, then waits, so a stop is never missed.
   */
  public synchronized void onStop(Runnable cancel) {
    onStop = cancel;
  }
}
