package dev.parley.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.domain.Store;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connections the uploads' tables are read and written with, and the one rule about them that
 * differs by database. PostgreSQL orders concurrent writers itself. An SQLite file has one writer
 * at a time, and the store's {@link Writer} must stay it: a write of ours committed between its
 * first read and its first write in a batch would fail that batch (a stale snapshot is never
 * retried), and with it everyone's messages. So on SQLite a write of ours runs on the writer's own
 * thread, between two of its batches ({@link Store#afterQueued}), on a connection of our own: the
 * writer waits for it, never the other way round. Uploads write a few small rows each; the writer
 * barely notices. Once the store is closing it runs such a task at once on the caller's thread,
 * while its writer may still be committing its last batches: that write is refused instead (an
 * upload then gets 503), never made beside the writer.
 *
 * <p>Called on the uploads' threads (never an event loop, never the store's writer thread: a write
 * from there would wait for itself).
 */
final class UploadDb implements AutoCloseable {
  private static final int CONNECTIONS = 3;

  /** How long a write may wait for a pause of the SQLite writer before giving up. */
  private static final long WRITE_WAIT_SECONDS = 30;

  private final HikariDataSource pool;

  /** SQLite: whose writer thread our writes run on; null on PostgreSQL. */
  private final Store serial;

  /** Work on a connection. */
  interface Sql<T> {
    T run(Connection c) throws SQLException;
  }

  UploadDb(String jdbcUrl, Store store) {
    this(jdbcUrl, store, "parley-upload-records");
  }

  /** With a pool of its own, named {@code name} (Web Push's records use one too). */
  UploadDb(String jdbcUrl, Store store, String name) {
    Dialect dialect = Dialect.of(jdbcUrl);
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName(name);
    hikari.setMaximumPoolSize(CONNECTIONS);
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(5_000);
    if (dialect == Dialect.SQLITE) {
      // As the store's writer: its commits run on that writer's thread, so they must not fsync each
      // time.
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      config.setBusyTimeout(Dialect.BUSY_TIMEOUT_MS);
      SQLiteDataSource ds = new SQLiteDataSource(config);
      ds.setUrl(jdbcUrl);
      hikari.setDataSource(ds);
    } else {
      hikari.setJdbcUrl(jdbcUrl);
      hikari.addDataSourceProperty("ApplicationName", name);
    }
    this.pool = new HikariDataSource(hikari);
    this.serial = dialect == Dialect.SQLITE ? store : null;
  }

  <T> T read(Sql<T> work) throws IOException {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * Runs {@code work} in a transaction of its own; on SQLite between two of the store writer's
   * batches.
   */
  <T> T write(Sql<T> work) throws IOException {
    if (serial == null) return transaction(work);
    CompletableFuture<T> done = new CompletableFuture<>();
    Thread caller = Thread.currentThread();
    serial.afterQueued(
        () -> {
          if (Thread.currentThread() == caller) {
            done.completeExceptionally(new IOException("the store is closing"));
            return;
          }
          try {
            done.complete(transaction(work));
          } catch (Throwable t) {
            done.completeExceptionally(t);
          }
        });
    try {
      return done.get(WRITE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (TimeoutException e) {
      throw new IOException(
          "the store's writer did not pause for an upload's write in " + WRITE_WAIT_SECONDS + " s",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private <T> T transaction(Sql<T> work) throws IOException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
