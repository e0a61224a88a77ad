package dev.parley.store.sql;

import dev.parley.domain.Message;
import dev.parley.domain.Search;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's side of the search index: rows of {@code search_docs} (and, on SQLite, of the FTS5
 * table {@code search_fts}) written on the writer's thread. An edit replaces a message's entry and
 * a deletion removes it in the commit that makes the change.
 *
 * <p>On SQLite the FTS5 rows of new messages are <em>deferred</em>: the delivery commit writes the
 * message's {@code search_docs} row and a row of {@code search_todo} (two small B-tree inserts),
 * and the trigram postings follow in a transaction of their own, for everything deferred at once,
 * at most {@link #deferMillis} later ({@link #indexDeferred}). Why: FTS5 writes a new segment per
 * transaction and merges segments as they pile up, so one message per transaction (any quiet
 * moment) cost about 30 page writes and 0.3–0.5 ms of the writer's time in the commit that delivery
 * waits for, and a merge now and then held a commit for tens of milliseconds; a few hundred
 * messages per FTS5 transaction cost a fraction of that per message. A search first asks the writer
 * to index what is deferred ({@link SqlStore#search}), so a message is found as soon as it is
 * stored, as before. {@code search_todo} makes it crash-safe: a deferred entry lost with the
 * process is indexed when the writer next connects ({@link #load}). PostgreSQL's trigram index
 * takes its rows in the delivery commit (its GIN index gathers new entries in a pending list by
 * itself).
 *
 * <p>Used only by the {@link Writer} thread; inserts are batched with the event inserts and flushed
 * together ({@link #flush}).
 */
final class SearchIndex {
  private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);

  /** doc = ts shifted left by this, plus a counter: see the migration. */
  static final int SHIFT = 12;

  /**
   * {@code -Dparley.search.index=false} stops adding entries: only for measuring what the index
   * costs the writer ({@code SearchBench}); messages written so are never found by search.
   */
  private static final boolean ADDING = !"false".equals(System.getProperty("parley.search.index"));

  /** How long an FTS5 entry may wait for its transaction (SQLite); a test may widen it. */
  static volatile long deferMillis = 200;

  /** Deferred entries indexed at once inside the current transaction (an import, a backfill). */
  static final int DEFER_MAX = 2_000;

  /** An FTS5 row still to write: the folded text of search_docs row {@code doc}. */
  private record Deferred(String room, long seq, String body, String pairs) {}

  private final Dialect dialect;
  private final Connection c;
  private final PreparedStatement insertDoc,
      insertFts,
      selectDoc,
      deleteDoc,
      deleteFts,
      docTaken,
      purgeDocs,
      purgeFts;
  private final PreparedStatement insertTodo, deleteTodo, purgeTodo;
  private boolean pending;

  /** SQLite: FTS5 rows not yet written, by doc, oldest first; each has its search_todo row. */
  private final Map<Long, Deferred> deferred = new LinkedHashMap<>();

  /** When the oldest of {@link #deferred} was deferred (System.nanoTime). */
  private long deferredSince;

  /** The largest doc this writer knows of; appends take the next one at or above their ts. */
  private long lastDoc;

  SearchIndex(Dialect dialect, Connection c) throws SQLException {
    this.dialect = dialect;
    this.c = c;
    boolean lite = dialect == Dialect.SQLITE;
    insertDoc =
        c.prepareStatement(
            lite
                ? "INSERT INTO search_docs (doc, room, seq, ts, user_id) VALUES (?, ?, ?, ?, ?)"
                : "INSERT INTO search_docs (doc, room, seq, ts, user_id, body, pairs) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insertFts =
        lite
            ? c.prepareStatement("INSERT INTO search_fts (rowid, body, pairs) VALUES (?, ?, ?)")
            : null;
    selectDoc = c.prepareStatement("SELECT doc FROM search_docs WHERE room = ? AND seq = ?");
    deleteDoc = c.prepareStatement("DELETE FROM search_docs WHERE room = ? AND seq = ?");
    deleteFts = lite ? c.prepareStatement("DELETE FROM search_fts WHERE rowid = ?") : null;
    docTaken = c.prepareStatement("SELECT 1 FROM search_docs WHERE doc = ?");
    purgeDocs = c.prepareStatement("DELETE FROM search_docs WHERE room = ? AND seq <= ?");
    purgeFts =
        lite
            ? c.prepareStatement(
                "DELETE FROM search_fts WHERE rowid IN (SELECT doc FROM search_docs WHERE room = ? AND seq <= ?)")
            : null;
    insertTodo =
        lite ? c.prepareStatement("INSERT OR IGNORE INTO search_todo (doc) VALUES (?)") : null;
    deleteTodo = lite ? c.prepareStatement("DELETE FROM search_todo WHERE doc = ?") : null;
    purgeTodo =
        lite
            ? c.prepareStatement(
                "DELETE FROM search_todo WHERE doc IN (SELECT doc FROM search_docs WHERE room = ? AND seq <= ?)")
            : null;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(doc), 0) FROM search_docs")) {
      rs.next();
      lastDoc = rs.getLong(1);
    }
    if (lite) load();
  }

  /**
   * Reads the deferred entries back from {@code search_todo}: at connect (those a crash or a stop
   * left) and after a rollback (which may have undone this map's changes, or not).
   */
  void load() throws SQLException {
    deferred.clear();
    if (deleteTodo == null) return;
    try (Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM search_todo WHERE doc NOT IN (SELECT doc FROM search_docs)");
      try (ResultSet rs =
          s.executeQuery(
              "SELECT t.doc, d.room, d.seq, e.text, e.image_name, e.file_type FROM search_todo t"
                  + " JOIN search_docs d ON d.doc = t.doc JOIN events e ON e.room = d.room AND e.seq = d.seq ORDER BY t.doc")) {
        while (rs.next()) {
          String body =
              Search.fold(
                  indexed(rs.getString(4), rs.getString(6) == null ? null : rs.getString(5)));
          deferred.put(
              rs.getLong(1),
              new Deferred(rs.getString(2), rs.getLong(3), body, Search.pairs(body)));
        }
      }
    }
    c.commit();
    deferredSince = System.nanoTime();
    if (!deferred.isEmpty())
      log.info("search index: {} stored messages still to index", deferred.size());
  }

  /** True while some stored message is not yet in the FTS5 index (SQLite). */
  boolean behind() {
    return !deferred.isEmpty();
  }

  /** Nanoseconds until the deferred entries are due, at most {@link #deferMillis}; 0 when due. */
  long dueInNanos() {
    long left = deferredSince + TimeUnit.MILLISECONDS.toNanos(deferMillis) - System.nanoTime();
    return Math.max(0, left);
  }

  /**
   * Writes every deferred FTS5 row and removes their {@code search_todo} rows, in the caller's
   * transaction (the writer commits it; after a rollback it calls {@link #load}).
   */
  void indexDeferred() throws SQLException {
    if (deferred.isEmpty()) return;
    flush();
    for (Map.Entry<Long, Deferred> e : deferred.entrySet()) {
      insertFts.setLong(1, e.getKey());
      insertFts.setString(2, e.getValue().body());
      insertFts.setString(3, e.getValue().pairs());
      insertFts.addBatch();
      deleteTodo.setLong(1, e.getKey());
      deleteTodo.addBatch();
    }
    deferred.clear();
    insertFts.executeBatch();
    deleteTodo.executeBatch();
  }

  static boolean searchable(Message m) {
    return !m.deleted()
        && ((m.text() != null && !m.text().isBlank())
            || (m.file() != null && m.file().name() != null));
  }

  /** What a message is found by: its text and the name of the file it carries. */
  static String indexed(String text, String fileName) {
    if (fileName == null) return text == null ? "" : text;
    return text == null ? fileName : text + "\n" + fileName;
  }

  /** Queues the entry of a message just appended (a no-op for one without text). */
  void appended(Message m) throws SQLException {
    if (!searchable(m)) return;
    long doc = Math.max(m.ts() << SHIFT, lastDoc + 1);
    lastDoc = doc;
    add(doc, m);
  }

  /** A message restored from an export: its doc follows its own ts, not the time of the import. */
  void restored(Message m) throws SQLException {
    if (!searchable(m)) return;
    flush();
    add(freeDoc(m.ts() << SHIFT), m);
  }

  /** After an edit or a deletion: the entry now holds the new text, or is gone. */
  void amended(Message m) throws SQLException {
    flush();
    Long doc = null;
    selectDoc.setString(1, m.room());
    selectDoc.setLong(2, m.seq());
    try (ResultSet rs = selectDoc.executeQuery()) {
      if (rs.next()) doc = rs.getLong(1);
    }
    if (doc != null) {
      if (deleteFts != null) {
        if (deferred.remove(doc) != null) {
          deleteTodo.setLong(1, doc);
          deleteTodo.executeUpdate();
        } else {
          deleteFts.setLong(1, doc);
          deleteFts.executeUpdate();
        }
      }
      deleteDoc.setString(1, m.room());
      deleteDoc.setLong(2, m.seq());
      deleteDoc.executeUpdate();
    }
    if (!searchable(m)) return;
    add(doc != null ? doc : freeDoc(m.ts() << SHIFT), m);
  }

  /** Retention removed the room's events up to {@code throughSeq}: their entries go too. */
  void purged(String room, long throughSeq) throws SQLException {
    flush();
    if (purgeFts != null) {
      deferred.values().removeIf(d -> d.room().equals(room) && d.seq() <= throughSeq);
      purgeTodo.setString(1, room);
      purgeTodo.setLong(2, throughSeq);
      purgeTodo.executeUpdate();
      purgeFts.setString(1, room);
      purgeFts.setLong(2, throughSeq);
      purgeFts.executeUpdate();
    }
    purgeDocs.setString(1, room);
    purgeDocs.setLong(2, throughSeq);
    purgeDocs.executeUpdate();
  }

  private long freeDoc(long from) throws SQLException {
    long doc = from;
    while (true) {
      docTaken.setLong(1, doc);
      try (ResultSet rs = docTaken.executeQuery()) {
        if (!rs.next()) break;
      }
      doc++;
    }
    lastDoc = Math.max(lastDoc, doc);
    return doc;
  }

  private void add(long doc, Message m) throws SQLException {
    if (!ADDING) return;
    String body = Search.fold(indexed(m.text(), m.file() == null ? null : m.file().name()));
    String pairs = Search.pairs(body);
    insertDoc.setLong(1, doc);
    insertDoc.setString(2, m.room());
    insertDoc.setLong(3, m.seq());
    insertDoc.setLong(4, m.ts());
    insertDoc.setString(5, m.from().id());
    if (insertFts == null) {
      insertDoc.setString(6, body);
      insertDoc.setString(7, pairs);
    } else {
      if (deferred.isEmpty()) deferredSince = System.nanoTime();
      deferred.put(doc, new Deferred(m.room(), m.seq(), body, pairs));
      insertTodo.setLong(1, doc);
      insertTodo.addBatch();
    }
    insertDoc.addBatch();
    pending = true;
    if (deferred.size() >= DEFER_MAX) indexDeferred();
  }

  /** Executes the queued entries; the writer calls it right after the event inserts. */
  void flush() throws SQLException {
    if (!pending) return;
    pending = false;
    insertDoc.executeBatch();
    if (insertTodo != null) insertTodo.executeBatch();
  }

  /** After a rollback, before {@link #load}. */
  void clear() throws SQLException {
    pending = false;
    insertDoc.clearBatch();
    if (insertFts != null) {
      insertFts.clearBatch();
      insertTodo.clearBatch();
      deleteTodo.clearBatch();
    }
  }

  /**
   * Indexes the messages stored before the search migration, once (the migration leaves {@code
   * search_backfill.pending} at 1), in one transaction before the writer starts; a database created
   * at version 3 has nothing to index and only clears the flag.
   */
  void backfill(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pending FROM search_backfill")) {
      if (!rs.next() || rs.getInt(1) == 0) return;
    }
    long start = System.nanoTime();
    int n = 0;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + Rows.EVENT_COLUMNS
                + " FROM events WHERE kind = 'message' AND NOT deleted"
                + " AND (text IS NOT NULL OR file_type IS NOT NULL)"
                + " AND NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.room = events.room AND d.seq = events.seq)"
                + " ORDER BY ts, room, seq")) {
      ps.setFetchSize(1000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Message m = (Message) Rows.event(rs);
          appended(m);
          if (++n % 1000 == 0) flush();
        }
      }
    }
    flush();
    indexDeferred();
    try (Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE search_backfill SET pending = 0");
    }
    c.commit();
    if (n > 0)
      log.info(
          "search index: {} stored messages indexed in {} ms",
          n,
          (System.nanoTime() - start) / 1_000_000);
  }
}
