package dev.parley.store.sql;

import dev.parley.domain.Change;
import dev.parley.domain.Retention;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Changes to users, rooms and memberships ({@code Store.write}) as statements on the writer's
 * connection. Changes keep their relative order (add, remove, add again must end with a member), so
 * a run of the same statement is batched and a different statement first executes the run. Event
 * inserts touch only {@code events}, which no change reads, so they go in a batch of their own. The
 * two upserts run one by one: PostgreSQL's driver rewrites a batch of inserts into one multi-row
 * INSERT, and {@code ON CONFLICT DO UPDATE} refuses to touch the same row twice in one command (a
 * user saved twice in a batch); they are rare enough not to matter. Writer thread only.
 */
final class ChangeRuns {
  private static final String UPSERT_USER =
      "INSERT INTO users (id, nick, avatar, token_hash, created_ts) VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT (id) DO UPDATE SET nick = excluded.nick, avatar = excluded.avatar";
  private static final String UPSERT_ROOM =
      "INSERT INTO rooms (name, topic, created_by, created_ts, is_private) VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT (name) DO UPDATE SET topic = excluded.topic";
  private static final String SET_PRIVATE = "UPDATE rooms SET is_private = ? WHERE name = ?";
  private static final String ADD_MEMBER =
      "INSERT INTO members (room, user_id, read_seq) VALUES (?, ?, ?)"
          + " ON CONFLICT (room, user_id) DO NOTHING";
  private static final String REMOVE_MEMBER = "DELETE FROM members WHERE room = ? AND user_id = ?";
  private static final String MOVE_READ =
      "UPDATE members SET read_seq = ? WHERE room = ? AND user_id = ? AND read_seq < ?";
  private static final String SET_PASSWORD = "UPDATE users SET password_hash = ? WHERE id = ?";
  private static final String REHASH_PASSWORD =
      "UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?";
  private static final String SET_RETENTION =
      "UPDATE rooms SET retention_days = ?, retention_count = ?, retention_own = ? WHERE name = ?";

  private final PreparedStatement upsertUser,
      upsertRoom,
      addMember,
      removeMember,
      moveRead,
      setRetention,
      setPassword;
  private final UserRows users;

  /** Sessions and sign-in codes. */
  final SessionRows sessions;

  /** Server-wide bans. */
  private final BanRows bans;

  /** Passkeys. */
  private final PasskeyRows passkeys;

  /** Room roles, read-only rooms, room bans and mutes, the moderation history. */
  private final ModerationRows moderation;

  private final RoomCounters counters;

  /** The writer's connection, for the rare statements prepared where they run. */
  private final Connection conn;

  /** The statement whose run is batched and not yet executed, or null. */
  private PreparedStatement pending;

  ChangeRuns(Dialect dialect, Connection c, RoomCounters counters) throws SQLException {
    this.counters = counters;
    this.conn = c;
    upsertUser = c.prepareStatement(UPSERT_USER);
    upsertRoom = c.prepareStatement(UPSERT_ROOM);
    addMember = c.prepareStatement(ADD_MEMBER);
    removeMember = c.prepareStatement(REMOVE_MEMBER);
    moveRead = c.prepareStatement(MOVE_READ);
    setRetention = c.prepareStatement(SET_RETENTION);
    setPassword = c.prepareStatement(SET_PASSWORD);
    users = new UserRows(dialect, c);
    sessions = new SessionRows(c);
    bans = new BanRows(c);
    passkeys = new PasskeyRows(c);
    moderation = new ModerationRows(c);
  }

