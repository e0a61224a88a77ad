package dev.parley.store.sql;

import dev.parley.domain.Bookmarks;
import dev.parley.domain.Bookmarks.Outcome;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Notice;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of pins and saved messages (tables {@code pins} and {@code saved}, version 20), the same
 * on SQLite and PostgreSQL. Statements are prepared per step: these are rare next to messages. The
 * steps that add or remove run on the writer's connection ({@link SqlBookmarks}, through an {@link
 * AnswerOp}), the reads on the read pool.
 */
final class BookmarkRows {
  private BookmarkRows() {}

  /** A pin added or removed, in the writer's transaction (see {@code Bookmarks.pin}). */
  static Outcome pin(
      WriterConnection w, String room, long seq, boolean on, String by, long ts, int max)
      throws SQLException {
    w.flushQueued(); // a message appended earlier in this batch is there to pin
    Connection c = w.sql();
    Message m = w.load(room, seq);
    if (m == null || m.deleted()) return on ? Outcome.NO_MESSAGE : unpin(c, room, seq, true);
    if (!on) return unpin(c, room, seq, false);
    if (exists(c, "SELECT 1 FROM pins WHERE room = ? AND seq = ?", room, seq))
      return Outcome.UNCHANGED;
    // Pins of messages deleted or purged since: one probe of the primary key each (at most the
    // room's 50), where NOT IN would read every live message of the room on the writer thread.
    try (PreparedStatement gone =
        c.prepareStatement(
            "DELETE FROM pins WHERE room = ? AND NOT EXISTS (SELECT 1 FROM events e"
                + " WHERE e.room = pins.room AND e.seq = pins.seq AND e.kind = 'message'"
                + " AND e.deleted = ?)")) {
      gone.setString(1, room);
      gone.setBoolean(2, false);
      gone.executeUpdate();
    }
    if (count(c, "SELECT COUNT(*) FROM pins WHERE room = ?", room) >= max) return Outcome.FULL;
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO pins (room, seq, by_id, ts) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, room);
      ps.setLong(2, seq);
      ps.setString(3, by);
      ps.setLong(4, ts);
      ps.executeUpdate();
    }
    return Outcome.ADDED;
  }

  /** Removes a pin; of a message that is not there (any more), nothing to remove is NO_MESSAGE. */
  private static Outcome unpin(Connection c, String room, long seq, boolean noMessage)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM pins WHERE room = ? AND seq = ?")) {
      ps.setString(1, room);
      ps.setLong(2, seq);
      if (ps.executeUpdate() > 0) return Outcome.REMOVED;
    }
    return noMessage ? Outcome.NO_MESSAGE : Outcome.UNCHANGED;
  }

  /**
   * An imported {@code pin} notice: the pin it made or removed, replayed in seq order so that the
   * room's pins end as they were exported. Its message may not be restored yet: pins are checked
   * when read.
   */
  static void restored(Connection c, Notice n) throws SQLException {
    if (n.event() != Notice.Kind.PIN || n.detail() == null || n.detail().target() == null) return;
    boolean on = n.detail().on() == null || n.detail().on();
    try (PreparedStatement del =
        c.prepareStatement("DELETE FROM pins WHERE room = ? AND seq = ?")) {
      del.setString(1, n.room());
      del.setLong(2, n.detail().target());
      del.executeUpdate();
    }
    if (!on) return;
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO pins (room, seq, by_id, ts) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, n.room());
      ps.setLong(2, n.detail().target());
      ps.setString(3, n.user().id());
      ps.setLong(4, n.ts());
      ps.executeUpdate();
    }
  }

  static boolean handles(dev.parley.domain.Change change) {
    return change instanceof dev.parley.domain.Change.NotifySet
        || change instanceof dev.parley.domain.Change.ReadSet;
  }

  /**
   * A notification level or a read marker set (back as well as forward), on the writer's
   * connection.
   */
  static void apply(Connection c, dev.parley.domain.Change change) throws SQLException {
    if (change instanceof dev.parley.domain.Change.NotifySet n) {
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE members SET notify = ? WHERE room = ? AND user_id = ?")) {
        ps.setString(1, n.level());
        ps.setString(2, n.room());
        ps.setString(3, n.userId());
        ps.executeUpdate();
      }
    } else if (change instanceof dev.parley.domain.Change.ReadSet r) {
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE members SET read_seq = ? WHERE room = ? AND user_id = ?")) {
        ps.setLong(1, r.seq());
        ps.setString(2, r.room());
        ps.setString(3, r.userId());
        ps.executeUpdate();
      }
    }
  }

  /**
   * The seq of the room's first event at or after {@code ts}, or null when every one is older: the
   * first by time (then seq), one probe of {@code events_at} (V23). A log's ts follow its seq but
   * for clocks set back, where the first by time is the one a reader asking for a date wants.
   */
  static Long seqAt(Connection c, String room, long ts) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seq FROM events WHERE room = ? AND ts >= ? ORDER BY ts, seq LIMIT 1")) {
      ps.setString(1, room);
      ps.setLong(2, ts);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  /** Every notification level a member chose: (room, user id, level). */
  static List<String[]> notifyLevels(Connection c) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT room, user_id, notify FROM members WHERE notify IS NOT NULL");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
    }
    return out;
  }

  /** A message saved or unsaved, in the writer's transaction (see {@code Bookmarks.save}). */
  static Outcome save(
      WriterConnection w, String user, String room, long seq, boolean on, long ts, int max)
      throws SQLException {
    Connection c = w.sql();
    if (!on) {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM saved WHERE user_id = ? AND room = ? AND seq = ?")) {
        ps.setString(1, user);
        ps.setString(2, room);
        ps.setLong(3, seq);
        if (ps.executeUpdate() > 0) return Outcome.REMOVED;
      }
      w.flushQueued();
      return w.load(room, seq) == null ? Outcome.NO_MESSAGE : Outcome.UNCHANGED;
    }
    w.flushQueued();
    Message m = w.load(room, seq);
    if (m == null || m.deleted()) return Outcome.NO_MESSAGE;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM saved WHERE user_id = ? AND room = ? AND seq = ?")) {
      ps.setString(1, user);
      ps.setString(2, room);
      ps.setLong(3, seq);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) return Outcome.UNCHANGED;
      }
    }
    try (PreparedStatement gone =
        c.prepareStatement(
            "DELETE FROM saved WHERE user_id = ? AND NOT EXISTS (SELECT 1 FROM events e"
                + " WHERE e.room = saved.room AND e.seq = saved.seq AND e.deleted = ?)")) {
      gone.setString(1, user);
      gone.setBoolean(2, false);
      gone.executeUpdate();
    }
    if (count(c, "SELECT COUNT(*) FROM saved WHERE user_id = ?", user) >= max) return Outcome.FULL;
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO saved (user_id, room, seq, ts) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, user);
      ps.setString(2, room);
      ps.setLong(3, seq);
      ps.setLong(4, ts);
      ps.executeUpdate();
    }
    return Outcome.ADDED;
  }

  /**
   * The user's saved messages still in their rooms' logs and not deleted, newest saved first: a
   * deleted message's row stays until the next save clears it, but is neither listed nor counted.
   */
  static List<Bookmarks.Saved> saved(Connection c, String user, int max) throws SQLException {
    List<Bookmarks.Saved> marks = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT room, seq, ts FROM saved WHERE user_id = ? AND EXISTS (SELECT 1 FROM events e"
                + " WHERE e.room = saved.room AND e.seq = saved.seq AND e.deleted = ?)"
                + " ORDER BY ts DESC, seq DESC LIMIT ?")) {
      ps.setString(1, user);
      ps.setBoolean(2, false);
      ps.setInt(3, max);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next())
          marks.add(new Bookmarks.Saved(rs.getString(1), rs.getLong(2), rs.getLong(3), null));
      }
    }
    Map<String, Map<Long, Message>> byRoom = new HashMap<>();
    for (Bookmarks.Saved s : marks) byRoom.computeIfAbsent(s.room(), r -> new HashMap<>());
    String mine = " AND seq IN (SELECT seq FROM saved WHERE room = ? AND user_id = ?)";
    for (Map.Entry<String, Map<Long, Message>> room : byRoom.entrySet()) {
      List<Event> events = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT "
                  + Rows.EVENT_COLUMNS
                  + " FROM events WHERE room = ? AND kind = 'message'"
                  + mine)) {
        ps.setString(1, room.getKey());
        ps.setString(2, room.getKey());
        ps.setString(3, user);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) events.add(Rows.event(rs));
        }
      }
      events.sort(Comparator.comparingLong(Event::seq));
      reactions(c, room.getKey(), events, mine, room.getKey(), user);
      for (Event e : events) room.getValue().put(e.seq(), (Message) e);
    }
    List<Bookmarks.Saved> out = new ArrayList<>(marks.size());
    for (Bookmarks.Saved s : marks) {
      Message m = byRoom.get(s.room()).get(s.seq());
      if (m != null) out.add(new Bookmarks.Saved(s.room(), s.seq(), s.ts(), m));
    }
    return out;
  }

  /** The room's pinned messages, not deleted, most recently pinned first. */
  static List<Message> pins(Connection c, String room) throws SQLException {
    Map<Long, Long> pinnedAt = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, ts FROM pins WHERE room = ?")) {
      ps.setString(1, room);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) pinnedAt.put(rs.getLong(1), rs.getLong(2));
      }
    }
    if (pinnedAt.isEmpty()) return List.of();
    String pinned = " AND seq IN (SELECT seq FROM pins WHERE room = ?)";
    List<Event> events = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + Rows.EVENT_COLUMNS
                + " FROM events WHERE room = ? AND kind = 'message' AND deleted = ?"
                + pinned
                + " ORDER BY seq")) {
      ps.setString(1, room);
      ps.setBoolean(2, false);
      ps.setString(3, room);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) events.add(Rows.event(rs));
      }
    }
    reactions(c, room, events, pinned, room);
    List<Message> out = new ArrayList<>(events.size());
    for (Event e : events) out.add((Message) e);
    out.sort(
        Comparator.comparingLong((Message m) -> pinnedAt.get(m.seq()))
            .thenComparingLong(Message::seq)
            .reversed());
    return out;
  }

  /**
   * Puts reactions into {@code events}, all of {@code room} in seq order, picked by {@code which}
   * (its parameters {@code args}).
   */
  static void reactions(Connection c, String room, List<Event> events, String which, String... args)
      throws SQLException {
    if (events.isEmpty()) return;
    try (PreparedStatement ps =
        c.prepareStatement(Rows.SELECT_REACTIONS + which + " ORDER BY seq, rev")) {
      ps.setString(1, room);
      for (int i = 0; i < args.length; i++) ps.setString(i + 2, args[i]);
      try (ResultSet rs = ps.executeQuery()) {
        Rows.attachReactions(events, rs);
      }
    }
  }

  static boolean exists(Connection c, String sql, String room, long seq) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, room);
      ps.setLong(2, seq);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  static long count(Connection c, String sql, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }
}
