package dev.parley.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.domain.ChatException;
import dev.parley.domain.SearchBudget;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Where searches run: {@link #THREADS} threads and as many read-only connections of their own,
 * apart from the store's read pool, so that a history, a catch-up or an export never waits behind a
 * search (issue 14: six expensive searches held all four read threads, and another user's {@code
 * history} took 25 s). Half the cores at most, so that searches at full tilt still leave the event
 * loops and the writer a core.
 *
 * <p>Contract: {@link #run} answers {@code search_busy} at once when {@value #QUEUE} searches
 * already wait, and when a search's turn comes after its budget's start deadline ({@link
 * SearchBudget#tooLateToStart}); at the budget's run deadline it stops the search ({@link
 * SearchBudget#stop}, which cancels the statement it waits for), so none runs on.
 */
final class SearchPool implements AutoCloseable {
  static final int THREADS =
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));

  /** Searches that may wait for a thread; any beyond answer {@code search_busy}. */
  static final int QUEUE = 16;

  interface Work<T> {
    T run() throws SQLException;
  }

  private final HikariDataSource connections;
  private final ThreadPoolExecutor threads;

  /** Stops each search at its deadline. */
  private final ScheduledThreadPoolExecutor deadlines;

  SearchPool(Dialect dialect, String jdbcUrl) {
    HikariConfig hikari = new HikariConfig();
    dialect.configureReadPool(hikari, jdbcUrl);
    hikari.setPoolName("parley-store-search");
    hikari.setMaximumPoolSize(THREADS);
    hikari.setMinimumIdle(0); // opened by the first search, not on the node's start-up path
    hikari.setInitializationFailTimeout(-1);
    hikari.setConnectionTimeout(5_000);
    this.connections = new HikariDataSource(hikari);
    AtomicInteger n = new AtomicInteger();
    this.threads =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            r -> daemon(r, "parley-store-search-" + n.incrementAndGet()),
            new ThreadPoolExecutor.AbortPolicy());
    this.threads.allowCoreThreadTimeOut(true);
    this.deadlines = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "parley-search-deadlines"));
    this.deadlines.setRemoveOnCancelPolicy(true);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** The connections searches read with. */
  DataSource connections() {
    return connections;
  }

  /** Runs {@code work} on a search thread within {@code budget} (see the class comment). */
  <T> CompletableFuture<T> run(SearchBudget budget, Work<T> work) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    try {
      threads.execute(
          () -> {
            if (budget.tooLateToStart()) {
              answer.completeExceptionally(busy());
              return;
            }
            ScheduledFuture<?> deadline =
                deadlines.schedule(
                    budget::stop, Math.max(0, budget.nanosLeft()), TimeUnit.NANOSECONDS);
            try {
              answer.complete(work.run());
            } catch (Throwable t) {
              answer.completeExceptionally(t);
            } finally {
              deadline.cancel(false);
            }
          });
    } catch (RejectedExecutionException e) {
      answer.completeExceptionally(
          threads.isShutdown() ? new RejectedExecutionException("the store is closed", e) : busy());
    }
    return answer;
  }

  static ChatException busy() {
    return new ChatException(
        ChatException.Code.SEARCH_BUSY, "Search is busy; try again in a moment.");
  }

  @Override
  public void close() {
    threads.shutdown();
    deadlines.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    connections.close();
  }
}
