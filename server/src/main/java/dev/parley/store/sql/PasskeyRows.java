package dev.parley.store.sql;

import dev.parley.domain.Change;
import dev.parley.domain.Passkey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Passkeys in the store: a registration inserts a row, a sign-in moves its counter forward (never
 * back: two nodes' uses may commit in either order), a removal deletes it, only for its own user.
 * The writer's statements run one by one on its connection (they are rare); {@link #load} runs on a
 * read connection at start.
 */
final class PasskeyRows {
  private static final String INSERT =
      "INSERT INTO passkeys (id, user_id, public_key, sign_count, name, created, last_used,"
          + " transports, aaguid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
  private static final String USED =
      "UPDATE passkeys SET sign_count = CASE WHEN sign_count < ? THEN ? ELSE sign_count END,"
          + " last_used = CASE WHEN last_used < ? THEN ? ELSE last_used END WHERE id = ?";
  private static final String REMOVE = "DELETE FROM passkeys WHERE id = ? AND user_id = ?";
  private static final String ALL =
      "SELECT id, user_id, public_key, sign_count, name, created, last_used, transports, aaguid"
          + " FROM passkeys ORDER BY created, id";

  private final PreparedStatement insert, used, remove;

  PasskeyRows(Connection c) throws SQLException {
    insert = c.prepareStatement(INSERT);
    used = c.prepareStatement(USED);
    remove = c.prepareStatement(REMOVE);
  }

  /** Whether {@code change} is one of these rows'. */
  static boolean handles(Change change) {
    return change instanceof Change.PasskeySaved
        || change instanceof Change.PasskeyUsed
        || change instanceof Change.PasskeyRemoved;
  }

  void apply(Change change) throws SQLException {
    if (change instanceof Change.PasskeySaved saved) {
      Passkey p = saved.passkey();
      insert.setString(1, p.id());
      insert.setString(2, p.userId());
      insert.setBytes(3, p.publicKey());
      insert.setLong(4, p.signCount());
      insert.setString(5, p.name());
      insert.setLong(6, p.created());
      insert.setLong(7, p.lastUsed());
      insert.setString(8, p.transports());
      insert.setString(9, p.aaguid());
      insert.executeUpdate();
    } else if (change instanceof Change.PasskeyUsed u) {
      used.setLong(1, u.signCount());
      used.setLong(2, u.signCount());
      used.setLong(3, u.ts());
      used.setLong(4, u.ts());
      used.setString(5, u.passkeyId());
      used.executeUpdate();
    } else if (change instanceof Change.PasskeyRemoved r) {
      remove.setString(1, r.passkeyId());
      remove.setString(2, r.userId());
      remove.executeUpdate();
    } else {
      throw new IllegalArgumentException("not a change of passkeys: " + change);
    }
  }

  /** Every passkey, for the start. */
  static List<Passkey> load(Connection c) throws SQLException {
    List<Passkey> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(ALL);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(
            new Passkey(
                rs.getString(1),
                rs.getString(2),
                rs.getBytes(3),
                rs.getLong(4),
                rs.getString(5),
                rs.getLong(6),
                rs.getLong(7),
                rs.getString(8),
                rs.getString(9)));
      }
    }
    return rows;
  }
}
