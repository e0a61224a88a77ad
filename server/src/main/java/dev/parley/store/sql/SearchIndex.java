package dev.parley.store.sql;

import dev.parley.domain.Message;
import dev.parley.domain.Search;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's side of the search index: rows of {@code search_docs} (and, on SQLite, of the
 * FTS5 table {@code search_fts}) written in the writer's own transactions, so a message is
 * searchable exactly when it is stored, an edit replaces its entry and a deletion removes it in
 * the commit that makes the change. Why not a separate indexer: delivery waits for the commit
 * anyway, and the index rows add a few inserts to a batch that already holds the events.
 *
 * <p>Used only by the {@link Writer} thread; inserts are batched with the event inserts and
 * flushed together ({@link #flush}).
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

  private final Dialect dialect;
  private final PreparedStatement insertDoc, insertFts, selectDoc, deleteDoc, deleteFts, docTaken, purgeDocs, purgeFts;
  private boolean pending;
  /** The largest doc this writer knows of; appends take the next one at or above their ts. */
  private long lastDoc;

  SearchIndex(Dialect dialect, Connection c) throws SQLException {
    this.dialect = dialect;
    boolean lite = dialect == Dialect.SQLITE;
    insertDoc = c.prepareStatement(lite
        ? "INSERT INTO search_docs (doc, room, seq, ts, user_id) VALUES (?, ?, ?, ?, ?)"
        : "INSERT INTO search_docs (doc, room, seq, ts, user_id, body, pairs) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insertFts = lite ? c.prepareStatement("INSERT INTO search_fts (rowid, body, pairs) VALUES (?, ?, ?)") : null;
    selectDoc = c.prepareStatement("SELECT doc FROM search_docs WHERE room = ? AND seq = ?");
    deleteDoc = c.prepareStatement("DELETE FROM search_docs WHERE room = ? AND seq = ?");
    deleteFts = lite ? c.prepareStatement("DELETE FROM search_fts WHERE rowid = ?") : null;
    docTaken = c.prepareStatement("SELECT 1 FROM search_docs WHERE doc = ?");
    purgeDocs = c.prepareStatement("DELETE FROM search_docs WHERE room = ? AND seq <= ?");
    purgeFts = lite
        ? c.prepareStatement("DELETE FROM search_fts WHERE rowid IN (SELECT doc FROM search_docs WHERE room = ? AND seq <= ?)")
        : null;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(doc), 0) FROM search_docs")) {
      rs.next();
      lastDoc = rs.getLong(1);
    }
  }

  static boolean searchable(Message m) {
    return !m.deleted() && m.text() != null && !m.text().isBlank();
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
        deleteFts.setLong(1, doc);
        deleteFts.executeUpdate();
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
    String body = Search.fold(m.text());
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
      insertFts.setLong(1, doc);
      insertFts.setString(2, body);
      insertFts.setString(3, pairs);
      insertFts.addBatch();
    }
    insertDoc.addBatch();
    pending = true;
  }

  /** Executes the queued entries; the writer calls it right after the event inserts. */
  void flush() throws SQLException {
    if (!pending) return;
    pending = false;
    insertDoc.executeBatch();
    if (insertFts != null) insertFts.executeBatch();
  }

  /** After a rollback. */
  void clear() throws SQLException {
    pending = false;
    insertDoc.clearBatch();
    if (insertFts != null) insertFts.clearBatch();
  }

  /**
   * Indexes the messages stored before the search migration, once (the migration leaves
   * {@code search_backfill.pending} at 1), in one transaction before the writer starts; a
   * database created at version 3 has nothing to index and only clears the flag.
   */
  void backfill(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pending FROM search_backfill")) {
      if (!rs.next() || rs.getInt(1) == 0) return;
    }
    long start = System.nanoTime();
    int n = 0;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + Rows.EVENT_COLUMNS + " FROM events WHERE kind = 'message' AND NOT deleted AND text IS NOT NULL"
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
    try (Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE search_backfill SET pending = 0");
    }
    c.commit();
    if (n > 0) log.info("search index: {} stored messages indexed in {} ms", n, (System.nanoTime() - start) / 1_000_000);
  }
}