  void apply(Change change) throws SQLException {
    if (change instanceof Change.UserSaved u) {
      flush();
      PreparedStatement ps = upsertUser;
      ps.setString(1, u.user().id());
      ps.setString(2, u.user().nick());
      ps.setString(3, u.user().avatar());
      ps.setString(4, u.user().tokenHash());
      ps.setLong(5, u.user().createdTs());
      ps.executeUpdate();
    } else if (change instanceof Change.PasswordSet p) {
      flush();
      setPassword.setString(1, p.passwordHash());
      setPassword.setString(2, p.userId());
      setPassword.executeUpdate();
    } else if (change instanceof Change.PasswordRehashed r) {
      flush();
      try (PreparedStatement ps = conn.prepareStatement(REHASH_PASSWORD)) { // once per old hash
        ps.setString(1, r.passwordHash());
        ps.setString(2, r.userId());
        ps.setString(3, r.replaced());
        ps.executeUpdate();
      }
    } else if (change instanceof Change.RoomSaved r) {
      counters.findOrCreate(r.name()); // a new room's log starts at 0
      flush();
      PreparedStatement ps = upsertRoom;
      ps.setString(1, r.name());
      ps.setString(2, r.topic() == null ? "" : r.topic());
      ps.setString(3, r.createdBy());
      ps.setLong(4, r.createdTs());
      ps.setBoolean(5, r.isPrivate());
      ps.executeUpdate();
    } else if (change instanceof Change.RoomPrivacy r) {
      flush();
      try (PreparedStatement ps = conn.prepareStatement(SET_PRIVATE)) { // rare: prepared when used
        ps.setBoolean(1, r.isPrivate());
        ps.setString(2, r.room());
        ps.executeUpdate();
      }
    } else if (change instanceof Change.RetentionSet r) {
      flush();
      PreparedStatement ps = setRetention;
      Retention policy = r.retention();
      setNullableInt(ps, 1, policy == null ? null : policy.days());
      setNullableInt(ps, 2, policy == null ? null : policy.count());
      ps.setBoolean(3, policy != null);
      ps.setString(4, r.room());
      ps.executeUpdate();
    } else if (change instanceof Change.MemberAdded m) {
      PreparedStatement ps = run(addMember);
      ps.setString(1, m.room());
      ps.setString(2, m.userId());
      ps.setLong(3, m.readSeq());
      ps.addBatch();
    } else if (change instanceof Change.MemberRemoved m) {
      PreparedStatement ps = run(removeMember);
      ps.setString(1, m.room());
      ps.setString(2, m.userId());
      ps.addBatch();
    } else if (change instanceof Change.UserSeen || change instanceof Change.UserSpoke) {
      users.add(run(users.statement(change)), change);
    } else if (change instanceof Change.UsersPruned p) {
      flush();
      users.prune(p, sessions);
    } else if (SessionRows.handles(change)) {
      flush();
      sessions.apply(change);
    } else if (BanRows.handles(change)) {
      flush();
      bans.apply(change);
    } else if (ModerationRows.handles(change)) {
      flush();
      moderation.apply(change);
    } else if (PasskeyRows.handles(change)) {
      flush();
      passkeys.apply(change);
    } else if (change instanceof Change.ReadMoved r) {
      PreparedStatement ps = run(moveRead);
      ps.setLong(1, r.seq());
      ps.setString(2, r.room());
      ps.setString(3, r.userId());
      ps.setLong(4, r.seq());
      ps.addBatch();
    } else if (BookmarkRows.handles(change)) {
      flush();
      BookmarkRows.apply(conn, change);
    } else if (change instanceof Change.IdentityLinked linked) {
      flush();
      IdentityRows.insert(conn, linked);
    } else if (change instanceof Change.Purged) {
      // only shared between nodes: the purge step that this announces already removed the rows
    } else {
      throw new IllegalArgumentException(
          "not a change the writer runs: " + change); // a Restored is a RestoreOp
    }
  }

  /** {@code next} becomes the statement of the current run; another run is executed first. */
  private PreparedStatement run(PreparedStatement next) throws SQLException {
    if (pending != next) flush();
    pending = next;
    return next;
  }

  /** Executes the current run, if any. */
  void flush() throws SQLException {
    if (pending != null) {
      PreparedStatement ps = pending;
      pending = null;
      ps.executeBatch();
    }
  }

  /** After a rollback: forgets every run batched and not executed. */
  void clear() throws SQLException {
    pending = null;
    addMember.clearBatch();
    removeMember.clearBatch();
    moveRead.clearBatch();
    users.clear();
  }

  private static void setNullableInt(PreparedStatement ps, int index, Integer value)
      throws SQLException {
    if (value == null) ps.setNull(index, Types.INTEGER);
    else ps.setInt(index, value);
  }
}
