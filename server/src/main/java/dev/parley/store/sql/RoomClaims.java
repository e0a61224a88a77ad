package dev.parley.store.sql;

import dev.parley.domain.Change;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Settles which node of a cluster gets a new room's name when two create it at once: the
 * database's primary key does, through one insert that does nothing on a conflict. Its own
 * connection (the read pool is read-only, and the writer batches without answers); room
 * creation is rare, so one connection, used a claim at a time, is enough.
 */
final class RoomClaims {
  private static final String CLAIM =
      "INSERT INTO rooms (name, topic, created_by, created_ts) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING";

  private final Dialect dialect;
  private final String url;
  private Connection conn;

  RoomClaims(Dialect dialect, String url) {
    this.dialect = dialect;
    this.url = url;
  }

  /** True when this call stored the room, false when a room of that name was stored already. */
  synchronized boolean claim(Change.RoomSaved room) throws SQLException {
    if (conn == null) conn = dialect.openWriter(url);
    try (PreparedStatement ps = conn.prepareStatement(CLAIM)) {
      ps.setString(1, room.name());
      ps.setString(2, room.topic() == null ? "" : room.topic());
      ps.setString(3, room.createdBy());
      ps.setLong(4, room.createdTs());
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      close(); // perhaps a broken connection: the next claim opens another
      throw e;
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
