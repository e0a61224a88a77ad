package dev.parley.store.sql;

import dev.parley.domain.Event;
import dev.parley.domain.Retention;
import dev.parley.domain.Snapshot;
import dev.parley.domain.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The read queries: the start-up snapshot and pages of a room's log, on the read-only pool.
 *
 * <p>Plain JDBC rather than JDBI: these are four fixed queries whose rows map through {@link Rows},
 * so JDBI would save only a few lines, and it costs start-up time. Measured on the development
 * machine (2 cores, busy), the first JDBI query in a fresh JVM took 450 to 1000 ms (about 500
 * classes to load and initialise) against 5 to 12 ms for the same query through JDBC, and {@link
 * #load} runs on the node's start-up path, whose whole budget is 1.5 s.
 */
final class Reads {
  private static final String USERS =
      "SELECT id, nick, avatar, token_hash, created_ts, last_seen, password_hash FROM users"
          + " ORDER BY id";
  private static final String MEMBERS =
      "SELECT room, user_id, read_seq FROM members ORDER BY room, user_id";
  private static final String SELECT_EVENTS =
      "SELECT " + Rows.EVENT_COLUMNS + " FROM events WHERE room = ?";

  private final DataSource pool;

  Reads(DataSource pool) {
    this.pool = pool;
  }

  /** Every passkey, read once at start. */
  List<dev.parley.domain.Passkey> passkeys() throws SQLException {
    try (Connection c = pool.getConnection()) {
      return List.copyOf(PasskeyRows.load(c));
    }
  }

  Snapshot load() throws SQLException {
    try (Connection c = pool.getConnection()) {
      List<Snapshot.RoomRow> rooms = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(RoomCounters.ALL_ROOM_SEQS);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long last = Math.max(rs.getLong(5), rs.getLong(6));
          Long first = rs.getObject(9) == null ? null : rs.getLong(9);
          rooms.add(
              new Snapshot.RoomRow(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getLong(4),
                  last,
                  Math.max(rs.getLong(7), rs.getLong(8)),
                  first == null ? last + 1 : first,
                  rs.getBoolean(12) ? new Retention(intOrNull(rs, 10), intOrNull(rs, 11)) : null,
                  rs.getBoolean(13)));
        }
      }
      List<Snapshot.UserRow> users = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(USERS);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          users.add(
              new Snapshot.UserRow(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getLong(5),
                  Math.max(rs.getLong(5), rs.getLong(6)),
                  rs.getString(7)));
        }
      }
      List<Snapshot.MemberRow> members = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(MEMBERS);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          members.add(new Snapshot.MemberRow(rs.getString(1), rs.getString(2), rs.getLong(3)));
        }
      }
      return new Snapshot(
          List.copyOf(rooms),
          List.copyOf(users),
          List.copyOf(members),
          List.copyOf(SessionRows.load(c)),
          List.copyOf(IdentityRows.load(c)));
    }
  }

  private static Integer intOrNull(ResultSet rs, int column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  /** Which of {@code urls} some held message's image still points at; a query per 100 URLs. */
  /** Every room's last seq as committed. */
  java.util.Map<String, Long> lastSeqs() throws SQLException {
    return perRoom("SELECT name, last_seq FROM rooms");
  }

  java.util.Map<String, Long> lastRevs() throws SQLException {
    return perRoom("SELECT name, last_rev FROM rooms");
  }

  private java.util.Map<String, Long> perRoom(String sql) throws SQLException {
    java.util.Map<String, Long> seqs = new java.util.HashMap<>();
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) seqs.put(rs.getString(1), rs.getLong(2));
    }
    return seqs;
  }

  /**
   * Every room a message ever showed {@code url} in (kept by the database: see migration version
   * 8).
   */
  Set<String> roomsShowing(String url) throws SQLException {
    Set<String> rooms = new HashSet<>();
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT room FROM upload_rooms WHERE url = ?")) {
      ps.setString(1, url);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) rooms.add(rs.getString(1));
      }
    }
    return rooms;
  }

  /**
   * One page, read in the direction asked plus one extra row: the extra row is how {@code more} is
   * known without a second query. Pages before a seq (and the latest page) are read newest first
   * and turned around, so the answer is ascending either way. With both {@code before} and {@code
   * after}, the page is the oldest events strictly between them.
   */
  Store.Page page(String room, Long before, Long after, int limit) throws SQLException {
    boolean forward = after != null;
    String sql =
        SELECT_EVENTS
            + (after != null ? " AND seq > ?" : "")
            + (before != null ? " AND seq < ?" : "")
            + (forward ? " ORDER BY seq ASC LIMIT ?" : " ORDER BY seq DESC LIMIT ?");
    List<Event> events = new ArrayList<>(Math.min(limit + 1, 256));
    try (Connection c = pool.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int p = 1;
        ps.setString(p++, room);
        if (after != null) ps.setLong(p++, after);
        if (before != null) ps.setLong(p++, before);
        ps.setInt(p, limit + 1);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) events.add(Rows.event(rs));
        }
      }
      boolean more = events.size() > limit;
      if (more) events.remove(events.size() - 1);
      if (!forward) Collections.reverse(events);
      withReactions(c, room, events);
      return new Store.Page(Collections.unmodifiableList(events), more);
    }
  }

  /**
   * The current state of the messages changed after {@code sinceRev}, ascending by rev, with one
   * extra row to know {@code more}. {@code rev > 0} is spelt out so both databases use the partial
   * index {@code events_rev}.
   */
  Store.Page changes(String room, long sinceRev, int limit) throws SQLException {
    String changed = " FROM events WHERE room = ? AND rev > 0 AND rev > ? ORDER BY rev ASC LIMIT ?";
    List<Event> events = new ArrayList<>(Math.min(limit + 1, 256));
    try (Connection c = pool.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.EVENT_COLUMNS + changed)) {
        ps.setString(1, room);
        ps.setLong(2, sinceRev);
        ps.setInt(3, limit + 1);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) events.add(Rows.event(rs));
        }
      }
      boolean more = events.size() > limit;
      if (more) events.remove(events.size() - 1);
      withReactions(c, room, events);
      return new Store.Page(Collections.unmodifiableList(events), more);
    }
  }

  /**
   * A thread: its root (whatever {@code after} says, so a client paging replies keeps it), then its
   * replies after {@code after} in ascending seq, at most {@code limit}, with one extra row to know
   * {@code more}. Empty when no message has seq {@code root}. The replies come from the partial
   * index {@code events_thread}.
   */
  Store.Page thread(String room, long root, Long after, int limit) throws SQLException {
    List<Event> events = new ArrayList<>(Math.min(limit + 2, 256));
    try (Connection c = pool.getConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement(SELECT_EVENTS + " AND seq = ? AND kind = 'message'")) {
        ps.setString(1, room);
        ps.setLong(2, root);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) events.add(Rows.event(rs));
        }
      }
      if (events.isEmpty()) return new Store.Page(List.of(), false);
      try (PreparedStatement ps =
          c.prepareStatement(
              SELECT_EVENTS + " AND thread_seq = ? AND seq > ? ORDER BY seq ASC LIMIT ?")) {
        ps.setString(1, room);
        ps.setLong(2, root);
        ps.setLong(3, after == null ? root : Math.max(root, after));
        ps.setInt(4, limit + 1);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) events.add(Rows.event(rs));
        }
      }
      boolean more = events.size() > limit + 1;
      if (more) events.remove(events.size() - 1);
      withReactions(c, room, events);
      return new Store.Page(Collections.unmodifiableList(events), more);
    }
  }

  /**
   * Puts the reactions of a page's messages into {@code events} (in place), with one query by the
   * page's seqs: a history page, a page of changes and a thread alike (a page is at most a few
   * hundred events, well under either database's limit of bound values).
   */
  private static void withReactions(Connection c, String room, List<Event> events)
      throws SQLException {
    if (events.isEmpty()) return;
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < events.size(); i++) in.append(i == 0 ? "?" : ", ?");
    try (PreparedStatement ps =
        c.prepareStatement(Rows.SELECT_REACTIONS + " AND seq IN (" + in + ") ORDER BY seq, rev")) {
      ps.setString(1, room);
      for (int i = 0; i < events.size(); i++) ps.setLong(i + 2, events.get(i).seq());
      try (ResultSet rs = ps.executeQuery()) {
        Rows.attachReactions(events, rs);
      }
    }
  }
}
