package dev.parley.store.sql;

import dev.parley.domain.AuditEntry;
import dev.parley.domain.Change;
import dev.parley.domain.Profile;
import dev.parley.domain.RoomRole;
import dev.parley.domain.RoomRules;
import dev.parley.domain.RoomSanction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Room roles, read-only rooms, room bans and mutes, and the moderation history in the store (V17).
 * The writer's statements run one by one on its connection (moderation is rare); {@link #load} runs
 * once at start, {@link #audit} on the read pool.
 */
final class ModerationRows {
  private static final String SET_ROLE =
      "UPDATE members SET role = ? WHERE room = ? AND user_id = ?";
  private static final String SET_READ_ONLY = "UPDATE rooms SET read_only = ? WHERE name = ?";
  private static final String UPSERT_SANCTION =
      "INSERT INTO room_sanctions (room, user_id, kind, reason, by_id, ts, until_ts)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (room, user_id, kind) DO UPDATE SET"
          + " reason = excluded.reason, by_id = excluded.by_id, ts = excluded.ts,"
          + " until_ts = excluded.until_ts";
  private static final String DELETE_SANCTION =
      "DELETE FROM room_sanctions WHERE room = ? AND user_id = ? AND kind = ?";
  private static final String INSERT_AUDIT =
      "INSERT INTO room_audit (ts, actor_id, actor_nick, action, room, user_id, user_nick, reason,"
          + " detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String AUDIT_COLUMNS =
      "SELECT ts, actor_id, actor_nick, action, room, user_id, user_nick, reason, detail"
          + " FROM room_audit";

  private final PreparedStatement setRole, setReadOnly, upsertSanction, deleteSanction, audit;

  ModerationRows(Connection c) throws SQLException {
    setRole = c.prepareStatement(SET_ROLE);
    setReadOnly = c.prepareStatement(SET_READ_ONLY);
    upsertSanction = c.prepareStatement(UPSERT_SANCTION);
    deleteSanction = c.prepareStatement(DELETE_SANCTION);
    audit = c.prepareStatement(INSERT_AUDIT);
  }

  /** Whether {@code change} is one of these rows'. */
  static boolean handles(Change change) {
    return change instanceof Change.RoleSet
        || change instanceof Change.ReadOnlySet
        || change instanceof Change.Sanctioned
        || change instanceof Change.SanctionLifted
        || change instanceof Change.Audited;
  }

  void apply(Change change) throws SQLException {
    if (change instanceof Change.RoleSet r) {
      setRole.setString(1, r.role().wire());
      setRole.setString(2, r.room());
      setRole.setString(3, r.userId());
      setRole.executeUpdate();
    } else if (change instanceof Change.ReadOnlySet r) {
      setReadOnly.setBoolean(1, r.readOnly());
      setReadOnly.setString(2, r.room());
      setReadOnly.executeUpdate();
    } else if (change instanceof Change.Sanctioned s) {
      RoomSanction b = s.sanction();
      upsertSanction.setString(1, b.room());
      upsertSanction.setString(2, b.userId());
      upsertSanction.setString(3, b.kind().wire());
      upsertSanction.setString(4, b.reason());
      upsertSanction.setString(5, b.by());
      upsertSanction.setLong(6, b.ts());
      if (b.until() == null) upsertSanction.setNull(7, Types.BIGINT);
      else upsertSanction.setLong(7, b.until());
      upsertSanction.executeUpdate();
    } else if (change instanceof Change.SanctionLifted l) {
      deleteSanction.setString(1, l.room());
      deleteSanction.setString(2, l.userId());
      deleteSanction.setString(3, l.kind().wire());
      deleteSanction.executeUpdate();
    } else if (change instanceof Change.Audited a) {
      AuditEntry e = a.entry();
      audit.setLong(1, e.ts());
      audit.setString(2, e.actor().id());
      audit.setString(3, e.actor().nick());
      audit.setString(4, e.action());
      audit.setString(5, e.room());
      audit.setString(6, e.user() == null ? null : e.user().id());
      audit.setString(7, e.user() == null ? null : e.user().nick());
      audit.setString(8, e.reason());
      audit.setString(9, e.detail());
      audit.executeUpdate();
    } else {
      throw new IllegalArgumentException("not a change of moderation: " + change);
    }
  }

  /** Every role above member, read-only room, room ban and mute. */
  static RoomRules load(Connection c) throws SQLException {
    List<RoomRules.Role> roles = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT room, user_id, role FROM members WHERE role <> 'member'");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        RoomRole role = RoomRole.fromWire(rs.getString(3));
        if (role != null) roles.add(new RoomRules.Role(rs.getString(1), rs.getString(2), role));
      }
    }
    Set<String> readOnly = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT name FROM rooms WHERE read_only");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) readOnly.add(rs.getString(1));
    }
    List<RoomSanction> sanctions = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT room, user_id, kind, reason, by_id, ts, until_ts FROM room_sanctions");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long until = rs.getLong(7);
        sanctions.add(
            new RoomSanction(
                rs.getString(1),
                rs.getString(2),
                RoomSanction.Kind.fromWire(rs.getString(3)),
                rs.getString(4),
                rs.getString(5),
                rs.getLong(6),
                rs.wasNull() ? null : until));
      }
    }
    return new RoomRules(List.copyOf(roles), Set.copyOf(readOnly), List.copyOf(sanctions));
  }

  /** The history, newest first; see {@code Store.audit}. */
  static List<AuditEntry> audit(Connection c, String room, Long before, int limit)
      throws SQLException {
    StringBuilder sql = new StringBuilder(AUDIT_COLUMNS).append(" WHERE 1 = 1");
    if (room != null) sql.append(" AND room = ?");
    if (before != null) sql.append(" AND ts < ?");
    sql.append(" ORDER BY ts DESC, id DESC LIMIT ?");
    List<AuditEntry> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      if (room != null) ps.setString(i++, room);
      if (before != null) ps.setLong(i++, before);
      ps.setInt(i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String userId = rs.getString(6);
          out.add(
              new AuditEntry(
                  rs.getLong(1),
                  new Profile(rs.getString(2), rs.getString(3), null),
                  rs.getString(4),
                  rs.getString(5),
                  userId == null ? null : new Profile(userId, rs.getString(7), null),
                  rs.getString(8),
                  rs.getString(9)));
        }
      }
    }
    return out;
  }
}
