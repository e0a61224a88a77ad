package dev.parley.store.sql;

import dev.parley.domain.Amendment;
import dev.parley.domain.Change;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Store;
import dev.parley.store.sql.Queued.Barrier;
import dev.parley.store.sql.Queued.Stop;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes: it owns the queue that {@link Store#append}, {@link Store#write} and
 * the other writes fill, the batch loop, the commit and the recovery from a failed batch. What each
 * write does is its op's ({@link WriteOp}); the rooms' counters are {@link RoomCounters}, the
 * statements live on the {@link WriterConnection}.
 *
 * <p>Why one thread: a seq must be gapless and in the order members receive events. With a single
 * writer the counter is a plain field read and bumped by one thread, and "queue order" is simply
 * the order the thread takes ops off the queue; no lock is needed anywhere.
 *
 * <p>Why batches: each turn takes everything queued (at most {@value #MAX_BATCH} ops), writes it in
 * one transaction and commits once. A commit costs about the same for one row as for a thousand, so
 * under load the cost per event falls as the queue grows, which is exactly when it matters. Answers
 * come after the commit, on this thread, in queue order: per room that is seq order, so whoever
 * fans events out from the callback delivers them in order and never sends an event that is not yet
 * durable. If the batch fails, it is rolled back, the counters it moved go back, and every op in it
 * is answered with the failure.
 *
 * <p>Why an unbounded {@link LinkedBlockingQueue}: {@code append} is called from Netty event loops,
 * which must never block, and the Store contract has no "queue full" answer. Memory is bounded
 * upstream (per-client rate limits and bounded client outbound buffers); the queue length is
 * exported as the gauge {@code parley.store.queue} so that a writer that falls behind is visible
 * long before it matters.
 *
 * <p>Why plain JDBC and not JDBI: the writer needs to control exactly when a JDBC batch is flushed
 * (event inserts go in one {@code executeBatch}, changes keep their relative order) and keeps its
 * prepared statements for the connection's lifetime; JDBI would add a Handle, binding objects and a
 * statement per batch for the same SQL, and its first use costs 0.5 s of class loading (measured,
 * see {@link Reads}). A JDBI writer was not built to compare. Measured through this writer on
 * SQLite (2 busy cores, load average around 10): 15k appends/s with four producers (the bench's
 * {@code WriterThroughput}), 30k to 54k appends/s from one producer in a plain JVM, with batches of
 * about 950 ops; a raw JDBC batch of 1000 inserts alone took 10 to 30 ms on the same machine, so
 * the writer's own overhead is small.
 *
 * <p>Between batches, on SQLite, the writer also writes the deferred search rows when they are due
 * ({@link SearchIndex}) and restarts the log when the {@link Checkpointer} asks.
 */
final class Writer {
  private static final Logger log = LoggerFactory.getLogger(Writer.class);

  static final int MAX_BATCH = 1000;

  private final Dialect dialect;
  private final String url;
  private final LinkedBlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final WriterMetrics metrics;

  private volatile boolean accepting = true;
  private volatile boolean done;
  private boolean started;

  // Everything below belongs to the writer thread (and to the constructor before it starts).
  /** Null while there is none: the next batch opens one. */
  private WriterConnection conn;

  private final RoomCounters counters = new RoomCounters();
  private final ArrayList<Queued> drained = new ArrayList<>(MAX_BATCH);
  private final ArrayList<WriteOp> batch = new ArrayList<>(MAX_BATCH);
  private final ArrayList<Barrier> barriers = new ArrayList<>();
  private final ArrayList<Message> keyed = new ArrayList<>();
  private final TreeSet<String> rooms = new TreeSet<>();

  /** The rooms the batch creates, by name (see {@link WriteOp#creates}). */
  private final java.util.TreeMap<String, Change.RoomSaved> created = new java.util.TreeMap<>();

  private long commits;

  /**
   * Whether some stored message is not yet searchable (SQLite's deferred FTS5 rows); read by
   * searches.
   */
  private volatile boolean searchBehind;

  /** SQLite: the {@link Checkpointer} found the log long; restart it at the next pause. */
  private volatile boolean restartLog;

  /**
   * SQLite: the thread that checkpoints the log, woken every {@link Checkpointer#NUDGE_COMMITS}
   * commits.
   */
  private volatile Checkpointer checkpointer;

  /**
   * Opens the writer's connection (after migrations: statements are prepared against the schema),
   * indexes what the search index lacks and loads the counters; {@link #start} starts the thread.
   */
  Writer(Dialect dialect, String url, MeterRegistry registry) throws SQLException {
    this.dialect = dialect;
    this.url = url;
    WriterConnection c = WriterConnection.open(dialect, url, counters);
    try {
      c.search.backfill(c.sql());
      counters.load(c.sql());
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    conn = c;
    searchBehind = c.search.behind();
    this.metrics = new WriterMetrics(registry, queue);
    this.thread = new Thread(this::run, "parley-store-writer");
    this.thread.setDaemon(true);
  }

  void start() {
    started = true;
    thread.start();
  }

  void append(Event draft, Store.Appended callback) {
    offer(new AppendOp(draft, callback, metrics.append()));
  }

  void amend(Amendment amendment, Store.Amended callback) {
    offer(new AmendOp(amendment, callback));
  }

  void write(Change change) {
    if (!accepting) throw Queued.storeClosed();
    offer(change instanceof Change.Restored r ? new RestoreOp(r) : new ChangeOp(change));
  }

  void purge(Store.Purge purge, Store.Purged callback) {
    offer(new PurgeOp(purge, callback));
  }

  /**
   * Queues {@code step} ({@link AnswerOp}); the future answers its result after the commit, or the
   * failure. {@code what} names it in the log if close drops it.
   */
  <T> CompletableFuture<T> ask(String what, AnswerOp.Step<T> step) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    offer(new AnswerOp<>(what, step, answer));
    return answer;
  }

  void afterQueued(Runnable then) {
    offer(new Barrier(then, false));
  }

  /**
   * Runs {@code then} once every message stored so far is searchable: at once when nothing is
   * deferred, else after the writer indexed what was (on the writer's thread: keep it short).
   */
  void whenSearchable(Runnable then) {
    Barrier b = new Barrier(then, true); // a search is waiting: the deferred FTS5 rows first
    if (searchBehind) offer(b);
    else b.run();
  }

  private void offer(Queued q) {
    if (!accepting) {
      q.closed();
      return;
    }
    queue.add(q);
    if (done) failLeftovers();
  }

  void checkpointer(Checkpointer c) {
    checkpointer = c;
  }

  /** Counts a commit; every so many, the checkpointer is woken. */
  private void committed() {
    Checkpointer c = checkpointer;
    if (c != null && ++commits % Checkpointer.NUDGE_COMMITS == 0) c.nudge();
  }

  /** Called by the {@link Checkpointer}: the writer restarts the log between two batches. */
  void restartLog() {
    restartLog = true;
  }

  /** Stops accepting, lets the thread commit everything queued, and waits for it. */
  void close() {
    accepting = false;
    if (!started) {
      closeConnection();
      done = true;
      failLeftovers();
      return;
    }
    queue.add(Stop.STOP);
    boolean interrupted = joinUninterruptibly(thread);
    failLeftovers();
    if (interrupted) Thread.currentThread().interrupt();
  }

  /**
   * Waits for {@code t} to end, through interrupts; says whether one came (the caller restores it).
   */
  static boolean joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    return interrupted;
  }

  /**
   * An op that raced with close (queued after the writer's last look at the queue) is refused here,
   * by whoever polls it first, so none is left without an answer.
   */
  private void failLeftovers() {
    Queued q;
    while ((q = queue.poll()) != null) q.closed();
  }

  private void run() {
    boolean stopping = false;
    while (true) {
      Queued first;
      if (stopping) {
        first = queue.poll();
        if (first == null) break;
      } else {
        try {
          first = nextOp();
        } catch (InterruptedException e) {
          stopping = true; // nobody interrupts this thread but close; treat it as a stop
          continue;
        }
        if (first == null) { // the deferred search entries are due and nothing else waits
          indexSearch();
          continue;
        }
      }
      drained.add(first);
      queue.drainTo(drained, MAX_BATCH - 1);
      if (sortDrained()) stopping = true;
      if (!batch.isEmpty()) writeBatch();
      batch.clear();
      runBarriers();
      if (restartLog) restartLogNow();
    }
    indexSearch();
    closeConnection();
    done = true;
  }

  /**
   * The next op; while search entries are deferred, waits only until they are due, and returns null
   * then (also when they are overdue because the writer was busy).
   */
  private Queued nextOp() throws InterruptedException {
    if (conn == null || !conn.search.behind()) return queue.take();
    long due = conn.search.dueInNanos();
    if (due == 0) return null;
    return queue.poll(due, TimeUnit.NANOSECONDS);
  }

  /**
   * Sorts what this turn took: ops into the batch, barriers aside (they run once the batch has been
   * answered). True when close's {@link Stop} was among them.
   */
  private boolean sortDrained() {
    boolean stop = false;
    for (int i = 0; i < drained.size(); i++) {
      Queued q = drained.get(i);
      if (q instanceof WriteOp op) batch.add(op);
      else if (q instanceof Barrier b) barriers.add(b);
      else if (q instanceof Stop) stop = true;
      else throw new IllegalStateException("the writer cannot handle " + q);
    }
    drained.clear();
    return stop;
  }

  private void runBarriers() {
    for (int i = 0; i < barriers.size(); i++) {
      if (barriers.get(i).searchableFirst()) {
        indexSearch();
        break;
      }
    }
    for (int i = 0; i < barriers.size(); i++) barriers.get(i).run();
    barriers.clear();
  }

  private void writeBatch() {
    long start = System.nanoTime();
    Throwable failure = null;
    try {
      if (conn == null) conn = WriterConnection.open(dialect, url, counters);
      lookUpResends();
      if (dialect == Dialect.POSTGRESQL) lockRooms();
      for (int i = 0; i < batch.size(); i++) batch.get(i).write(conn);
      conn.flushQueued();
      counters.store();
      conn.commit();
      committed();
    } catch (Throwable e) {
      failure = e;
      recover(e);
    }
    searchBehind = conn != null && conn.search.behind();
    metrics.batch(System.nanoTime() - start, batch.size());
    counters.endBatch();
    if (conn != null) conn.resends.clear();
    for (int i = 0; i < batch.size(); i++) batch.get(i).answer(failure);
  }

  /** The originals of the batch's resent messages, before anything is written. */
  private void lookUpResends() throws SQLException {
    keyed.clear();
    for (int i = 0; i < batch.size(); i++) {
      Message m = batch.get(i).resendKey();
      if (m != null) keyed.add(m);
    }
    if (!keyed.isEmpty()) conn.resends.lookUp(keyed);
  }

  /**
   * PostgreSQL: the row locks of the batch's rooms, in name order (see {@link RoomCounters#lock}).
   */
  private void lockRooms() throws SQLException {
    rooms.clear();
    created.clear();
    for (int i = 0; i < batch.size(); i++) {
      String room = batch.get(i).room();
      if (room != null) rooms.add(room);
      Change.RoomSaved made = batch.get(i).creates();
      if (made != null) created.putIfAbsent(made.name(), made);
    }
    if (!created.isEmpty()) counters.insertCreated(created.values());
    if (!rooms.isEmpty()) counters.lock(rooms);
  }

  /** After a failed batch: roll back, put the counters back, reconnect if the connection died. */
  private void recover(Throwable e) {
    log.error("store batch of {} ops failed and was rolled back", batch.size(), e);
    counters.rollBack(e);
    if (conn == null) return;
    try {
      if (conn.rollBack()) return;
    } catch (SQLException | RuntimeException again) {
      log.warn("rollback failed; reconnecting", again);
    }
    closeConnection();
  }

  /** Writes the deferred FTS5 rows in a transaction of their own. */
  private void indexSearch() {
    if (conn == null || !conn.search.behind()) {
      searchBehind = false;
      return;
    }
    long start = System.nanoTime();
    try {
      conn.search.indexDeferred();
      conn.commit();
      committed();
      metrics.indexed(System.nanoTime() - start);
    } catch (Throwable e) {
      log.error(
          "writing the deferred search entries failed and was rolled back; they stay queued", e);
      try {
        conn.search.clear();
        conn.sql().rollback();
        conn.search.load();
      } catch (SQLException | RuntimeException again) {
        log.warn("rollback failed; reconnecting", again);
        closeConnection();
      }
    }
    searchBehind = conn != null && conn.search.behind();
  }

  /** A {@code RESTART} checkpoint between two batches ({@link Checkpointer#restart}). */
  private void restartLogNow() {
    restartLog = false;
    if (conn == null) return;
    try {
      Checkpointer.restart(conn.sql());
    } catch (SQLException e) {
      log.warn("restarting the write-ahead log failed; the checkpointer will ask again", e);
    }
  }

  private void closeConnection() {
    if (conn == null) return;
    conn.close();
    conn = null;
  }
}
