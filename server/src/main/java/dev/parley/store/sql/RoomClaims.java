package dev.parley.store.sql;

import dev.parley.domain.Change;
import dev.parley.domain.Store.RoomClaim;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Settles, on the cluster's PostgreSQL, which node gets a new room's name when two create it at
 * once, and whether its creator is still within the room quota when they create on two nodes at
 * once. The name: the primary key, through one insert that does nothing on a conflict. The quota: a
 * transaction-scoped advisory lock on the creator (so one creator's claims are counted one at a
 * time, whichever node makes them), then a count of the creator's public rooms since the window's
 * start, then the insert. Its own connection (the read pool is read-only, and the writer batches
 * without answers); room creation is rare and the domain refuses a create over its own count before
 * asking, so one connection, used a claim at a time, is enough, and the count needs no index of its
 * own.
 */
final class RoomClaims {
  /** The first key of the advisory lock, so that it cannot meet another user of advisory locks. */
  private static final String LOCK =
      "SELECT pg_advisory_xact_lock(hashtext('parley.room-quota'), hashtext(?))";

  private static final String COUNT =
      "SELECT count(*) FROM rooms WHERE created_by = ? AND created_ts > ? AND name NOT LIKE 'dm:%'";
  private static final String CLAIM =
      "INSERT INTO rooms (name, topic, created_by, created_ts, is_private) VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT (name) DO NOTHING";

  private final Dialect dialect;
  private final String url;
  private Connection conn;

  RoomClaims(Dialect dialect, String url) {
    this.dialect = dialect;
    this.url = url;
  }

  /**
   * Stores the room unless its name is taken or its creator already has {@code quota} public rooms
   * created after {@code since}.
   */
  synchronized RoomClaim claim(Change.RoomSaved room, int quota, long since) throws SQLException {
    if (conn == null) {
      conn = dialect.openWriter(url);
      conn.setAutoCommit(false);
    }
    try {
      RoomClaim result = claimIn(room, quota, since);
      conn.commit();
      return result;
    } catch (SQLException e) {
      close(); // perhaps a broken connection: the next claim opens another (closing rolls back)
      throw e;
    }
  }

  private RoomClaim claimIn(Change.RoomSaved room, int quota, long since) throws SQLException {
    if (room.createdBy() != null) {
      try (PreparedStatement lock = conn.prepareStatement(LOCK)) {
        lock.setString(1, room.createdBy());
        lock.execute();
      }
      try (PreparedStatement count = conn.prepareStatement(COUNT)) {
        count.setString(1, room.createdBy());
        count.setLong(2, since);
        try (ResultSet rs = count.executeQuery()) {
          rs.next();
          if (rs.getLong(1) >= quota) return RoomClaim.OVER_QUOTA;
        }
      }
    }
    try (PreparedStatement ps = conn.prepareStatement(CLAIM)) {
      ps.setString(1, room.name());
      ps.setString(2, room.topic() == null ? "" : room.topic());
      ps.setString(3, room.createdBy());
      ps.setLong(4, room.createdTs());
      ps.setBoolean(5, room.isPrivate());
      return ps.executeUpdate() == 1 ? RoomClaim.CLAIMED : RoomClaim.TAKEN;
    }
  }

  synchronized void close() {
    if (conn == null) return;
    try {
      conn.close();
    } catch (SQLException ignored) {
      // closing a broken connection
    }
    conn = null;
  }
}
