package dev.parley.store.sql;

import dev.parley.domain.Conversation;
import dev.parley.domain.Conversations;
import dev.parley.domain.Message;
import dev.parley.domain.Profile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;

/**
 * The columns of {@code events} that place a message in the conversation (V19): the reply's quote,
 * the thread it is in, a root's summary of its replies ({@link Conversation}). They follow {@link
 * Rows#EVENT_COLUMNS}' others, from {@link #FIRST}; {@link Rows} reads and binds them through here.
 */
final class ConversationRows {
  /** The position of {@code reply_seq} in {@link Rows#EVENT_COLUMNS}. */
  static final int FIRST = 36;

  static final String COLUMNS =
      "reply_seq, reply_id, reply_nick, reply_excerpt, thread_seq, also_in_room, reply_count,"
          + " last_reply_ts, reply_users";

  static final int COUNT = 9;

  /** The position of {@code reply_kind} (V23) in {@link Rows#EVENT_COLUMNS}: the last. */
  static final int KIND = 47;

  /** A deleted parent's replies quote it no more; they keep its seq and author. */
  private static final String PARENT_DELETED =
      "UPDATE events SET reply_excerpt = '', reply_kind = 'deleted' WHERE room = ? AND reply_seq = ?";

  /** An edited parent's replies quote it as it is now. */
  private static final String PARENT_EDITED =
      "UPDATE events SET reply_excerpt = ?, reply_kind = ? WHERE room = ? AND reply_seq = ?";

  /**
   * Retention took the parents up to a seq: their replies quote them no more (the text is what
   * retention removes). By the {@code events_reply} index, only the rows not yet marked.
   */
  private static final String PARENTS_PURGED =
      "UPDATE events SET reply_excerpt = '', reply_kind = 'gone' WHERE room = ? AND reply_seq <= ?"
          + " AND (reply_kind IS NULL OR reply_kind <> 'gone')";

  private final PreparedStatement parentDeleted, parentEdited, parentsPurged;

  ConversationRows(Connection c) throws SQLException {
    parentDeleted = c.prepareStatement(PARENT_DELETED);
    parentEdited = c.prepareStatement(PARENT_EDITED);
    parentsPurged = c.prepareStatement(PARENTS_PURGED);
  }

  /** In the edit's transaction: the replies to {@code edited} quote its new text. */
  void edited(Message edited) throws SQLException {
    Conversation.Reply now = Conversations.quote(edited, null);
    parentEdited.setString(1, now.excerpt());
    parentEdited.setString(2, now.kind());
    parentEdited.setString(3, edited.room());
    parentEdited.setLong(4, edited.seq());
    parentEdited.executeUpdate();
  }

  /** In a purge step's transaction: replies to the events through {@code seq} lose their quote. */
  void purged(String room, long seq) throws SQLException {
    parentsPurged.setString(1, room);
    parentsPurged.setLong(2, seq);
    parentsPurged.executeUpdate();
  }

  /** In the deletion's transaction: the replies to {@code deleted} lose their excerpt. */
  void deleted(Message deleted) throws SQLException {
    parentDeleted.setString(1, deleted.room());
    parentDeleted.setLong(2, deleted.seq());
    parentDeleted.executeUpdate();
  }

  /** The conversation of the current row (selected with {@link Rows#EVENT_COLUMNS}). */
  static Conversation read(ResultSet rs) throws SQLException {
    int c = FIRST;
    long replySeq = rs.getLong(c);
    Conversation.Reply reply =
        rs.wasNull()
            ? null
            : new Conversation.Reply(
                replySeq,
                new Profile(rs.getString(c + 1), rs.getString(c + 2), null),
                orEmpty(rs.getString(c + 3)),
                rs.getString(KIND));
    long threadSeq = rs.getLong(c + 4);
    Long thread = rs.wasNull() ? null : threadSeq;
    boolean alsoInRoom = rs.getBoolean(c + 5);
    int count = rs.getInt(c + 6);
    Conversation.Replies replies =
        rs.wasNull() || count == 0
            ? null
            : new Conversation.Replies(count, rs.getLong(c + 7), users(rs.getString(c + 8)));
    if (reply == null && thread == null && replies == null) return Conversation.NONE;
    return new Conversation(reply, thread, alsoInRoom, replies);
  }

  /** Binds the columns from {@link #FIRST} of an insert for {@code m} (null: a notice). */
  static void bindInsert(PreparedStatement ps, Message m) throws SQLException {
    Conversation c = m == null ? Conversation.NONE : m.conversation();
    int p = FIRST;
    Conversation.Reply r = c.reply();
    if (r == null) ps.setNull(p, Types.BIGINT);
    else ps.setLong(p, r.seq());
    ps.setString(p + 1, r == null || r.from() == null ? null : r.from().id());
    ps.setString(p + 2, r == null || r.from() == null ? null : r.from().nick());
    ps.setString(p + 3, r == null ? null : orEmpty(r.excerpt()));
    ps.setString(KIND, r == null ? null : r.kind());
    if (c.thread() == null) ps.setNull(p + 4, Types.BIGINT);
    else ps.setLong(p + 4, c.thread());
    if (c.thread() == null) ps.setNull(p + 5, Types.BOOLEAN);
    else ps.setBoolean(p + 5, c.alsoInRoom());
    bindReplies(ps, p + 6, c.replies());
  }

  /** Binds a root's summary at {@code p}, {@code p + 1}, {@code p + 2}. */
  static void bindReplies(PreparedStatement ps, int p, Conversation.Replies replies)
      throws SQLException {
    if (replies == null) {
      ps.setNull(p, Types.INTEGER);
      ps.setNull(p + 1, Types.BIGINT);
      ps.setNull(p + 2, Types.VARCHAR);
    } else {
      ps.setInt(p, replies.count());
      ps.setLong(p + 1, replies.lastTs());
      ps.setString(p + 2, String.join(" ", replies.users()));
    }
  }

  private static List<String> users(String column) {
    if (column == null || column.isBlank()) return List.of();
    return Arrays.asList(column.trim().split(" +"));
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
