package dev.parley.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.domain.Amendment;
import dev.parley.domain.Change;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Search;
import dev.parley.domain.SearchBudget;
import dev.parley.domain.Snapshot;
import dev.parley.domain.Store;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Store} on a SQL database: an SQLite file for a single node, PostgreSQL for a cluster.
 * The two share all of this code; {@link Dialect} holds what differs.
 *
 * <p>Shape: one {@link Writer} thread with its own connection does every write (see there for why);
 * reads go to a small HikariCP pool of read-only connections and run on a bounded pool of {@value
 * #READERS} threads, so that a caller on a Netty event loop never waits for the database. When
 * {@value #READ_QUEUE} reads are already waiting, {@link #history} fails at once with a {@link
 * RejectedExecutionException} instead of queueing without bound: the caller can answer "try again"
 * while the server stays responsive. Searches never use that pool: they run on a {@link SearchPool}
 * of their own, so no query delays a history.
 *
 * <p>Start-up ({@link #open} then {@link #load}) stays small because the node must be ready in 1.5
 * s: Flyway only when the schema is behind ({@link Migrations}), plain JDBC for the reads ({@link
 * Reads}), one eager connection per pool.
 */
public final class SqlStore implements Store {
  private static final Logger log = LoggerFactory.getLogger(SqlStore.class);

  static final int READERS = 4;

  /**
   * Reads that may wait for a reader thread. A reconnect storm is one {@code history} per client
   * and room, and a waiting read costs little memory (a task and a future, about 200 bytes), so the
   * bound is set to ride out several thousand clients catching up at once (most of them are
   * answered from memory before they get here: see the domain's room tail) while still refusing a
   * runaway.
   */
  static final int READ_QUEUE = 16_384;

  private final Writer writer;
  private final SqlInvites invites;
  private final SqlBookmarks bookmarks;
  private final SqlThreadMarks threadMarks;
  private final HikariDataSource readPool;
  private final Reads reads;
  private final SearchReads searches;
  private final ClientIdsInUse clientIds;

  /** Threads and connections of searches alone (see there). */
  private final SearchPool searchPool;

  private final ThreadPoolExecutor readThreads;

  /** PostgreSQL only (where several nodes may create one name); null on SQLite. */
  private final RoomClaims claims;

  private final Dialect dialect;
  private boolean closed;

  /**
   * SQLite: copies the write-ahead log into the file, off the writer's thread; null on PostgreSQL.
   */
  private Checkpointer checkpoints;

  private SqlStore(Writer writer, HikariDataSource readPool, Dialect dialect, String jdbcUrl) {
    this.writer = writer;
    this.invites = new SqlInvites(writer);
    this.claims = dialect == Dialect.POSTGRESQL ? new RoomClaims(dialect, jdbcUrl) : null;
    this.dialect = dialect;
    this.readPool = readPool;
    this.reads = new Reads(readPool);
    this.clientIds = new ClientIdsInUse(readPool);
    this.searchPool = new SearchPool(dialect, jdbcUrl);
    this.searches = new SearchReads(searchPool.connections(), dialect);
    AtomicInteger n = new AtomicInteger();
    this.readThreads =
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
    this.readThreads.allowCoreThreadTimeOut(true);
    this.bookmarks = new SqlBookmarks(writer, readPool, readThreads);
    this.threadMarks = new SqlThreadMarks(writer, readPool, readThreads);
  }

  /**
   * Opens (creating if needed) the database at {@code jdbcUrl}, brings its schema up to date and
   * starts the writer.
   *
   * @param jdbcUrl {@code jdbc:sqlite:/path/file.db} (its directory is created if missing) or
   *     {@code jdbc:postgresql://host:port/db?user=...}
   * @param registry where {@code parley.store.write}, {@code parley.store.batch.size} and {@code
   *     parley.store.queue} are registered
   */
  public static SqlStore open(String jdbcUrl, MeterRegistry registry) {
    Dialect dialect = Dialect.of(jdbcUrl);
    long start = System.nanoTime();
    dialect.prepare(jdbcUrl);
    Migrations.apply(dialect, jdbcUrl);
    Writer writer;
    try {
      writer = new Writer(dialect, jdbcUrl, registry);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the database " + redact(jdbcUrl), e);
    }
    HikariDataSource readPool = null;
    SqlStore store = null;
    try {
      HikariConfig hikari = new HikariConfig();
      hikari.setPoolName("parley-store-read");
      hikari.setMaximumPoolSize(READERS);
      hikari.setConnectionTimeout(5_000);
      dialect.configureReadPool(hikari, jdbcUrl);
      readPool = new HikariDataSource(hikari);
      store = new SqlStore(writer, readPool, dialect, jdbcUrl);
      if (dialect == Dialect.SQLITE) {
        try {
          store.checkpoints = new Checkpointer(jdbcUrl, writer, registry);
          writer.checkpointer(store.checkpoints);
        } catch (SQLException e) {
          throw new IllegalStateException("cannot open the database " + redact(jdbcUrl), e);
        }
      }
      writer.start();
      if (store.checkpoints != null) store.checkpoints.start();
      log.info(
          "store open on {} in {} ms",
          redact(jdbcUrl),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      return store;
    } catch (RuntimeException e) {
      writer.close();
      if (store != null) store.searchPool.close();
      if (readPool != null) readPool.close();
      throw e;
    }
  }

  /** The URL for logs and errors, without a password that may sit in its query. */
  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  @Override
  public Snapshot load() {
    try {
      return reads.load();
    } catch (SQLException e) {
      throw new IllegalStateException("loading the store's snapshot failed", e);
    }
  }

  @Override
  public List<dev.parley.domain.Passkey> passkeys() {
    try {
      return reads.passkeys();
    } catch (SQLException e) {
      throw new IllegalStateException("loading the store's passkeys failed", e);
    }
  }

  @Override
  public dev.parley.domain.RoomRules roomRules() {
    try (java.sql.Connection c = readPool.getConnection()) {
      return ModerationRows.load(c);
    } catch (SQLException e) {
      throw new IllegalStateException("loading the rooms' roles and sanctions failed", e);
    }
  }

  @Override
  public CompletableFuture<List<dev.parley.domain.AuditEntry>> audit(
      String room, Long before, int limit) {
    return read(
        () -> {
          try (java.sql.Connection c = readPool.getConnection()) {
            return ModerationRows.audit(c, room, before, limit);
          }
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
  public void amend(Amendment amendment, Amended callback) {
    writer.amend(amendment, callback);
  }

  @Override
  public void afterQueued(Runnable then) {
    writer.afterQueued(then);
  }

  @Override
  public CompletableFuture<Page> history(String room, Long before, Long after, int limit) {
    return read(limit, () -> reads.page(room, before, after, limit));
  }

  @Override
  public CompletableFuture<Page> thread(String room, long root, Long after, int limit) {
    return read(limit, () -> reads.thread(room, root, after, limit));
  }

  @Override
  public CompletableFuture<Page> changes(String room, long sinceRev, int limit) {
    return read(limit, () -> reads.changes(room, sinceRev, limit));
  }

  @Override
  public CompletableFuture<Search.Page> search(
      Search.Query query, Collection<String> rooms, int limit, SearchBudget budget) {
    if (limit < 1) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("limit must be at least 1: " + limit));
    }
    List<String> copy = List.copyOf(rooms);
    // A message just stored may still wait for its FTS5 row (SearchIndex): it is written first.
    CompletableFuture<Void> searchable = new CompletableFuture<>();
    writer.whenSearchable(() -> searchable.complete(null));
    return searchable.thenCompose(
        ignored -> searchPool.run(budget, () -> searches.search(query, copy, limit, budget)));
  }

  @Override
  public void purge(Purge purge, Purged callback) {
    writer.purge(purge, callback);
  }

  @Override
  public CompletableFuture<java.util.Map<String, Long>> lastSeqs() {
    return read(reads::lastSeqs);
  }

  @Override
  public CompletableFuture<java.util.Map<String, Long>> lastRevs() {
    return read(reads::lastRevs);
  }

  /**
   * On PostgreSQL the database's key and count decide; on SQLite (one node) the domain already has.
   */
  @Override
  public CompletableFuture<RoomClaim> claimRoom(Change.RoomSaved room, int quota, long since) {
    if (claims == null) return CompletableFuture.completedFuture(RoomClaim.CLAIMED);
    return read(() -> claims.claim(room, quota, since));
  }

  @Override
  public dev.parley.domain.Bookmarks bookmarks() {
    return bookmarks;
  }

  @Override
  public dev.parley.domain.ThreadMarks threadMarks() {
    return threadMarks;
  }

  @Override
  public dev.parley.domain.Invites invites() {
    return invites;
  }

  @Override
  public CompletableFuture<String> useLink(String codeHash, long now) {
    return writer.ask("the use of a sign-in code", c -> c.changes.sessions.use(codeHash, now));
  }

  @Override
  public CompletableFuture<String> claimIdentity(
      String issuer, String subject, String userId, long now) {
    return writer.ask(
        "a single sign-on claim", c -> IdentityRows.claim(c.sql(), issuer, subject, userId, now));
  }

  @Override
  public CompletableFuture<List<Snapshot.BanRow>> bans() {
    return read(
        () -> {
          try (java.sql.Connection c = readPool.getConnection()) {
            return BanRows.load(c);
          }
        });
  }

  @Override
  public CompletableFuture<Set<String>> roomsShowing(String url) {
    return read(() -> reads.roomsShowing(url));
  }

  @Override
  public CompletableFuture<dev.parley.domain.PreviewImage.Stored> previewImage(String name) {
    return read(() -> PreviewImageRows.find(readPool, name));
  }

  @Override
  public CompletableFuture<List<Message>> clientIdsInUse(List<Message> messages) {
    if (messages.isEmpty()) return CompletableFuture.completedFuture(List.of());
    return read(() -> clientIds.among(messages));
  }

  @Override
  public CompletableFuture<List<String>> idleUsers(long seenBefore, int max) {
    return read(
        () -> {
          try (java.sql.Connection c = readPool.getConnection()) {
            return UserRows.idle(c, dialect, seenBefore, max);
          }
        });
  }

  @Override
  public CompletableFuture<List<String>> endedSessions(
      long revokedBefore, long expiredBefore, int max) {
    return read(
        () -> {
          try (java.sql.Connection c = readPool.getConnection()) {
            return SessionRows.ended(c, revokedBefore, expiredBefore, max);
          }
        });
  }

  /**
   * Runs a page read on the bounded read pool; a full queue fails at once (see the class comment).
   */
  private CompletableFuture<Page> read(int limit, ReadTasks.Read<Page> read) {
    if (limit < 1) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("limit must be at least 1: " + limit));
    }
    return read(read);
  }

  private <T> CompletableFuture<T> read(ReadTasks.Read<T> read) {
    return ReadTasks.run(readThreads, read);
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    if (checkpoints != null) checkpoints.close();
    writer.close();
    searchPool.close();
    readThreads.shutdown();
    try {
      if (!readThreads.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("store reads still running at close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    readPool.close();
    if (claims != null) claims.close();
  }
}
