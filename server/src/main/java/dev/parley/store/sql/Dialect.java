package dev.parley.store.sql;

import com.zaxxer.hikari.HikariConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * What differs between the embedded store (SQLite) and the cluster store (PostgreSQL).
 *
 * <p>Almost all SQL is shared: both databases speak {@code INSERT ... ON CONFLICT}, partial unique
 * indexes and row values, and the writer moves read markers with a plain {@code UPDATE ... WHERE
 * read_seq < ?} instead of {@code MAX}/{@code GREATEST}. What is left is how connections are opened
 * and tuned, and where the migrations live; that is this class.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=NORMAL}. In WAL mode a commit is a {@code
 * write()} of the transaction's pages to the -wal file; NORMAL skips the fsync on each commit and
 * syncs at checkpoints instead. Once {@code write()} returned, the pages are in the operating
 * system's page cache, which belongs to the kernel and not to our process: a {@code kill -9} (or a
 * JVM crash) of the server loses nothing that was committed. Only a power loss or kernel crash can
 * drop the last few commits, and even then the database stays consistent (WAL frames are
 * checksummed). That is the trade we want for a chat log: no fsync per batch, and "stored before
 * sent" holds for every failure except the machine itself dying. Readers use read-only connections,
 * so a bug in a read path can never write. With {@code secure_delete} on, SQLite overwrites the
 * space a deleted or shortened row frees, so the text of a deleted message is gone from the file
 * once the WAL is checkpointed.
 */
enum Dialect {
  SQLITE("classpath:db/migration/sqlite") {
    @Override
    Connection openWriter(String url) throws SQLException {
      SQLiteConfig config = tuned();
      config.setReadOnly(false);
      Connection c = DriverManager.getConnection(url, config.toProperties());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA wal_autocheckpoint=" + WRITER_AUTOCHECKPOINT_PAGES);
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      return c;
    }

    @Override
    void configureReadPool(HikariConfig hikari, String url) {
      SQLiteConfig config = tuned();
      config.setReadOnly(true);
      SQLiteDataSource ds = new SQLiteDataSource(config);
      ds.setUrl(url);
      hikari.setDataSource(ds);
      hikari.setReadOnly(
          true); // Hikari sets the flag on every connection; SQLite only accepts the one it opened
      // with
    }

    private SQLiteConfig tuned() {
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      config.setBusyTimeout(BUSY_TIMEOUT_MS);
      config.enforceForeignKeys(false);
      config.setTempStore(SQLiteConfig.TempStore.MEMORY);
      // Nothing reads generated keys; left on, the driver runs "SELECT last_insert_rowid()" (a
      // statement prepared and stepped) after every INSERT executed alone: 9 % of the writer's
      // time per message when one message is one batch (WriterCost, profiled).
      config.setGetGeneratedKeys(false);
      // A deleted message's text must leave the file, not linger in a freed cell until reused.
      config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
      return config;
    }

    @Override
    void prepare(String url) {
      String path = url.substring("jdbc:sqlite:".length());
      int query = path.indexOf('?');
      if (query >= 0) path = path.substring(0, query);
      if (path.startsWith("file:")) path = path.substring("file:".length());
      if (path.isEmpty() || path.equals(":memory:") || path.startsWith(":")) return;
      Path parent = Path.of(path).toAbsolutePath().getParent();
      if (parent == null) return;
      try {
        Files.createDirectories(parent);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the directory of the database " + path, e);
      }
    }
  },

  POSTGRESQL("classpath:db/migration/postgresql") {
    @Override
    Connection openWriter(String url) throws SQLException {
      Properties props = new Properties();
      // Lets the driver send one multi-row INSERT for a JDBC batch instead of one per row.
      props.setProperty("reWriteBatchedInserts", "true");
      props.setProperty("ApplicationName", "parley-store-writer");
      Connection c = DriverManager.getConnection(url, props);
      try (Statement s = c.createStatement()) {
        s.execute(CUSTOM_PLANS);
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      return c;
    }

    @Override
    void configureReadPool(HikariConfig hikari, String url) {
      hikari.setJdbcUrl(url);
      hikari.setReadOnly(true);
      hikari.addDataSourceProperty("ApplicationName", "parley-store-read");
      hikari.setConnectionInitSql(CUSTOM_PLANS);
    }

    /**
     * The driver turns a statement used five times into a server-side prepared statement, and
     * PostgreSQL may then keep one generic plan for it. A plan made while {@code events} was nearly
     * empty (a new cluster) is a sequential scan, and it stays one as the table grows: measured
     * here, the writer's duplicate lookup fell to about a hundred appends per second at 50k events.
     * Planning each execution with the real parameters and table size costs a fraction of a
     * millisecond for these queries and keeps them on their indexes.
     */
    private static final String CUSTOM_PLANS = "SET plan_cache_mode = force_custom_plan";
  };

  static final int BUSY_TIMEOUT_MS = 5_000;

  /**
   * SQLite: the WAL size, in pages, at which a committing connection checkpoints by itself. {@link
   * Checkpointer} checkpoints long before (SQLite's default is 1,000); this is a backstop.
   */
  static final int WRITER_AUTOCHECKPOINT_PAGES = 20_000;

  /** Where Flyway finds this dialect's migrations; the only location it scans. */
  final String migrations;

  Dialect(String migrations) {
    this.migrations = migrations;
  }

  static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) return SQLITE;
    if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
    throw new IllegalArgumentException(
        "unsupported database URL (want jdbc:sqlite:... or jdbc:postgresql:...): " + jdbcUrl);
  }

  /** Readies what must exist before the first connection (the SQLite file's directory). */
  void prepare(String url) {}

  /**
   * The writer's own connection, tuned for this database; auto-commit is on until the caller turns
   * it off.
   */
  abstract Connection openWriter(String url) throws SQLException;

  /** Points the read pool at the database with read-only connections. */
  abstract void configureReadPool(HikariConfig hikari, String url);
}
