package dev.parley.store.sql;

import dev.parley.domain.Event;
import dev.parley.domain.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's connection and everything prepared on it: the ops ({@link WriteOp}) write through
 * this. Why a class: the writer keeps its statements for the connection's lifetime, and when the
 * connection dies (a failed rollback, a database restart) all of them go with it and the next batch
 * opens a new one ({@link #open}); the room counters alone outlive it.
 *
 * <p>Event inserts are batched and executed with the other queued statements ({@link #flushQueued})
 * before the commit or before an op that must read what came before it; on SQLite a message with a
 * client id is the exception, inserted at once so that the insert itself finds a resend ({@link
 * #insertKeyed}). Writer thread only.
 */
final class WriterConnection {
  private static final Logger log = LoggerFactory.getLogger(WriterConnection.class);
  private static final String SELECT_MESSAGE =
      "SELECT "
          + Rows.EVENT_COLUMNS
          + " FROM events WHERE room = ? AND seq = ? AND kind = 'message'";

  final RoomCounters counters;
  final SearchIndex search;
  final Resends resends;
  final ReactionRows reactions;
  final PurgeStep purges;
  final ChangeRuns changes;
  final PreviewImageRows previewImages;
  final ConversationRows conversations;

  /** Per room, the lowest seq of the event inserts queued and not yet executed. */
  private final Map<String, Long> unflushed = new HashMap<>();

  private final Connection conn;
  private final PreparedStatement insertEvent, selectMessage, updateMessage;

  /** SQLite: the insert of a message with a client id, at once, skipped for a resend. */
  private final PreparedStatement insertKeyed;

  private WriterConnection(Dialect dialect, Connection c, RoomCounters counters)
      throws SQLException {
    this.conn = c;
    this.counters = counters;
    insertEvent = c.prepareStatement(Rows.INSERT_EVENT);
    insertKeyed =
        dialect == Dialect.POSTGRESQL
            ? null
            : c.prepareStatement(
                Rows.INSERT_EVENT
                    + " ON CONFLICT (user_id, client_id) WHERE client_id IS NOT NULL DO NOTHING");
    selectMessage = c.prepareStatement(SELECT_MESSAGE);
    updateMessage = c.prepareStatement(Rows.UPDATE_MESSAGE);
    search = new SearchIndex(dialect, c);
    resends = new Resends(dialect, c);
    reactions = new ReactionRows(c);
    purges = new PurgeStep(c);
    changes = new ChangeRuns(dialect, c, counters);
    previewImages = new PreviewImageRows(c);
    conversations = new ConversationRows(c);
    counters.connected(c);
  }

  /**
   * Opens the writer's connection (after migrations: statements are prepared against the schema).
   */
  static WriterConnection open(Dialect dialect, String url, RoomCounters counters)
      throws SQLException {
    Connection c = dialect.openWriter(url);
    try {
      c.setAutoCommit(false);
      return new WriterConnection(dialect, c, counters);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** The connection itself, for what is not a batch's write (a backfill, a checkpoint). */
  Connection sql() {
    return conn;
  }

  /** Queues the insert of an event that carries its seq. */
  void insert(Event event) throws SQLException {
    Rows.bindInsert(insertEvent, event);
    insertEvent.addBatch();
    unflushed.merge(event.room(), event.seq(), Math::min);
  }

  /**
   * Inserts a message with a client id, unless it is a resend: false when its author already stored
   * that client id (SQLite finds that out here, in the insert; on PostgreSQL the batch's lookup
   * found it before, see {@link Resends}, and this queues the insert like {@link #insert}). SQLite
   * executes it at once, which costs the same as in a batch there (no round trips).
   */
  boolean insertKeyed(Message m) throws SQLException {
    if (insertKeyed == null) {
      insert(m);
      return true;
    }
    Rows.bindInsert(insertKeyed, m);
    return insertKeyed.executeUpdate() == 1;
  }

  /** Whether the event at {@code seq} of {@code room} may be an insert not yet executed. */
  boolean queued(String room, Long seq) {
    Long first = seq == null ? null : unflushed.get(room);
    return first != null && seq >= first;
  }

  /** The stored message with its reactions, or null when the seq holds a notice or nothing. */
  Message load(String room, long seq) throws SQLException {
    selectMessage.setString(1, room);
    selectMessage.setLong(2, seq);
    List<Event> found = new ArrayList<>(1);
    try (ResultSet rs = selectMessage.executeQuery()) {
      if (rs.next()) found.add(Rows.event(rs));
    }
    return found.isEmpty() ? null : reactions.attach(found, room, seq);
  }

  /** Rewrites a message's row as it now is (text, deleted, rev). */
  void update(Message m) throws SQLException {
    Rows.bindChange(updateMessage, m);
    updateMessage.executeUpdate();
  }

  /** Executes what is queued: the current run of changes, the event inserts, the search rows. */
  void flushQueued() throws SQLException {
    changes.flush();
    insertEvent.executeBatch();
    unflushed.clear();
    search.flush();
  }

  void commit() throws SQLException {
    conn.commit();
  }

  /**
   * After a failed batch: forgets what the statements still hold and rolls back. Whether the
   * connection is still good; if not (or if this throws) the writer closes it.
   */
  boolean rollBack() throws SQLException {
    insertEvent.clearBatch();
    search.clear();
    changes.clear();
    conn.rollback();
    if (!conn.isValid(2)) return false;
    search.load(); // the rollback took back what this batch deferred or indexed
    return true;
  }

  /** Closes the connection and its statements. */
  void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      log.warn("closing the writer connection failed", e);
    }
  }
}
