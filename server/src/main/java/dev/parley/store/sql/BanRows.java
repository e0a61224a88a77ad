package dev.parley.store.sql;

import dev.parley.domain.Change;
import dev.parley.domain.Snapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-wide bans in the store: one row per banned user (reason, by whom, when), deleted when the
 * ban is lifted. Banning again replaces the row. The writer's statements run one by one on its
 * connection (bans are rare); {@link #load} runs on a read connection, at start and whenever a node
 * polls for bans the command line made ({@code Store.bans}).
 */
final class BanRows {
  private static final String UPSERT =
      "INSERT INTO bans (user_id, reason, banned_by, ts) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (user_id) DO UPDATE SET reason = excluded.reason,"
          + " banned_by = excluded.banned_by, ts = excluded.ts";
  private static final String DELETE = "DELETE FROM bans WHERE user_id = ?";
  private static final String ALL = "SELECT user_id, reason, banned_by, ts FROM bans";

  private final PreparedStatement upsert, delete;

  BanRows(Connection c) throws SQLException {
    upsert = c.prepareStatement(UPSERT);
    delete = c.prepareStatement(DELETE);
  }

  /** Whether {@code change} is one of these rows'. */
  static boolean handles(Change change) {
    return change instanceof Change.Banned || change instanceof Change.Unbanned;
  }

  void apply(Change change) throws SQLException {
    if (change instanceof Change.Banned b) {
      upsert.setString(1, b.userId());
      upsert.setString(2, b.reason());
      upsert.setString(3, b.by());
      upsert.setLong(4, b.ts());
      upsert.executeUpdate();
    } else if (change instanceof Change.Unbanned u) {
      delete.setString(1, u.userId());
      delete.executeUpdate();
    } else {
      throw new IllegalArgumentException("not a change of bans: " + change);
    }
  }

  /** Every ban. */
  static List<Snapshot.BanRow> load(Connection c) throws SQLException {
    List<Snapshot.BanRow> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(ALL);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(
            new Snapshot.BanRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
      }
    }
    return rows;
  }
}
