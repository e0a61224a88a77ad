package dev.parley.store.sql;

import dev.parley.domain.Change;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Users that are never heard of again: what the store knows to tell them apart, and the removal of
 * those who never sent anything. Free accounts made by the thousand each left a user row and a
 * membership of {@code general} for ever (issue 14, item 6).
 *
 * <p>"Never sent anything", as the store keeps it: {@code users.spoke} is still false (the domain
 * marks a user the first time they send a message, react or create a room: {@link
 * Change.UserSpoke}; the migration marked those who had before), the user has no message anywhere
 * (looked up again on the partial index of client ids, which every message sent live has), and the
 * user is in no direct conversation (someone wrote to them: that conversation is kept whole).
 * "Gone": {@code users.last_seen}, written when their last connection closes ({@link
 * Change.UserSeen}), and their creation, both before the cut-off.
 *
 * <p>The writer's statements ({@link #statement}, {@link #prune}) run on its connection in its
 * batch; {@link #idle} runs on a read connection. Removal deletes the user's memberships and row in
 * the writer's transaction, checking every condition again there; events stay (a join notice names
 * the user by id and nick, as any event does).
 */
final class UserRows {
  /** How many users one removal handles; the domain asks again for the rest. */
  static final int MAX_PRUNE = 500;

  private static final String SEEN =
      "UPDATE users SET last_seen = ? WHERE id = ? AND last_seen < ?";
  private static final String SPOKE = "UPDATE users SET spoke = ? WHERE id = ?";
  private static final String NO_MESSAGE =
      "NOT EXISTS (SELECT 1 FROM events e WHERE e.user_id = u.id AND e.client_id IS NOT NULL)";
  private static final String NO_DIRECT =
      "NOT EXISTS (SELECT 1 FROM members m WHERE m.user_id = u.id AND m.room LIKE 'dm:%')";
  private static final String DROP_MEMBERS = "DELETE FROM members WHERE user_id = ?";
  private static final String DROP_USER = "DELETE FROM users WHERE id = ?";

  private final PreparedStatement seen;
  private final PreparedStatement spoke;
  private final PreparedStatement stillIdle;
  private final PreparedStatement dropMembers;
  private final PreparedStatement dropUser;

  /** Prepares the writer's statements on its connection {@code c} (closed with it). */
  UserRows(Dialect dialect, Connection c) throws SQLException {
    seen = c.prepareStatement(SEEN);
    spoke = c.prepareStatement(SPOKE);
    stillIdle =
        c.prepareStatement("SELECT 1 FROM users u WHERE u.id = ? AND " + idleWhere(dialect));
    dropMembers = c.prepareStatement(DROP_MEMBERS);
    dropUser = c.prepareStatement(DROP_USER);
  }

  /**
   * The conditions of the class comment, for a user row {@code u}; two parameters: the cut-off,
   * twice.
   */
  private static String idleWhere(Dialect dialect) {
    String silent =
        dialect == Dialect.SQLITE ? "u.spoke = 0" : "NOT u.spoke"; // as the partial index says it
    return silent
        + " AND u.password_hash IS NULL AND u.last_seen < ? AND u.created_ts < ? AND "
        + NO_MESSAGE
        + " AND "
        + NO_DIRECT;
  }

  /** The statement a {@link Change.UserSeen} or {@link Change.UserSpoke} is batched on. */
  PreparedStatement statement(Change change) {
    if (change instanceof Change.UserSeen) return seen;
    if (change instanceof Change.UserSpoke) return spoke;
    throw new IllegalArgumentException("not a change of a user's marks: " + change);
  }

  /** Binds {@code change} to its {@link #statement} and adds it to the batch. */
  void add(PreparedStatement ps, Change change) throws SQLException {
    if (change instanceof Change.UserSeen s) {
      ps.setLong(1, s.ts());
      ps.setString(2, s.userId());
      ps.setLong(3, s.ts());
    } else if (change instanceof Change.UserSpoke s) {
      ps.setBoolean(1, true);
      ps.setString(2, s.userId());
    } else {
      throw new IllegalArgumentException("not a change of a user's marks: " + change);
    }
    ps.addBatch();
  }

  /** After a rollback: forgets the marks batched for a run that was never executed. */
  void clear() throws SQLException {
    seen.clearBatch();
    spoke.clearBatch();
  }

  /** Removes those of {@code p.userIds()} that are still idle (every condition checked again). */
  void prune(Change.UsersPruned p, SessionRows sessions) throws SQLException {
    for (String id : p.userIds()) {
      stillIdle.setString(1, id);
      stillIdle.setLong(2, p.seenBefore());
      stillIdle.setLong(3, p.seenBefore());
      try (ResultSet rs = stillIdle.executeQuery()) {
        if (!rs.next()) continue;
      }
      dropMembers.setString(1, id);
      dropMembers.executeUpdate();
      sessions.dropUser(id);
      dropUser.setString(1, id);
      dropUser.executeUpdate();
    }
  }

  /**
   * The ids of users idle as the class comment says, gone before {@code seenBefore}: at most {@code
   * max}, those gone longest first. On a read connection.
   */
  static List<String> idle(Connection c, Dialect dialect, long seenBefore, int max)
      throws SQLException {
    String sql =
        "SELECT u.id FROM users u WHERE "
            + idleWhere(dialect)
            + " ORDER BY u.last_seen, u.id LIMIT ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, seenBefore);
      ps.setLong(2, seenBefore);
      ps.setInt(3, Math.max(1, Math.min(MAX_PRUNE, max)));
      List<String> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) ids.add(rs.getString(1));
      }
      return ids;
    }
  }
}
