package dev.parley.store.sql;

import dev.parley.domain.Bookmarks;
import dev.parley.domain.Message;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import javax.sql.DataSource;

/**
 * {@link Bookmarks} on SQLite or PostgreSQL: steps through the writer ({@link Writer#ask}), reads
 * on the store's read pool and threads. The SQL is {@link BookmarkRows}'.
 */
final class SqlBookmarks implements Bookmarks {
  private final Writer writer;
  private final DataSource pool;
  private final ThreadPoolExecutor reads;

  SqlBookmarks(Writer writer, DataSource pool, ThreadPoolExecutor reads) {
    this.writer = writer;
    this.pool = pool;
    this.reads = reads;
  }

  @Override
  public CompletableFuture<Outcome> pin(
      String room, long seq, boolean on, String byId, long ts, int max) {
    return writer.ask("a pin", c -> BookmarkRows.pin(c, room, seq, on, byId, ts, max));
  }

  @Override
  public CompletableFuture<List<Message>> pins(String room) {
    return read(c -> BookmarkRows.pins(c, room));
  }

  @Override
  public CompletableFuture<Outcome> save(
      String userId, String room, long seq, boolean on, long ts, int max) {
    return writer.ask("a saved message", c -> BookmarkRows.save(c, userId, room, seq, on, ts, max));
  }

  @Override
  public CompletableFuture<List<Saved>> saved(String userId, int max) {
    return read(c -> BookmarkRows.saved(c, userId, max));
  }

  @Override
  public CompletableFuture<Long> seqAt(String room, long ts) {
    return read(c -> BookmarkRows.seqAt(c, room, ts));
  }

  @Override
  public List<String[]> notifyLevels() {
    try (Connection c = pool.getConnection()) {
      return BookmarkRows.notifyLevels(c);
    } catch (SQLException e) {
      throw new IllegalStateException("reading the notification levels failed", e);
    }
  }

  private <T> CompletableFuture<T> read(ReadTasks.OnConnection<T> read) {
    return ReadTasks.onConnection(reads, pool, read);
  }
}
