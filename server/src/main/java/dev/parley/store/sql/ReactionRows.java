package dev.parley.store.sql;

import dev.parley.domain.Event;
import dev.parley.domain.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * A message's reactions as the writer keeps them: rows of {@code reactions}, one per message, emoji
 * and user, ranked by the rev that added them. An amendment writes only the difference between the
 * message as stored and as it now is, so a reaction keeps its rank (and its place in the list) for
 * as long as it stays. Writer thread only; one per writer connection.
 */
final class ReactionRows {
  private static final String SELECT = Rows.SELECT_REACTIONS + " AND seq = ? ORDER BY rev";
  private static final String ADD =
      "INSERT INTO reactions (room, seq, emoji, user_id, rev) VALUES (?, ?, ?, ?, ?)";
  private static final String REMOVE =
      "DELETE FROM reactions WHERE room = ? AND seq = ? AND emoji = ? AND user_id = ?";
  private static final String REMOVE_ALL = "DELETE FROM reactions WHERE room = ? AND seq = ?";

  private final PreparedStatement select, add, remove, removeAll;

  ReactionRows(Connection c) throws SQLException {
    select = c.prepareStatement(SELECT);
    add = c.prepareStatement(ADD);
    remove = c.prepareStatement(REMOVE);
    removeAll = c.prepareStatement(REMOVE_ALL);
  }

  /** The one message of {@code found} (the row at {@code room}, {@code seq}) with its reactions. */
  Message attach(List<Event> found, String room, long seq) throws SQLException {
    select.setString(1, room);
    select.setLong(2, seq);
    try (ResultSet rs = select.executeQuery()) {
      Rows.attachReactions(found, rs);
    }
    return (Message) found.get(0);
  }

  /** The rows of {@code current} become those of {@code next}; all go when it was deleted. */
  void rewrite(Message current, Message next) throws SQLException {
    if (next.deleted()) {
      removeAll.setString(1, next.room());
      removeAll.setLong(2, next.seq());
      removeAll.executeUpdate();
      return;
    }
    for (Map.Entry<String, List<String>> e : current.reactions().entrySet()) {
      List<String> now = next.reactions().getOrDefault(e.getKey(), List.of());
      for (String user : e.getValue()) {
        if (now.contains(user)) continue;
        remove.setString(1, next.room());
        remove.setLong(2, next.seq());
        remove.setString(3, e.getKey());
        remove.setString(4, user);
        remove.executeUpdate();
      }
    }
    for (Map.Entry<String, List<String>> e : next.reactions().entrySet()) {
      List<String> was = current.reactions().getOrDefault(e.getKey(), List.of());
      for (String user : e.getValue()) {
        if (was.contains(user)) continue;
        insert(next, e.getKey(), user, next.rev());
      }
    }
  }

  /**
   * A restored message's reactions, ranked 1, 2, 3 ... in their exported order (a rank only orders
   * a message's reactions, and every later reaction takes a rev above the room's, so above these).
   */
  void restore(Message m) throws SQLException {
    long rank = 0;
    for (Map.Entry<String, List<String>> e : m.reactions().entrySet()) {
      for (String user : e.getValue()) insert(m, e.getKey(), user, ++rank);
    }
  }

  private void insert(Message m, String emoji, String user, long rank) throws SQLException {
    add.setString(1, m.room());
    add.setLong(2, m.seq());
    add.setString(3, emoji);
    add.setString(4, user);
    add.setLong(5, rank);
    add.executeUpdate();
  }
}
