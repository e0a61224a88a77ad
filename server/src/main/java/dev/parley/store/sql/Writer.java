package dev.parley.store.sql;

import dev.parley.domain.Amendment;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Change;
import dev.parley.domain.Retention;
import dev.parley.domain.Store;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes: it owns a dedicated connection, the rooms' seq counters and the
 * queue that {@link Store#append} and {@link Store#write} fill.
 *
 * <p>Why one thread: a seq must be gapless and in the order members receive events. With a
 * single writer the counter is a plain field read and bumped by one thread, and "queue order"
 * is simply the order the thread takes ops off the queue; no lock is needed anywhere.
 *
 * <p>Why batches: each turn takes everything queued (at most {@value #MAX_BATCH} ops), writes it
 * in one transaction and commits once. A commit costs about the same for one row as for a
 * thousand, so under load the cost per event falls as the queue grows, which is exactly when it
 * matters. Callbacks run after the commit, on this thread, in queue order: per room that is seq
 * order, so whoever fans events out from the callback delivers them in order and never sends an
 * event that is not yet durable.
 *
 * <p>Why an unbounded {@link LinkedBlockingQueue}: {@code append} is called from Netty event
 * loops, which must never block, and the Store contract has no "queue full" answer. Memory is
 * bounded upstream (per-client rate limits and bounded client outbound buffers); the queue
 * length is exported as the gauge {@code parley.store.queue} so that a writer that falls behind
 * is visible long before it matters.
 *
 * <p>Why plain JDBC and not JDBI: the writer needs to control exactly when a JDBC batch is
 * flushed (event inserts go in one {@code executeBatch}, changes keep their relative order) and
 * keeps its prepared statements for the connection's lifetime; JDBI would add a Handle, binding
 * objects and a statement per batch for the same SQL, and its first use costs 0.5 s of class
 * loading (measured, see {@link Reads}). A JDBI writer was not built to compare. Measured
 * through this writer on SQLite (2 busy cores, load average around 10): 15k appends/s with
 * four producers in {@code WriterThroughputTest}, 30k to 54k appends/s from one producer in a
 * plain JVM, with batches of about 950 ops; a raw JDBC batch of 1000 inserts alone took 10 to
 * 30 ms on the same machine, so the writer's own overhead is small.
 *
 * <p>Seq counters live in memory, loaded at open from {@code rooms.last_seq} (or the largest
 * seq in {@code events} if that is larger). The batch moves {@code rooms.last_seq} once per
 * touched room with a compare-and-set ({@code WHERE last_seq <= before}); if another writer
 * moved it, the batch fails instead of forking the log, and the room's counter is reloaded from
 * the database before the next use. On PostgreSQL, where the nodes of a cluster write the same
 * rooms, that would fail most batches of a room written from several nodes at once, so each
 * batch first locks its rooms' rows and reads the counters from them ({@link #lockRooms}): the
 * nodes take turns on a room a batch at a time and the compare-and-set always holds.
 */
final class Writer {
  private static final Logger log = LoggerFactory.getLogger(Writer.class);

  static final int MAX_BATCH = 1000;
  /** How long a log restart may wait for readers still on the old log. */
  private static final int RESTART_WAIT_MS = 20;
  /** Largest number of (user_id, client_id) pairs looked up in one query. */
  private static final int MAX_LOOKUP = 256;

  private static final Object STOP = new Object();

  private static final String UPSERT_USER =
      "INSERT INTO users (id, nick, avatar, token_hash, created_ts) VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT (id) DO UPDATE SET nick = excluded.nick, avatar = excluded.avatar";
  private static final String UPSERT_ROOM =
      "INSERT INTO rooms (name, topic, created_by, created_ts) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (name) DO UPDATE SET topic = excluded.topic";
  private static final String ADD_MEMBER =
      "INSERT INTO members (room, user_id, read_seq) VALUES (?, ?, ?)"
          + " ON CONFLICT (room, user_id) DO NOTHING";
  private static final String REMOVE_MEMBER = "DELETE FROM members WHERE room = ? AND user_id = ?";
  private static final String MOVE_READ =
      "UPDATE members SET read_seq = ? WHERE room = ? AND user_id = ? AND read_seq < ?";
  private static final String MOVE_LAST_SEQ =
      "UPDATE rooms SET last_seq = ?, last_rev = ? WHERE name = ? AND last_seq <= ? AND last_rev <= ?";
  /** -1 in the first column: no such room. */
  private static final String ROOM_SEQ =
      "SELECT COALESCE((SELECT last_seq FROM rooms WHERE name = ?), -1),"
          + " COALESCE((SELECT MAX(seq) FROM events WHERE room = ?), 0),"
          + " COALESCE((SELECT last_rev FROM rooms WHERE name = ?), 0),"
          + " COALESCE((SELECT MAX(rev) FROM events WHERE room = ? AND rev > 0), 0)";
  static final String ALL_ROOM_SEQS =
      "SELECT r.name, r.topic, r.created_by, r.created_ts, r.last_seq,"
          + " (SELECT MAX(e.seq) FROM events e WHERE e.room = r.name), r.last_rev,"
          + " (SELECT MAX(e.rev) FROM events e WHERE e.room = r.name AND e.rev > 0),"
          + " (SELECT MIN(e.seq) FROM events e WHERE e.room = r.name),"
          + " r.retention_days, r.retention_count, r.retention_own FROM rooms r ORDER BY r.name";
  private static final String SELECT_MESSAGE =
      "SELECT " + Rows.EVENT_COLUMNS + " FROM events WHERE room = ? AND seq = ? AND kind = 'message'";
  private static final String ADD_REACTION =
      "INSERT INTO reactions (room, seq, emoji, user_id, rev) VALUES (?, ?, ?, ?, ?)";
  private static final String REMOVE_REACTION =
      "DELETE FROM reactions WHERE room = ? AND seq = ? AND emoji = ? AND user_id = ?";
  private static final String REMOVE_REACTIONS = "DELETE FROM reactions WHERE room = ? AND seq = ?";
  private static final String SET_RETENTION =
      "UPDATE rooms SET retention_days = ?, retention_count = ?, retention_own = ? WHERE name = ?";
  /** The oldest events of a room, for a purge step: it reads only as far as it removes. */
  private static final String OLDEST = "SELECT seq, ts FROM events WHERE room = ? ORDER BY seq LIMIT ?";
  private static final String PURGE_REACTIONS = "DELETE FROM reactions WHERE room = ? AND seq <= ?";
  private static final String PURGE_EVENTS = "DELETE FROM events WHERE room = ? AND seq <= ?";
  /** The oldest event left, by the primary key: its seq, and its ts for the next sweep's look. */
  private static final String FIRST_SEQ = "SELECT seq, ts FROM events WHERE room = ? ORDER BY seq LIMIT 1";

  /**
   * A room's counters: the seq of its latest event and its latest rev (changes to messages);
   * {@code before} and {@code revBefore} are their values when the current batch first touched it.
   */
  private static final class Counter {
    final String room;
    long last;
    long before;
    long rev;
    long revBefore;
    boolean touched;
    boolean fresh;

    Counter(String room, long last, long rev) {
      this.room = room;
      this.last = last;
      this.rev = rev;
    }
  }

  private record Append(Event draft, Store.Appended callback, long queuedNanos) {}

  private record Amend(Amendment amendment, Store.Amended callback) {}

  private record Purge(Store.Purge purge, Store.Purged callback) {}

  /**
   * Not written: runs after the callbacks of its batch, so after everything queued before it;
   * with {@code searchableFirst} (a search waiting, {@link #whenSearchable}) the deferred FTS5
   * rows are written first.
   */
  private record Barrier(Runnable then, boolean searchableFirst) {}

  /** The batch failed on a seq that someone else moved: reload those counters. */
  private static final class SeqConflict extends SQLException {
    SeqConflict(String room) {
      super("rooms.last_seq of " + room + " was moved by another writer");
    }
  }

  private final Dialect dialect;
  private final String url;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Timer writeTimer;
  private final Timer indexTimer;
  private final Timer appendTimer;
  private final DistributionSummary batchSize;

  private volatile boolean accepting = true;
  private volatile boolean done;
  private boolean started;

  // Everything below belongs to the writer thread (and to the constructor before it starts).
  private Connection conn;
  private PreparedStatement insertEvent, upsertUser, upsertRoom, addMember, removeMember, moveRead,
      moveLastSeq, roomSeq, selectMessage, selectReactions, updateMessage, addReaction, removeReaction,
      removeReactions, setRetention, oldest, purgeReactions, purgeEvents, firstSeq, lockRooms;
  private final PreparedStatement[] lookups = new PreparedStatement[Integer.numberOfTrailingZeros(MAX_LOOKUP) + 1];
  private final Map<String, Counter> counters = new HashMap<>();
  private final ArrayList<Object> batch = new ArrayList<>(MAX_BATCH);
  private final ArrayList<Barrier> barriers = new ArrayList<>();
  /** Whether some stored message is not yet searchable (SQLite's deferred FTS5 rows); read by searches. */
  private volatile boolean searchBehind;
  /** SQLite: the {@link Checkpointer} found the log long; restart it at the next pause. */
  private volatile boolean restartLog;
  /** SQLite: the thread that checkpoints the log, woken every {@link Checkpointer#NUDGE_COMMITS} commits. */
  private volatile Checkpointer checkpointer;
  private long commits;
  private final ArrayList<Counter> touched = new ArrayList<>();
  private final Map<String, Message> byClientId = new HashMap<>();
  private final Event[] outcome = new Event[MAX_BATCH];
  /** For an append: it was a resend. For an amendment: it changed nothing. */
  private final boolean[] duplicate = new boolean[MAX_BATCH];
  private final Throwable[] refused = new Throwable[MAX_BATCH];
  /** For a purge: how many events went, and the oldest seq left. */
  private final int[] removed = new int[MAX_BATCH];
  private final long[] firstLeft = new long[MAX_BATCH];
  private final long[] oldestTs = new long[MAX_BATCH];
  private PreparedStatement pendingChange;
  private SearchIndex search;
  private UserRows users;

  /**
   * Opens the writer's connection (after migrations: statements are prepared against the
   * schema) and loads the counters; {@link #start} starts the thread.
   */
  Writer(Dialect dialect, String url, MeterRegistry registry) throws SQLException {
    this.dialect = dialect;
    this.url = url;
    connect();
    try {
      search.backfill(conn);
    } catch (SQLException e) {
      closeConnection();
      throw e;
    }
    try (PreparedStatement ps = conn.prepareStatement(ALL_ROOM_SEQS);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String room = rs.getString(1);
        counters.put(room, new Counter(room, Math.max(rs.getLong(5), rs.getLong(6)), Math.max(rs.getLong(7), rs.getLong(8))));
      }
      conn.commit();
    } catch (SQLException e) {
      closeConnection();
      throw e;
    }
    this.writeTimer =
        Timer.builder("parley.store.write")
            .description("Latency of one writer batch, from its first statement to its commit")
            .publishPercentileHistogram()
            .register(registry);
    this.appendTimer =
        Timer.builder("parley.store.append")
            .description("From an append's arrival in the writer's queue to its answer: the wait for the writer and the commit")
            .publishPercentileHistogram()
            .register(registry);
    this.indexTimer =
        Timer.builder("parley.store.search.index")
            .description("One transaction of deferred search entries (SQLite's FTS5 rows), which holds the writer")
            .publishPercentileHistogram()
            .register(registry);
    this.batchSize =
        DistributionSummary.builder("parley.store.batch.size")
            .description("Ops (appends and changes) written per transaction")
            .baseUnit("ops")
            .register(registry);
    Gauge.builder("parley.store.queue", queue, LinkedBlockingQueue::size)
        .description("Ops waiting for the writer")
        .register(registry);
    this.thread = new Thread(this::run, "parley-store-writer");
    this.thread.setDaemon(true);
  }

  void start() {
    started = true;
    thread.start();
  }

  void append(Event draft, Store.Appended callback) {
    if (!accepting) {
      callback.failed(new IllegalStateException("the store is closed"));
      return;
    }
    queue.add(new Append(draft, callback, System.nanoTime()));
    if (done) failLeftovers();
  }

  void amend(Amendment amendment, Store.Amended callback) {
    if (!accepting) {
      callback.failed(new IllegalStateException("the store is closed"));
      return;
    }
    queue.add(new Amend(amendment, callback));
    if (done) failLeftovers();
  }

  void write(Change change) {
    if (!accepting) throw new IllegalStateException("the store is closed");
    queue.add(change);
    if (done) failLeftovers();
  }

  void purge(Store.Purge purge, Store.Purged callback) {
    if (!accepting) {
      callback.failed(new IllegalStateException("the store is closed"));
      return;
    }
    queue.add(new Purge(purge, callback));
    if (done) failLeftovers();
  }

  void afterQueued(Runnable then) {
    if (!accepting) {
      runSafely(then);
      return;
    }
    queue.add(new Barrier(then, false));
    if (done) failLeftovers();
  }

  /**
   * Runs {@code then} once every message stored so far is searchable: at once when nothing is
   * deferred, else after the writer indexed what was (on the writer's thread: keep it short).
   */
  void whenSearchable(Runnable then) {
    if (!searchBehind || !accepting) {
      runSafely(then);
      return;
    }
    queue.add(new Barrier(then, true)); // a search is waiting: the deferred FTS5 rows first
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
    queue.add(STOP);
    boolean interrupted = joinUninterruptibly(thread);
    failLeftovers();
    if (interrupted) Thread.currentThread().interrupt();
  }

  /** Waits for {@code t} to end, through interrupts; says whether one came (the caller restores it). */
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
   * An op that raced with close (queued after the writer's last look at the queue) is
   * refused here, by whoever polls it first, so none is left without an answer.
   */
  private void failLeftovers() {
    Object op;
    while ((op = queue.poll()) != null) {
      if (op instanceof Append a) {
        safely(a.callback(), null, false, new IllegalStateException("the store is closed"));
      } else if (op instanceof Amend a) {
        safely(a, null, false, new IllegalStateException("the store is closed"));
      } else if (op instanceof Purge p) {
        safely(p, 0, 0, 0, new IllegalStateException("the store is closed"));
      } else if (op instanceof Change c) {
        log.warn("dropped {}: the store was closed", c);
      } else if (op instanceof Barrier b) {
        runSafely(b.then());
      }
    }
  }

  private void run() {
    boolean stopping = false;
    while (true) {
      Object first;
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
      batch.add(first);
      queue.drainTo(batch, MAX_BATCH - 1);
      if (batch.remove(STOP)) stopping = true;
      takeBarriers();
      if (!batch.isEmpty()) writeBatch();
      batch.clear();
      for (int i = 0; i < barriers.size(); i++) {
        if (barriers.get(i).searchableFirst()) {
          indexSearch();
          break;
        }
      }
      for (int i = 0; i < barriers.size(); i++) runSafely(barriers.get(i).then());
      barriers.clear();
      if (restartLog) restartLogNow();
    }
    indexSearch();
    closeConnection();
    done = true;
  }

  /**
   * The next op; while search entries are deferred, waits only until they are due, and
   * returns null then (also when they are overdue because the writer was busy).
   */
  private Object nextOp() throws InterruptedException {
    if (search == null || !search.behind()) return queue.take();
    long due = search.dueInNanos();
    if (due == 0) return null;
    return queue.poll(due, TimeUnit.NANOSECONDS);
  }

  /**
   * A {@code RESTART} checkpoint, so that the next commit writes the log from its start again
   * (see {@link Checkpointer}); run outside any transaction, which it needs.
   */
  private void restartLogNow() {
    restartLog = false;
    if (conn == null) return;
    try {
      conn.setAutoCommit(true);
      try (Statement s = conn.createStatement()) {
        // a reader still on the old log makes it wait: not more than a moment, it is asked again
        s.execute("PRAGMA busy_timeout = " + RESTART_WAIT_MS);
        try {
          s.execute("PRAGMA wal_checkpoint(RESTART)");
        } finally {
          s.execute("PRAGMA busy_timeout = " + Dialect.BUSY_TIMEOUT_MS);
        }
      } finally {
        conn.setAutoCommit(false);
      }
    } catch (SQLException e) {
      log.warn("restarting the write-ahead log failed; the checkpointer will ask again", e);
    }
  }

  /** Writes the deferred FTS5 rows in a transaction of their own. */
  private void indexSearch() {
    if (conn == null || search == null || !search.behind()) {
      searchBehind = false;
      return;
    }
    long start = System.nanoTime();
    try {
      search.indexDeferred();
      conn.commit();
      committed();
      indexTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    } catch (Throwable e) {
      log.error("writing the deferred search entries failed and was rolled back; they stay queued", e);
      try {
        search.clear();
        conn.rollback();
        search.load();
      } catch (SQLException | RuntimeException again) {
        log.warn("rollback failed; reconnecting", again);
        closeConnection();
      }
    }
    searchBehind = search != null && search.behind();
  }

  /** Moves the batch's barriers aside: they run once the rest of the batch has been answered. */
  private void takeBarriers() {
    for (int i = 0; i < batch.size(); i++) {
      if (batch.get(i) instanceof Barrier b) barriers.add(b);
    }
    if (!barriers.isEmpty()) batch.removeIf(op -> op instanceof Barrier);
  }

  private void writeBatch() {
    long start = System.nanoTime();
    Throwable failure = null;
    try {
      if (conn == null) connect();
      lookUpClientIds();
      if (dialect == Dialect.POSTGRESQL) lockRooms();
      for (int i = 0; i < batch.size(); i++) {
        Object op = batch.get(i);
        if (op instanceof Append a) {
          assign(i, a.draft());
        } else if (op instanceof Amend a) {
          amend(i, a.amendment());
        } else if (op instanceof Purge p) {
          purge(i, p.purge());
        } else {
          apply((Change) op);
        }
      }
      flushChange();
      insertEvent.executeBatch();
      search.flush();
      for (Counter c : touched) {
        if (c.last == c.before && c.rev == c.revBefore) continue;
        moveLastSeq.setLong(1, c.last);
        moveLastSeq.setLong(2, c.rev);
        moveLastSeq.setString(3, c.room);
        moveLastSeq.setLong(4, c.before);
        moveLastSeq.setLong(5, c.revBefore);
        if (moveLastSeq.executeUpdate() != 1) throw new SeqConflict(c.room);
      }
      conn.commit();
      committed();
    } catch (Throwable e) {
      failure = e;
      recover(e);
    }
    searchBehind = search != null && search.behind();
    writeTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    batchSize.record(batch.size());
    for (Counter c : touched) c.touched = c.fresh = false;
    touched.clear();
    byClientId.clear();
    answer(failure);
  }

  /**
   * Finds the stored originals of the batch's messages in a few queries for the whole batch
   * (one lookup per message would cost a round trip each on PostgreSQL). PostgreSQL gets all
   * pairs as two arrays joined against the index; SQLite, which has no array parameters, gets
   * row-value IN lists of a power-of-two length, so only a handful of statements are ever
   * prepared. Both were measured: on PostgreSQL the IN lists cost a fresh plan of up to 256
   * OR branches per query and held the writer near 4k appends/s, the arrays do not.
   */
  private void lookUpClientIds() throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      lookUpWithArrays();
      return;
    }
    int from = 0;
    int n = batch.size();
    while (from < n) {
      int count = 0;
      int to = from;
      for (; to < n && count < MAX_LOOKUP; to++) {
        if (clientKeyed(batch.get(to)) != null) count++;
      }
      if (count > 0) lookUp(from, to, count);
      from = to;
    }
  }

  private void lookUpWithArrays() throws SQLException {
    int count = 0;
    for (Object op : batch) if (clientKeyed(op) != null) count++;
    if (count == 0) return;
    String[] users = new String[count];
    String[] clientIds = new String[count];
    int k = 0;
    for (Object op : batch) {
      Message m = clientKeyed(op);
      if (m == null) continue;
      users[k] = m.from().id();
      clientIds[k++] = m.id();
    }
    if (lookups[0] == null) {
      lookups[0] =
          conn.prepareStatement(
              "SELECT e." + Rows.EVENT_COLUMNS.replace(", ", ", e.")
                  + " FROM unnest(?::text[], ?::text[]) AS k(u, c)"
                  + " JOIN events e ON e.user_id = k.u AND e.client_id = k.c WHERE e.client_id IS NOT NULL");
    }
    PreparedStatement ps = lookups[0];
    ps.setArray(1, conn.createArrayOf("text", users));
    ps.setArray(2, conn.createArrayOf("text", clientIds));
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Message stored = (Message) Rows.event(rs);
        byClientId.put(key(stored), stored);
      }
    }
  }

  private void lookUp(int from, int to, int count) throws SQLException {
    int size = Integer.highestOneBit(count);
    if (size < count) size <<= 1; // round up to a power of two so few statements are prepared
    PreparedStatement ps = lookupStatement(size);
    int p = 1;
    Message last = null;
    for (int i = from; i < to; i++) {
      Message m = clientKeyed(batch.get(i));
      if (m == null) continue;
      ps.setString(p++, m.from().id());
      ps.setString(p++, m.id());
      last = m;
    }
    while (p <= size * 2) { // pad with repeats of the last pair
      ps.setString(p++, last.from().id());
      ps.setString(p++, last.id());
    }
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Message stored = (Message) Rows.event(rs);
        byClientId.put(key(stored), stored);
      }
    }
  }

  private PreparedStatement lookupStatement(int size) throws SQLException {
    int slot = Integer.numberOfTrailingZeros(size);
    if (lookups[slot] == null) {
      StringBuilder sql =
          new StringBuilder("SELECT ")
              .append(Rows.EVENT_COLUMNS)
              .append(" FROM events WHERE client_id IS NOT NULL AND (user_id, client_id) IN (");
      for (int i = 0; i < size; i++) sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
      lookups[slot] = conn.prepareStatement(sql.append(')').toString());
    }
    return lookups[slot];
  }

  private static Message clientKeyed(Object op) {
    return op instanceof Append a && a.draft() instanceof Message m && m.id() != null ? m : null;
  }

  private static String key(Message m) {
    return m.from().id() + '\u0000' + m.id();
  }

  /** Gives the draft at batch index i its seq and queues its insert, or finds its original. */
  private void assign(int i, Event draft) throws SQLException {
    String key = null;
    if (draft instanceof Message m && m.id() != null) {
      key = key(m);
      Message original = byClientId.get(key);
      if (original != null) {
        outcome[i] = original;
        duplicate[i] = true;
        return;
      }
    }
    Counter c = counter(draft.room(), false);
    if (c == null) {
      refused[i] = new IllegalArgumentException("no such room: " + draft.room());
      return;
    }
    touch(c);
    Event event = draft.withSeq(++c.last);
    Rows.bindInsert(insertEvent, event);
    insertEvent.addBatch();
    if (key != null) byClientId.put(key, (Message) event);
    if (event instanceof Message m) search.appended(m);
    outcome[i] = event;
  }

  /**
   * Applies the amendment at batch index i to the message as stored. Inserts and changes queued
   * earlier in this batch are executed first, so an amendment sees a message appended just
   * before it. A refusal from {@link Amendment#apply} answers that op alone; the batch goes on.
   */
  private void amend(int i, Amendment amendment) throws SQLException {
    flushChange();
    insertEvent.executeBatch();
    search.flush();
    Counter c = counter(amendment.room(), false);
    Message current = c == null ? null : load(amendment.room(), amendment.seq());
    Message next;
    try {
      next = amendment.apply(current, (c == null ? 0 : c.rev) + 1);
    } catch (RuntimeException refusal) {
      refused[i] = refusal;
      return;
    }
    outcome[i] = next;
    if (next == current) {
      duplicate[i] = true;
      return;
    }
    touch(c);
    c.rev = next.rev();
    Rows.bindChange(updateMessage, next);
    updateMessage.executeUpdate();
    if (next.deleted() || !Objects.equals(next.text(), current.text())) search.amended(next);
    if (next.deleted()) {
      removeReactions.setString(1, next.room());
      removeReactions.setLong(2, next.seq());
      removeReactions.executeUpdate();
      return;
    }
    for (Map.Entry<String, List<String>> e : current.reactions().entrySet()) {
      List<String> now = next.reactions().getOrDefault(e.getKey(), List.of());
      for (String user : e.getValue()) {
        if (now.contains(user)) continue;
        removeReaction.setString(1, next.room());
        removeReaction.setLong(2, next.seq());
        removeReaction.setString(3, e.getKey());
        removeReaction.setString(4, user);
        removeReaction.executeUpdate();
      }
    }
    for (Map.Entry<String, List<String>> e : next.reactions().entrySet()) {
      List<String> was = current.reactions().getOrDefault(e.getKey(), List.of());
      for (String user : e.getValue()) {
        if (was.contains(user)) continue;
        addReaction.setString(1, next.room());
        addReaction.setLong(2, next.seq());
        addReaction.setString(3, e.getKey());
        addReaction.setString(4, user);
        addReaction.setLong(5, next.rev());
        addReaction.executeUpdate();
      }
    }
  }

  /**
   * One retention step (see {@link Store#purge}). Inserts and changes queued earlier in this
   * batch are executed first, so the oldest seq left is right even when the step empties the
   * log. The rows are read oldest first only as far as they qualify, and removed with two
   * range deletes on the primary keys: a step of a few hundred events costs a few milliseconds
   * of the writer's time, which is what keeps sends flowing during a long purge.
   */
  private void purge(int i, Store.Purge p) throws SQLException {
    flushChange();
    insertEvent.executeBatch();
    Counter c = counter(p.room(), false);
    if (c == null) {
      refused[i] = new IllegalArgumentException("no such room: " + p.room());
      return;
    }
    oldest.setString(1, p.room());
    oldest.setInt(2, Math.max(1, p.max()));
    long last = -1;
    int n = 0;
    try (ResultSet rs = oldest.executeQuery()) {
      while (rs.next() && (rs.getLong(1) <= p.throughSeq() || rs.getLong(2) < p.beforeTs())) {
        last = rs.getLong(1);
        n++;
      }
    }
    if (n > 0) {
      purgeReactions.setString(1, p.room());
      purgeReactions.setLong(2, last);
      purgeReactions.executeUpdate();
      purgeEvents.setString(1, p.room());
      purgeEvents.setLong(2, last);
      purgeEvents.executeUpdate();
      search.purged(p.room(), last); // their search entries go in the same transaction
    }
    firstSeq.setString(1, p.room());
    long first = c.last + 1;
    long ts = Long.MAX_VALUE;
    try (ResultSet rs = firstSeq.executeQuery()) {
      if (rs.next()) {
        first = rs.getLong(1);
        ts = rs.getLong(2);
      }
    }
    removed[i] = n;
    firstLeft[i] = first;
    oldestTs[i] = ts;
  }

  /**
   * An exported event back into its room's log with its own seq and rev; reactions get ranks
   * 1, 2, 3 ... in their exported order (a rank only orders a message's reactions, and every
   * later reaction takes a rev above the room's, so above these).
   */
  private void restore(Event event) throws SQLException {
    Counter c = counter(event.room(), false);
    if (c == null) throw new SQLException("cannot restore into a room that does not exist: " + event.room());
    if (event.seq() <= c.last) throw new SQLException(event.room() + " already holds seq " + event.seq());
    touch(c);
    Rows.bindInsert(insertEvent, event);
    insertEvent.addBatch();
    c.last = event.seq();
    if (!(event instanceof Message m)) return;
    search.restored(m);
    c.rev = Math.max(c.rev, m.rev());
    long rank = 0;
    for (Map.Entry<String, List<String>> e : m.reactions().entrySet()) {
      for (String user : e.getValue()) {
        addReaction.setString(1, m.room());
        addReaction.setLong(2, m.seq());
        addReaction.setString(3, e.getKey());
        addReaction.setString(4, user);
        addReaction.setLong(5, ++rank);
        addReaction.executeUpdate();
      }
    }
  }

  /** The stored message with its reactions, or null when the seq holds a notice or nothing. */
  private Message load(String room, long seq) throws SQLException {
    selectMessage.setString(1, room);
    selectMessage.setLong(2, seq);
    List<Event> found = new ArrayList<>(1);
    try (ResultSet rs = selectMessage.executeQuery()) {
      if (rs.next()) found.add(Rows.event(rs));
    }
    if (found.isEmpty()) return null;
    selectReactions.setString(1, room);
    selectReactions.setLong(2, seq);
    try (ResultSet rs = selectReactions.executeQuery()) {
      Rows.attachReactions(found, rs);
    }
    return (Message) found.get(0);
  }

  /**
   * PostgreSQL (where several nodes may write one room): takes the row lock of every room this
   * batch writes to, in name order (so two nodes never wait on each other in a circle), and
   * reads the counters from the locked rows. Another node's batch on the same room waits here
   * until this one commits, then reads the seq this one left: per-room seq assignment is
   * serialised by the database, a batch at a time, and the compare-and-set below can no longer
   * fail. The cost is one query per batch, and a hot room written from several nodes moves at
   * the rate of their batches, not of a retry loop.
   */
  private void lockRooms() throws SQLException {
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    for (Object op : batch) {
      String room = null;
      if (op instanceof Append a) room = a.draft().room();
      else if (op instanceof Amend a) room = a.amendment().room();
      else if (op instanceof Purge p) room = p.purge().room();
      else if (op instanceof Change.Restored r) room = r.event().room();
      else if (op instanceof Change.RoomSaved r) room = r.name();
      else if (op instanceof Change.RetentionSet r) room = r.room();
      if (room != null) names.add(room);
    }
    if (names.isEmpty()) return;
    if (lockRooms == null) {
      lockRooms =
          conn.prepareStatement(
              "SELECT name, last_seq, last_rev FROM rooms WHERE name = ANY(?) ORDER BY name FOR UPDATE");
    }
    lockRooms.setArray(1, conn.createArrayOf("text", names.toArray()));
    try (ResultSet rs = lockRooms.executeQuery()) {
      while (rs.next()) {
        String room = rs.getString(1);
        Counter c = counters.get(room);
        if (c == null) {
          c = new Counter(room, rs.getLong(2), rs.getLong(3));
          c.fresh = true;
          counters.put(room, c);
        } else {
          c.last = rs.getLong(2);
          c.rev = rs.getLong(3);
        }
        touch(c);
      }
    }
  }

  /** The room's counter; unknown rooms are looked up (another node may have made them). */
  private Counter counter(String room, boolean create) throws SQLException {
    Counter c = counters.get(room);
    if (c != null) return c;
    for (int p = 1; p <= 4; p++) roomSeq.setString(p, room);
    long last;
    long rev;
    try (ResultSet rs = roomSeq.executeQuery()) {
      rs.next();
      long lastSeq = rs.getLong(1);
      if (lastSeq < 0 && !create) return null;
      last = Math.max(lastSeq, rs.getLong(2));
      rev = Math.max(rs.getLong(3), rs.getLong(4));
    }
    c = new Counter(room, last, rev);
    c.fresh = true;
    counters.put(room, c);
    touch(c);
    return c;
  }

  private void touch(Counter c) {
    if (c.touched) return;
    c.touched = true;
    c.before = c.last;
    c.revBefore = c.rev;
    touched.add(c);
  }

  private void apply(Change change) throws SQLException {
    if (change instanceof Change.UserSaved u) {
      flushChange();
      PreparedStatement ps = upsertUser;
      ps.setString(1, u.user().id());
      ps.setString(2, u.user().nick());
      ps.setString(3, u.user().avatar());
      ps.setString(4, u.user().tokenHash());
      ps.setLong(5, u.user().createdTs());
      ps.executeUpdate();
    } else if (change instanceof Change.RoomSaved r) {
      counter(r.name(), true); // a new room's log starts at 0
      flushChange();
      PreparedStatement ps = upsertRoom;
      ps.setString(1, r.name());
      ps.setString(2, r.topic() == null ? "" : r.topic());
      ps.setString(3, r.createdBy());
      ps.setLong(4, r.createdTs());
      ps.executeUpdate();
    } else if (change instanceof Change.Restored r) {
      restore(r.event());
    } else if (change instanceof Change.RetentionSet r) {
      flushChange();
      PreparedStatement ps = setRetention;
      Retention policy = r.retention();
      setNullableInt(ps, 1, policy == null ? null : policy.days());
      setNullableInt(ps, 2, policy == null ? null : policy.count());
      ps.setBoolean(3, policy != null);
      ps.setString(4, r.room());
      ps.executeUpdate();
    } else if (change instanceof Change.MemberAdded m) {
      PreparedStatement ps = changeStatement(addMember);
      ps.setString(1, m.room());
      ps.setString(2, m.userId());
      ps.setLong(3, m.readSeq());
      ps.addBatch();
    } else if (change instanceof Change.MemberRemoved m) {
      PreparedStatement ps = changeStatement(removeMember);
      ps.setString(1, m.room());
      ps.setString(2, m.userId());
      ps.addBatch();
    } else if (change instanceof Change.UserSeen || change instanceof Change.UserSpoke) {
      users.add(changeStatement(users.statement(change)), change);
    } else if (change instanceof Change.UsersPruned p) {
      flushChange();
      users.prune(p);
    } else if (change instanceof Change.ReadMoved r) {
      PreparedStatement ps = changeStatement(moveRead);
      ps.setLong(1, r.seq());
      ps.setString(2, r.room());
      ps.setString(3, r.userId());
      ps.setLong(4, r.seq());
      ps.addBatch();
    }
  }

  private static void setNullableInt(PreparedStatement ps, int index, Integer value) throws SQLException {
    if (value == null) ps.setNull(index, java.sql.Types.INTEGER);
    else ps.setInt(index, value);
  }

  /**
   * Changes keep their relative order (add, remove, add again must end with a member), so a
   * run of the same statement is batched and a different statement first flushes the run.
   * Event inserts touch only {@code events}, which no change reads, so they go in one batch.
   * The two upserts run one by one: PostgreSQL's driver rewrites a batch of inserts into one
   * multi-row INSERT, and {@code ON CONFLICT DO UPDATE} refuses to touch the same row twice in
   * one command (a user saved twice in a batch); they are rare enough not to matter.
   */
  private PreparedStatement changeStatement(PreparedStatement next) throws SQLException {
    if (pendingChange != next) flushChange();
    pendingChange = next;
    return next;
  }

  private void flushChange() throws SQLException {
    if (pendingChange != null) {
      PreparedStatement ps = pendingChange;
      pendingChange = null;
      ps.executeBatch();
    }
  }

  /** After a failed batch: roll back, put the counters back, reconnect if the connection died. */
  private void recover(Throwable e) {
    log.error("store batch of {} ops failed and was rolled back", batch.size(), e);
    pendingChange = null;
    boolean conflict = e instanceof SeqConflict;
    for (Counter c : touched) {
      if (c.fresh || conflict) {
        counters.remove(c.room);
      } else {
        c.last = c.before;
        c.rev = c.revBefore;
      }
    }
    if (conn == null) return;
    try {
      insertEvent.clearBatch();
      search.clear();
      for (PreparedStatement ps : List.of(addMember, removeMember, moveRead)) {
        ps.clearBatch();
      }
      users.clear();
      conn.rollback();
      if (conn.isValid(2)) {
        search.load(); // the rollback took back what this batch deferred or indexed
        return;
      }
    } catch (SQLException | RuntimeException again) {
      log.warn("rollback failed; reconnecting", again);
    }
    closeConnection();
  }

  private void answer(Throwable failure) {
    for (int i = 0; i < batch.size(); i++) {
      Object op = batch.get(i);
      Throwable refusal = failure != null ? failure : refused[i];
      if (op instanceof Append a) {
        appendTimer.record(System.nanoTime() - a.queuedNanos(), TimeUnit.NANOSECONDS);
        safely(a.callback(), outcome[i], duplicate[i], refusal);
      } else if (op instanceof Amend a) {
        safely(a, (Message) outcome[i], !duplicate[i], refusal);
      } else if (op instanceof Purge p) {
        safely(p, removed[i], firstLeft[i], oldestTs[i], refusal);
      }
      removed[i] = 0;
      firstLeft[i] = 0;
      oldestTs[i] = 0;
      outcome[i] = null;
      duplicate[i] = false;
      refused[i] = null;
    }
  }

  private static void safely(Store.Appended cb, Event event, boolean dup, Throwable failure) {
    try {
      if (failure != null) cb.failed(failure);
      else cb.stored(event, dup);
    } catch (Throwable t) {
      log.error("store callback threw; the writer goes on", t);
    }
  }

  private static void safely(Amend op, Message message, boolean changed, Throwable failure) {
    try {
      if (failure != null) op.callback().failed(failure);
      else op.callback().amended(message, changed);
    } catch (Throwable t) {
      log.error("store callback threw; the writer goes on", t);
    }
  }

  private static void safely(Purge op, int removed, long firstSeq, long oldestTs, Throwable failure) {
    try {
      if (failure != null) op.callback().failed(failure);
      else op.callback().purged(op.purge().room(), removed, firstSeq, oldestTs);
    } catch (Throwable t) {
      log.error("store callback threw; the writer goes on", t);
    }
  }

  private static void runSafely(Runnable task) {
    try {
      task.run();
    } catch (Throwable t) {
      log.error("a task after the store's writes threw; the writer goes on", t);
    }
  }

  private void connect() throws SQLException {
    Connection c = dialect.openWriter(url);
    try {
      c.setAutoCommit(false);
      insertEvent = c.prepareStatement(Rows.INSERT_EVENT);
      upsertUser = c.prepareStatement(UPSERT_USER);
      upsertRoom = c.prepareStatement(UPSERT_ROOM);
      addMember = c.prepareStatement(ADD_MEMBER);
      removeMember = c.prepareStatement(REMOVE_MEMBER);
      moveRead = c.prepareStatement(MOVE_READ);
      moveLastSeq = c.prepareStatement(MOVE_LAST_SEQ);
      roomSeq = c.prepareStatement(ROOM_SEQ);
      selectMessage = c.prepareStatement(SELECT_MESSAGE);
      selectReactions = c.prepareStatement(Rows.SELECT_REACTIONS + " AND seq = ? ORDER BY rev");
      updateMessage = c.prepareStatement(Rows.UPDATE_MESSAGE);
      addReaction = c.prepareStatement(ADD_REACTION);
      removeReaction = c.prepareStatement(REMOVE_REACTION);
      removeReactions = c.prepareStatement(REMOVE_REACTIONS);
      setRetention = c.prepareStatement(SET_RETENTION);
      oldest = c.prepareStatement(OLDEST);
      oldest.setFetchSize(64); // PostgreSQL: a cursor, so a step reads only the rows it looks at
      purgeReactions = c.prepareStatement(PURGE_REACTIONS);
      purgeEvents = c.prepareStatement(PURGE_EVENTS);
      firstSeq = c.prepareStatement(FIRST_SEQ);
      search = new SearchIndex(dialect, c);
      users = new UserRows(dialect, c);
      searchBehind = search.behind();
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    conn = c;
  }

  private void closeConnection() {
    if (conn == null) return;
    try {
      conn.close(); // closes its statements too
    } catch (SQLException e) {
      log.warn("closing the writer connection failed", e);
    }
    conn = null;
    lockRooms = null;
    Arrays.fill(lookups, null);
  }
}
