package dev.parley.store.sql;

import dev.parley.domain.ThreadMarks;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.sql.DataSource;

/**
 * {@link ThreadMarks} on SQLite or PostgreSQL: a marker moves through the writer ({@link
 * Writer#ask}), the list is read on the store's read pool. The SQL is {@link ThreadRows}'.
 */
final class SqlThreadMarks implements ThreadMarks {
  private final Writer writer;
  private final DataSource pool;
  private final Executor reads;

  SqlThreadMarks(Writer writer, DataSource pool, Executor reads) {
    this.writer = writer;
    this.pool = pool;
    this.reads = reads;
  }

  @Override
  public CompletableFuture<Long> read(String userId, String room, long root, long seq) {
    return writer.ask("a thread's read marker", c -> ThreadRows.read(c, userId, room, root, seq));
  }

  @Override
  public CompletableFuture<List<Item>> threads(String userId, Cursor after, int limit) {
    CompletableFuture<List<Item>> answer = new CompletableFuture<>();
    try {
      reads.execute(
          () -> {
            try (Connection c = pool.getConnection()) {
              answer.complete(ThreadRows.threads(c, userId, after, limit));
            } catch (Throwable t) {
              answer.completeExceptionally(t);
            }
          });
    } catch (RejectedExecutionException e) {
      answer.completeExceptionally(e);
    }
    return answer;
  }
}
