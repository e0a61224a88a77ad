package dev.parley.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.domain.Event;
import dev.parley.store.Change;
import dev.parley.store.Snapshot;
import dev.parley.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Store} on a SQL database: an SQLite file for a single node, PostgreSQL for a
 * cluster. The two share all of this code; {@link Dialect} holds what differs.
 *
 * <p>Shape: one {@link Writer} thread with its own connection does every write (see there for
 * why); reads go to a small HikariCP pool of read-only connections and run on a bounded pool of
 * {@value #READERS} threads, so that a caller on a Netty event loop never waits for the
 * database. When {@value #READ_QUEUE} reads are already waiting, {@link #history} fails at once
 * with a {@link RejectedExecutionException} instead of queueing without bound: the caller can
 * answer "try again" while the server stays responsive.
 *
 * <p>Reads and {@link #load} use JDBI: each is one query whose rows map through {@link Rows},
 * and JDBI keeps that to a few lines. Start-up runs Flyway over the dialect's single migration
 * location only, with the default callbacks skipped, which keeps {@link #open} well inside the
 * node's start-up budget.
 */
public final class SqlStore implements Store {
  private static final Logger log = LoggerFactory.getLogger(SqlStore.class);

  static final int READERS = 4;
  static final int READ_QUEUE = 256;

  private final Writer writer;
  private final HikariDataSource readPool;
  private final Jdbi jdbi;
  private final ThreadPoolExecutor reads;
  private boolean closed;

  private SqlStore(Writer writer, HikariDataSource readPool) {
    this.writer = writer;
    this.readPool = readPool;
    this.jdbi = Jdbi.create(readPool);
    AtomicInteger n = new AtomicInteger();
    this.reads =
        new ThreadPoolExecutor(
            READERS,
            READERS,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(READ_QUEUE),
            r -> {
              Thread t = new Thread(r, "parley-store-read-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    this.reads.allowCoreThreadTimeOut(true);
  }

  /**
   * Opens (creating if needed) the database at {@code jdbcUrl}, brings its schema up to date
   * and starts the writer.
   *
   * @param jdbcUrl {@code jdbc:sqlite:/path/file.db} (its directory is created if missing) or
   *     {@code jdbc:postgresql://host:port/db?user=...}
   * @param registry where {@code parley.store.write}, {@code parley.store.batch.size} and
   *     {@code parley.store.queue} are registered
   */
  public static SqlStore open(String jdbcUrl, MeterRegistry registry) {
    Dialect dialect = Dialect.of(jdbcUrl);
    long start = System.nanoTime();
    dialect.prepare(jdbcUrl);
    migrate(dialect, jdbcUrl);
    Writer writer;
    try {
      writer = new Writer(dialect, jdbcUrl, registry);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the database " + redact(jdbcUrl), e);
    }
    HikariDataSource readPool = null;
    try {
      HikariConfig hikari = new HikariConfig();
      hikari.setPoolName("parley-store-read");
      hikari.setMaximumPoolSize(READERS);
      hikari.setConnectionTimeout(5_000);
      dialect.configureReadPool(hikari, jdbcUrl);
      readPool = new HikariDataSource(hikari);
      SqlStore store = new SqlStore(writer, readPool);
      writer.start();
      log.info(
          "store open on {} in {} ms",
          redact(jdbcUrl),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      return store;
    } catch (RuntimeException e) {
      writer.close();
      if (readPool != null) readPool.close();
      throw e;
    }
  }

  private static void migrate(Dialect dialect, String url) {
    try {
      Flyway.configure(SqlStore.class.getClassLoader())
          .dataSource(url, null, null)
          .locations(dialect.migrations)
          .failOnMissingLocations(true)
          .skipDefaultCallbacks(true)
          .cleanDisabled(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      String hint =
          dialect == Dialect.POSTGRESQL && String.valueOf(e.getMessage()).contains("No database found")
              ? " (is org.flywaydb:flyway-database-postgresql on the class path?)"
              : "";
      throw new IllegalStateException("migrating " + redact(url) + " failed" + hint, e);
    }
  }

  /** The URL for logs and errors, without a password that may sit in its query. */
  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  @Override
  public Snapshot load() {
    return jdbi.withHandle(
        h -> {
          List<Snapshot.RoomRow> rooms =
              h.createQuery(Writer.ALL_ROOM_SEQS)
                  .map(
                      (rs, ctx) ->
                          new Snapshot.RoomRow(
                              rs.getString(1),
                              rs.getString(2),
                              rs.getString(3),
                              rs.getLong(4),
                              Math.max(rs.getLong(5), rs.getLong(6))))
                  .list();
          List<Snapshot.UserRow> users =
              h.createQuery("SELECT id, nick, avatar, token_hash, created_ts FROM users ORDER BY id")
                  .map(
                      (rs, ctx) ->
                          new Snapshot.UserRow(
                              rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)))
                  .list();
          List<Snapshot.MemberRow> members =
              h.createQuery("SELECT room, user_id, read_seq FROM members ORDER BY room, user_id")
                  .map((rs, ctx) -> new Snapshot.MemberRow(rs.getString(1), rs.getString(2), rs.getLong(3)))
                  .list();
          return new Snapshot(rooms, users, members);
        });
  }

  @Override
  public void append(Event draft, Appended callback) {
    writer.append(draft, callback);
  }

  @Override
  public void write(Change change) {
    writer.write(change);
  }

  @Override
  public CompletableFuture<Page> history(String room, Long before, Long after, int limit) {
    if (limit < 1) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("limit must be at least 1: " + limit));
    }
    CompletableFuture<Page> page = new CompletableFuture<>();
    try {
      reads.execute(
          () -> {
            try {
              page.complete(page(room, before, after, limit));
            } catch (Throwable t) {
              page.completeExceptionally(t);
            }
          });
    } catch (RejectedExecutionException e) {
      String why =
          reads.isShutdown()
              ? "the store is closed"
              : "the store's read queue is full (" + READ_QUEUE + " reads waiting)";
      page.completeExceptionally(new RejectedExecutionException(why, e));
    }
    return page;
  }

  /**
   * One page, always read in the direction asked plus one extra row: the extra row is how
   * {@code more} is known without a second query. Pages before a seq (and the latest page) are
   * read newest first and turned around, so the answer is ascending either way. With both
   * {@code before} and {@code after}, the page is the oldest events strictly between them.
   */
  private Page page(String room, Long before, Long after, int limit) {
    boolean forward = after != null;
    StringBuilder sql =
        new StringBuilder("SELECT ").append(Rows.EVENT_COLUMNS).append(" FROM events WHERE room = :room");
    if (after != null) sql.append(" AND seq > :after");
    if (before != null) sql.append(" AND seq < :before");
    sql.append(forward ? " ORDER BY seq ASC" : " ORDER BY seq DESC").append(" LIMIT :n");
    List<Event> events =
        jdbi.withHandle(
            h -> {
              var q = h.createQuery(sql.toString()).bind("room", room).bind("n", limit + 1);
              if (after != null) q.bind("after", after.longValue());
              if (before != null) q.bind("before", before.longValue());
              return q.map((rs, ctx) -> Rows.event(rs)).collectIntoList();
            });
    boolean more = events.size() > limit;
    if (more) events = new ArrayList<>(events.subList(0, limit));
    if (!forward) Collections.reverse(events);
    return new Page(List.copyOf(events), more);
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    writer.close();
    reads.shutdown();
    try {
      if (!reads.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("store reads still running at close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    readPool.close();
  }
}
