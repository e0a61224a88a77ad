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
 * Sessions and sign-in codes in the store: a session's row (its token only as a hash), its last
 * use, its revocation, its removal once it has ended (only if it still has: see {@link
 * Change.SessionsRemoved}); a code by its hash with its user and expiry, of which a user keeps the
 * newest {@link #MAX_CODES}, used once ({@link #use}). The writer's statements run one by one on
 * its connection (they are rare); {@link #load} runs on a read connection.
 */
final class SessionRows {
  /** The open sign-in codes a user may have; making one more drops the oldest. */
  static final int MAX_CODES = 3;

  private static final String INSERT =
      "INSERT INTO sessions (id, user_id, token_hash, created, last_seen, agent, revoked)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
  private static final String SEEN =
      "UPDATE sessions SET last_seen = ? WHERE id = ? AND last_seen < ?";
  private static final String REVOKE =
      "UPDATE sessions SET revoked = ? WHERE id = ? AND user_id = ?";
  private static final String REMOVE =
      "DELETE FROM sessions WHERE id = ? AND (revoked = ? OR last_seen < ?)";
  private static final String ENDED =
      "SELECT id FROM sessions WHERE (revoked = ? AND last_seen < ?) OR last_seen < ?"
          + " ORDER BY last_seen, id LIMIT ?";

  /** The most ids one read of ended sessions gives. */
  static final int MAX_ENDED = 1000;

  private static final String INSERT_CODE =
      "INSERT INTO link_codes (code_hash, user_id, created, expires) VALUES (?, ?, ?, ?)";
  private static final String DROP_OLD_CODES =
      "DELETE FROM link_codes WHERE user_id = ? AND (expires <= ? OR code_hash NOT IN"
          + " (SELECT code_hash FROM link_codes WHERE user_id = ? ORDER BY created DESC LIMIT "
          + MAX_CODES
          + "))";
  private static final String USE_CODE =
      "UPDATE link_codes SET used_ts = ? WHERE code_hash = ? AND used_ts IS NULL AND expires > ?";
  private static final String CODE_USER = "SELECT user_id FROM link_codes WHERE code_hash = ?";
  private static final String ALL =
      "SELECT id, user_id, token_hash, created, last_seen, agent, revoked FROM sessions";

  private final PreparedStatement insert, seen, revoke, insertCode, dropOldCodes, useCode, codeUser;
  private final PreparedStatement dropSessions, dropCodes, remove;

  SessionRows(Connection c) throws SQLException {
    insert = c.prepareStatement(INSERT);
    seen = c.prepareStatement(SEEN);
    revoke = c.prepareStatement(REVOKE);
    insertCode = c.prepareStatement(INSERT_CODE);
    dropOldCodes = c.prepareStatement(DROP_OLD_CODES);
    useCode = c.prepareStatement(USE_CODE);
    codeUser = c.prepareStatement(CODE_USER);
    dropSessions = c.prepareStatement("DELETE FROM sessions WHERE user_id = ?");
    dropCodes = c.prepareStatement("DELETE FROM link_codes WHERE user_id = ?");
    remove = c.prepareStatement(REMOVE);
  }

  /** Whether {@code change} is one of these rows'. */
  static boolean handles(Change change) {
    return change instanceof Change.SessionSaved
        || change instanceof Change.SessionSeen
        || change instanceof Change.SessionsRevoked
        || change instanceof Change.SessionsRemoved
        || change instanceof Change.LinkMade;
  }

  void apply(Change change) throws SQLException {
    if (change instanceof Change.SessionSaved saved) {
      Snapshot.SessionRow r = saved.session();
      insert.setString(1, r.id());
      insert.setString(2, r.userId());
      insert.setString(3, r.tokenHash());
      insert.setLong(4, r.created());
      insert.setLong(5, r.lastSeen());
      insert.setString(6, r.agent());
      insert.setBoolean(7, r.revoked());
      insert.executeUpdate();
    } else if (change instanceof Change.SessionSeen s) {
      seen.setLong(1, s.ts());
      seen.setString(2, s.sessionId());
      seen.setLong(3, s.ts());
      seen.executeUpdate();
    } else if (change instanceof Change.SessionsRevoked r) {
      for (String id : r.sessionIds()) {
        revoke.setBoolean(1, true);
        revoke.setString(2, id);
        revoke.setString(3, r.userId());
        revoke.executeUpdate();
      }
    } else if (change instanceof Change.SessionsRemoved r) {
      remove.clearBatch(); // whatever a failed batch left
      for (String id : r.sessionIds()) {
        remove.setString(1, id);
        remove.setBoolean(2, true);
        remove.setLong(3, r.endedBefore());
        remove.addBatch();
      }
      if (!r.sessionIds().isEmpty()) remove.executeBatch();
    } else if (change instanceof Change.LinkMade l) {
      insertCode.setString(1, l.codeHash());
      insertCode.setString(2, l.userId());
      insertCode.setLong(3, l.created());
      insertCode.setLong(4, l.expires());
      insertCode.executeUpdate();
      dropOldCodes.setString(1, l.userId());
      dropOldCodes.setLong(2, l.created());
      dropOldCodes.setString(3, l.userId());
      dropOldCodes.executeUpdate();
    } else {
      throw new IllegalArgumentException("not a change of sessions: " + change);
    }
  }

  /** Uses the code with this hash once; its user's id, or null (unknown, used or expired). */
  String use(String codeHash, long now) throws SQLException {
    useCode.setLong(1, now);
    useCode.setString(2, codeHash);
    useCode.setLong(3, now);
    if (useCode.executeUpdate() != 1) return null;
    codeUser.setString(1, codeHash);
    try (ResultSet rs = codeUser.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** A user removed as idle takes their sessions and codes along. */
  void dropUser(String userId) throws SQLException {
    dropSessions.setString(1, userId);
    dropSessions.executeUpdate();
    dropCodes.setString(1, userId);
    dropCodes.executeUpdate();
  }

  /**
   * The ids of sessions revoked and last used before {@code revokedBefore}, or last used before
   * {@code expiredBefore}: at most {@code max}, the longest unused first. On a read connection.
   */
  static List<String> ended(Connection c, long revokedBefore, long expiredBefore, int max)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ENDED)) {
      ps.setBoolean(1, true);
      ps.setLong(2, revokedBefore);
      ps.setLong(3, expiredBefore);
      ps.setInt(4, Math.max(1, Math.min(MAX_ENDED, max)));
      List<String> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) ids.add(rs.getString(1));
      }
      return ids;
    }
  }

  /** Every session, for the start-up snapshot. */
  static List<Snapshot.SessionRow> load(Connection c) throws SQLException {
    List<Snapshot.SessionRow> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(ALL);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(
            new Snapshot.SessionRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getString(6),
                rs.getBoolean(7)));
      }
    }
    return rows;
  }
}
