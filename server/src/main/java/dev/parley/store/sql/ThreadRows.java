package dev.parley.store.sql;

import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.ThreadMarks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of per-thread read markers and of the list of a person's threads (table {@code
 * thread_reads} and index {@code events_roots}, version 24), the same on SQLite and PostgreSQL. A
 * marker moves on the writer's connection ({@link SqlThreadMarks}, through an {@link AnswerOp});
 * the list is read on the read pool. Taking part in a thread: its root is yours, or one of its
 * replies is, or the root or a reply mentions you.
 */
final class ThreadRows {
  private static final String UPSERT =
      "INSERT INTO thread_reads (user_id, room, root, seq) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (user_id, room, root) DO UPDATE SET seq = excluded.seq"
          + " WHERE excluded.seq > thread_reads.seq";

  /** Replies by others after the reader's marker and after their own latest reply. */
  private static final String UNREAD =
      "(SELECT COUNT(*) FROM events x WHERE x.room = r.room AND x.thread_seq = r.seq"
          + " AND x.user_id <> ? AND x.deleted = ?"
          + " AND x.seq > COALESCE((SELECT t.seq FROM thread_reads t"
          + " WHERE t.user_id = ? AND t.room = r.room AND t.root = r.seq), 0)"
          + " AND x.seq > COALESCE((SELECT MAX(y.seq) FROM events y"
          + " WHERE y.room = r.room AND y.thread_seq = r.seq AND y.user_id = ?), 0))";

  private static final String MINE =
      " AND (r.user_id = ? OR r.mentions LIKE ? ESCAPE '!' OR EXISTS (SELECT 1 FROM events p"
          + " WHERE p.room = r.room AND p.thread_seq = r.seq"
          + " AND (p.user_id = ? OR p.mentions LIKE ? ESCAPE '!')))";

  private static final String AFTER =
      " AND (r.last_reply_ts < ? OR (r.last_reply_ts = ? AND (r.room > ?"
          + " OR (r.room = ? AND r.seq < ?))))";

  private ThreadRows() {}

  /** The marker moved forward, in the writer's transaction; null when there is no such thread. */
  static Long read(WriterConnection w, String user, String room, long root, long seq)
      throws SQLException {
    w.flushQueued(); // a reply appended earlier in this batch is counted
    Connection c = w.sql();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM events WHERE room = ? AND seq = ? AND kind = 'message'"
                + " AND reply_count > 0")) {
      ps.setString(1, room);
      ps.setLong(2, root);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return null;
      }
    }
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      ps.setString(1, user);
      ps.setString(2, room);
      ps.setLong(3, root);
      ps.setLong(4, seq);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seq FROM thread_reads WHERE user_id = ? AND room = ? AND root = ?")) {
      ps.setString(1, user);
      ps.setString(2, room);
      ps.setLong(3, root);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  /** The threads {@code user} takes part in, in the rooms they are in, newest reply first. */
  static List<ThreadMarks.Item> threads(
      Connection c, String user, ThreadMarks.Cursor after, int limit) throws SQLException {
    String sql =
        "SELECT "
            + Rows.EVENT_COLUMNS
            + ", "
            + UNREAD
            + " FROM events r WHERE r.room IN (SELECT room FROM members WHERE user_id = ?)"
            + " AND r.kind = 'message' AND r.reply_count > 0"
            + MINE
            + (after == null ? "" : AFTER)
            + " ORDER BY r.last_reply_ts DESC, r.room, r.seq DESC LIMIT ?";
    String mentioned = "%{\"id\":\"" + escapeLike(user) + "\",%";
    List<ThreadMarks.Item> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, user);
      ps.setBoolean(i++, false);
      ps.setString(i++, user);
      ps.setString(i++, user);
      ps.setString(i++, user);
      ps.setString(i++, user);
      ps.setString(i++, mentioned);
      ps.setString(i++, user);
      ps.setString(i++, mentioned);
      if (after != null) {
        ps.setLong(i++, after.lastTs());
        ps.setLong(i++, after.lastTs());
        ps.setString(i++, after.room());
        ps.setString(i++, after.room());
        ps.setLong(i++, after.seq());
      }
      ps.setInt(i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        int unread = Rows.EVENT_COLUMNS.split(",").length + 1;
        while (rs.next()) {
          Event e = Rows.event(rs);
          if (e instanceof Message m) out.add(new ThreadMarks.Item(m.room(), m, rs.getInt(unread)));
        }
      }
    }
    return out;
  }

  /** {@code s} matched literally by LIKE ... ESCAPE '!'. */
  static String escapeLike(String s) {
    return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
