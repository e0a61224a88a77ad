package dev.parley.store.sql;

import dev.parley.domain.Invites;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of the invites (table {@code invites}, version 13), the same on SQLite and PostgreSQL. A
 * use is one conditional update, so the database orders two nodes that use one code at once.
 * Statements are prepared per step: invites are rare. On the writer's connection only ({@link
 * SqlInvites}, through an {@link AnswerOp}).
 */
final class InviteRows {
  /** How long a used-up invite stays (a use given back after a failed hello finds it). */
  static final long USED_UP_KEPT_MILLIS = 60L * 60 * 1000;

  private static final String COLUMNS =
      "code_hash, created_by, created, expires, max_uses, uses_left, room";
  private static final String USE =
      "UPDATE invites SET uses_left = uses_left - 1, used_ts = ?"
          + " WHERE code_hash = ? AND uses_left > 0 AND expires > ?";
  private static final String GIVE_BACK =
      "UPDATE invites SET uses_left = uses_left + 1 WHERE code_hash = ? AND uses_left < max_uses";
  private static final String DROP_DEAD =
      "DELETE FROM invites WHERE expires <= ? OR (uses_left <= 0 AND used_ts < ?)";
  private static final String COUNT_LIVE =
      "SELECT COUNT(*) FROM invites WHERE uses_left > 0 AND expires > ? AND room IS NULL";
  private static final String COUNT_LIVE_IN_ROOM =
      "SELECT COUNT(*) FROM invites WHERE uses_left > 0 AND expires > ? AND room = ?";
  private static final String LIVE = " WHERE uses_left > 0 AND expires > ?";

  private final Connection c;

  InviteRows(Connection c) {
    this.c = c;
  }

  boolean create(Invites.Invite i, int maxLive, long now) throws SQLException {
    try (PreparedStatement drop = c.prepareStatement(DROP_DEAD)) {
      drop.setLong(1, now);
      drop.setLong(2, now - USED_UP_KEPT_MILLIS);
      drop.executeUpdate();
    }
    try (PreparedStatement count =
        c.prepareStatement(i.room() == null ? COUNT_LIVE : COUNT_LIVE_IN_ROOM)) {
      count.setLong(1, now);
      if (i.room() != null) count.setString(2, i.room());
      try (ResultSet rs = count.executeQuery()) {
        if (rs.next() && rs.getLong(1) >= maxLive) return false;
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO invites (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, i.codeHash());
      ps.setString(2, i.createdBy());
      ps.setLong(3, i.created());
      ps.setLong(4, i.expires());
      ps.setInt(5, i.maxUses());
      ps.setInt(6, i.usesLeft());
      ps.setString(7, i.room());
      ps.executeUpdate();
    }
    return true;
  }

  boolean use(String codeHash, long now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(USE)) {
      ps.setLong(1, now);
      ps.setString(2, codeHash);
      ps.setLong(3, now);
      return ps.executeUpdate() == 1;
    }
  }

  Void giveBack(String codeHash) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(GIVE_BACK)) {
      ps.setString(1, codeHash);
      ps.executeUpdate();
    }
    return null;
  }

  List<Invites.Invite> live(long now) throws SQLException {
    return select(LIVE + " ORDER BY created DESC", now, null);
  }

  /** The room's live invites, newest first. */
  List<Invites.Invite> live(String room, long now) throws SQLException {
    return select(LIVE + " AND room = ? ORDER BY created DESC", now, room);
  }

  /** The invite with this hash, whatever its state; null when there is none. */
  Invites.Invite byHash(String codeHash) throws SQLException {
    List<Invites.Invite> found = select(" WHERE code_hash = ?", null, codeHash);
    return found.isEmpty() ? null : found.get(0);
  }

  /**
   * The unexpired invite (used up or not) with this hash, or this {@link Invites.Invite#id} alone;
   * else null.
   */
  Invites.Invite find(String codeHashOrId, long now) throws SQLException {
    String key = codeHashOrId.toLowerCase(java.util.Locale.ROOT);
    if (key.length() < Invites.ID_LENGTH || !key.matches("[0-9a-f]+")) return null;
    List<Invites.Invite> found = select(" WHERE expires > ? AND code_hash LIKE ?", now, key + "%");
    return found.size() == 1 ? found.get(0) : null;
  }

  /** Rows of {@code where}, whose parameters are {@code now} (unless null), then {@code text}. */
  private List<Invites.Invite> select(String where, Long now, String text) throws SQLException {
    List<Invites.Invite> found = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM invites" + where)) {
      int i = 1;
      if (now != null) ps.setLong(i++, now);
      if (text != null) ps.setString(i, text);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(
              new Invites.Invite(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  rs.getInt(5),
                  rs.getInt(6),
                  rs.getString(7)));
        }
      }
    }
    return found;
  }

  /** By the whole hash, or by its start ({@link Invites.Invite#id}) when that names one alone. */
  boolean revoke(String codeHashOrId) throws SQLException {
    String key = codeHashOrId.toLowerCase(java.util.Locale.ROOT);
    if (key.length() < Invites.ID_LENGTH || !key.matches("[0-9a-f]+")) return false;
    List<String> hashes = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT code_hash FROM invites WHERE code_hash LIKE ?")) {
      ps.setString(1, key + "%");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) hashes.add(rs.getString(1));
      }
    }
    if (hashes.size() != 1) return false;
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM invites WHERE code_hash = ?")) {
      ps.setString(1, hashes.get(0));
      return ps.executeUpdate() == 1;
    }
  }
}
