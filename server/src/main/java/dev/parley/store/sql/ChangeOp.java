package dev.parley.store.sql;

import dev.parley.domain.Change;
import dev.parley.domain.Message;
import dev.parley.domain.Store;
import java.sql.SQLException;
import org.slf4j.LoggerFactory;

/**
 * A change to users, rooms or memberships ({@link Store#write}), written by {@link ChangeRuns} in
 * order with the ops around it. It has no answer: a failed batch is logged by the writer, and one
 * that arrives after close is logged as dropped. (A restore is a {@link RestoreOp}.)
 */
final class ChangeOp implements WriteOp {
  private final Change change;

  ChangeOp(Change change) {
    this.change = change;
  }

  /**
   * Only a room's creation, its retention policy and its read-only flag touch its row; no other
   * change does.
   */
  @Override
  public String room() {
    if (change instanceof Change.RoomSaved r) {
      return r.name();
    } else if (change instanceof Change.RetentionSet r) {
      return r.room();
    } else if (change instanceof Change.RoomPrivacy r) {
      return r.room();
    } else if (change instanceof Change.ReadOnlySet r) {
      return r.room();
    } else if (change instanceof Change.UserSaved
        || change instanceof Change.PasswordSet
        || change instanceof Change.PasswordRehashed
        || change instanceof Change.MemberAdded
        || change instanceof Change.MemberRemoved
        || change instanceof Change.ReadMoved
        || change instanceof Change.NotifySet
        || change instanceof Change.ReadSet
        || change instanceof Change.UserSeen
        || change instanceof Change.UserSpoke
        || change instanceof Change.UsersPruned
        || change instanceof Change.SessionSaved
        || change instanceof Change.SessionSeen
        || change instanceof Change.SessionsRevoked
        || change instanceof Change.SessionsRemoved
        || change instanceof Change.LinkMade
        || change instanceof Change.IdentityLinked
        || change instanceof Change.Banned
        || change instanceof Change.Unbanned
        || change instanceof Change.PasskeySaved
        || change instanceof Change.PasskeyUsed
        || change instanceof Change.PasskeyRemoved
        || change instanceof Change.Purged
        || change instanceof Change.Restored
        || change instanceof Change.RoleSet
        || change instanceof Change.Sanctioned
        || change instanceof Change.SanctionLifted
        || change instanceof Change.Audited) {
      return null;
    } else {
      throw new IllegalStateException("which room does this change write? " + change);
    }
  }

  @Override
  public Change.RoomSaved creates() {
    return change instanceof Change.RoomSaved r ? r : null;
  }

  @Override
  public Message resendKey() {
    return null;
  }

  @Override
  public void write(WriterConnection c) throws SQLException {
    c.changes.apply(change);
  }

  @Override
  public void answer(Throwable failure) {}

  @Override
  public void closed() {
    LoggerFactory.getLogger(Writer.class).warn("dropped {}: the store was closed", change);
  }
}
