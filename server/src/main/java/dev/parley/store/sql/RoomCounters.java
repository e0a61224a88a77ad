package dev.parley.store.sql;

import dev.parley.domain.Change;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Every room's two counters, the seq of its latest event and its latest rev (changes to messages),
 * kept by the writer in memory: with one writer thread a counter is a plain field read and bumped
 * by that thread, and no lock is needed anywhere.
 *
 * <p>They are loaded at open from {@code rooms.last_seq} and {@code last_rev} (or the largest in
 * {@code events} if that is larger). A batch moves them in the database once per touched room with
 * a compare-and-set ({@code WHERE last_seq <= before}, {@link #store}); if another writer moved
 * them, the batch fails with a {@link SeqConflict} instead of forking the log, and the room's
 * counters are read again before their next use ({@link #rollBack}). On PostgreSQL, where the nodes
 * of a cluster write the same rooms, that would fail most batches of a room written from several
 * nodes at once, so each batch first locks its rooms' rows and reads the counters from them ({@link
 * #lock}): the nodes take turns on a room a batch at a time and the compare-and-set always holds.
 *
 * <p>Writer thread only. The map outlives the writer's connection; the statements are prepared on
 * each connection ({@link #connected}).
 */
final class RoomCounters {
  static final String ALL_ROOM_SEQS =
      "SELECT r.name, r.topic, r.created_by, r.created_ts, r.last_seq,"
          + " (SELECT MAX(e.seq) FROM events e WHERE e.room = r.name), r.last_rev,"
          + " (SELECT MAX(e.rev) FROM events e WHERE e.room = r.name AND e.rev > 0),"
          + " (SELECT MIN(e.seq) FROM events e WHERE e.room = r.name),"
          + " r.retention_days, r.retention_count, r.retention_own, r.is_private"
          + " FROM rooms r ORDER BY r.name";
  private static final String MOVE_LAST_SEQ =
      "UPDATE rooms SET last_seq = ?, last_rev = ? WHERE name = ? AND last_seq <= ? AND last_rev <= ?";

  /** -1 in the first column: no such room. */
  private static final String ROOM_SEQ =
      "SELECT COALESCE((SELECT last_seq FROM rooms WHERE name = ?), -1),"
          + " COALESCE((SELECT MAX(seq) FROM events WHERE room = ?), 0),"
          + " COALESCE((SELECT last_rev FROM rooms WHERE name = ?), 0),"
          + " COALESCE((SELECT MAX(rev) FROM events WHERE room = ? AND rev > 0), 0)";

  private static final String INSERT_ROOM =
      "INSERT INTO rooms (name, topic, created_by, created_ts, is_private) VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT (name) DO NOTHING";

  private static final String LOCK_ROOMS =
      "SELECT name, last_seq, last_rev FROM rooms WHERE name = ANY(?) ORDER BY name FOR UPDATE";

  /**
   * A room's counters; {@code before} and {@code revBefore} are their values when the current batch
   * first touched it, {@code fresh} that the batch read it from the database.
   */
  static final class Counter {
    final String room;
    private long last;
    private long before;
    private long rev;
    private long revBefore;
    private boolean touched;
    private boolean fresh;

    private Counter(String room, long last, long rev) {
      this.room = room;
      this.last = last;
      this.rev = rev;
    }

    long lastSeq() {
      return last;
    }

    long lastRev() {
      return rev;
    }
  }

  /** The batch failed on a seq that someone else moved: reload those counters. */
  static final class SeqConflict extends SQLException {
    SeqConflict(String room) {
      super("rooms.last_seq of " + room + " was moved by another writer");
    }
  }

  private final Map<String, Counter> counters = new HashMap<>();
  private final ArrayList<Counter> touched = new ArrayList<>();
  private Connection conn;
  private PreparedStatement roomSeq, moveLastSeq, lockRooms, insertRoom;

  /** Reads every room's counters, once, before the writer starts. */
  void load(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ALL_ROOM_SEQS);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String room = rs.getString(1);
        counters.put(
            room,
            new Counter(
                room,
                Math.max(rs.getLong(5), rs.getLong(6)),
                Math.max(rs.getLong(7), rs.getLong(8))));
      }
    }
    c.commit();
  }

  /** Prepares the statements on the writer's (new) connection. */
  void connected(Connection c) throws SQLException {
    conn = c;
    roomSeq = c.prepareStatement(ROOM_SEQ);
    moveLastSeq = c.prepareStatement(MOVE_LAST_SEQ);
    lockRooms = null; // PostgreSQL only, prepared at first use
    insertRoom = null;
  }

  /**
   * The room's counters; an unknown room is looked up (another node may have made it), null if
   * none.
   */
  Counter find(String room) throws SQLException {
    return counter(room, false);
  }

  /** The room's counters, starting at 0 for a room that is not stored yet. */
  Counter findOrCreate(String room) throws SQLException {
    return counter(room, true);
  }

  /** The room's next seq, taken. */
  long nextSeq(Counter c) {
    touch(c);
    return ++c.last;
  }

  /** The seq {@link #nextSeq} just took was not used after all (a resend): the next takes it. */
  void untake(Counter c, long seq) {
    if (c.last != seq)
      throw new IllegalStateException(c.room + ": " + seq + " is not the last seq");
    c.last--;
  }

  /** A change to one of the room's messages took {@code rev}. */
  void revTo(Counter c, long rev) {
    touch(c);
    c.rev = rev;
  }

  /** An event restored from an export: the room's log now ends at its seq. */
  void restored(Counter c, long seq, long rev) {
    touch(c);
    c.last = seq;
    c.rev = Math.max(c.rev, rev);
  }

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

  /**
   * PostgreSQL (where several nodes may write one room): takes the row lock of every room in {@code
   * names}, in name order (so two nodes never wait on each other in a circle), and reads the
   * counters from the locked rows. Another node's batch on the same room waits here until this one
   * commits, then reads the seq this one left: per-room seq assignment is serialised by the
   * database, a batch at a time, and the compare-and-set of {@link #store} can no longer fail. The
   * cost is one query per batch, and a hot room written from several nodes moves at the rate of
   * their batches, not of a retry loop.
   */
  void lock(Collection<String> names) throws SQLException {
    if (lockRooms == null) lockRooms = conn.prepareStatement(LOCK_ROOMS);
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

  /**
   * PostgreSQL, before {@link #lock}: puts in the rows of the rooms the batch creates, in name
   * order, unless they are there. Without it a room new to two nodes at once had no row to lock:
   * both numbered its first event 1 and one batch failed on the duplicate (two people, or a group,
   * writing first on two nodes at the same moment). The insert waits for another node's uncommitted
   * insert of the same row, so the second node then locks the row the first committed and numbers
   * after it.
   */
  void insertCreated(Collection<Change.RoomSaved> created) throws SQLException {
    if (insertRoom == null) insertRoom = conn.prepareStatement(INSERT_ROOM);
    for (Change.RoomSaved r : created) {
      insertRoom.setString(1, r.name());
      insertRoom.setString(2, r.topic() == null ? "" : r.topic());
      insertRoom.setString(3, r.createdBy());
      insertRoom.setLong(4, r.createdTs());
      insertRoom.setBoolean(5, r.isPrivate()); // the upsert after it changes only the topic
      insertRoom.executeUpdate();
    }
  }

  /**
   * Moves {@code rooms.last_seq} and {@code last_rev} of every room the batch moved; a conflict
   * fails it.
   */
  void store() throws SQLException {
    for (Counter c : touched) {
      if (c.last == c.before && c.rev == c.revBefore) continue;
      moveLastSeq.setLong(1, c.last);
      moveLastSeq.setLong(2, c.rev);
      moveLastSeq.setString(3, c.room);
      moveLastSeq.setLong(4, c.before);
      moveLastSeq.setLong(5, c.revBefore);
      if (moveLastSeq.executeUpdate() != 1) throw new SeqConflict(c.room);
    }
  }

  /**
   * After a failed batch: the counters it moved go back; those it read, or that conflicted, are
   * read again.
   */
  void rollBack(Throwable failure) {
    boolean conflict = failure instanceof SeqConflict;
    for (Counter c : touched) {
      if (c.fresh || conflict) {
        counters.remove(c.room);
      } else {
        c.last = c.before;
        c.rev = c.revBefore;
      }
    }
  }

  /** After every batch, committed or not. */
  void endBatch() {
    for (Counter c : touched) c.touched = c.fresh = false;
    touched.clear();
  }
}
