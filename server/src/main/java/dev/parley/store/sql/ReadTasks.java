package dev.parley.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import javax.sql.DataSource;

/**
 * A read on the store's bounded read threads, answered as a future: the one way {@link SqlStore}
 * and the stores beside it ({@link SqlBookmarks}) read, so that a full queue or a closed store
 * fails at once with the same words everywhere.
 */
final class ReadTasks {
  /** A read that finds its own connection. */
  interface Read<T> {
    T read() throws SQLException;
  }

  /** A read on a connection of the read pool, returned to it afterwards. */
  interface OnConnection<T> {
    T read(Connection c) throws SQLException;
  }

  private ReadTasks() {}

  static <T> CompletableFuture<T> run(ThreadPoolExecutor threads, Read<T> read) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    try {
      threads.execute(
          () -> {
            try {
              answer.complete(read.read());
            } catch (Throwable t) {
              answer.completeExceptionally(t);
            }
          });
    } catch (RejectedExecutionException e) {
      String why =
          threads.isShutdown()
              ? "the store is closed"
              : "the store's read queue is full (" + SqlStore.READ_QUEUE + " reads waiting)";
      answer.completeExceptionally(new RejectedExecutionException(why, e));
    }
    return answer;
  }

  static <T> CompletableFuture<T> onConnection(
      ThreadPoolExecutor threads, DataSource pool, OnConnection<T> read) {
    return run(
        threads,
        () -> {
          try (Connection c = pool.getConnection()) {
            return read.read(c);
          }
        });
  }
}
