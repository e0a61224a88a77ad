package dev.parley.store.sql;

import dev.parley.domain.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writer's de-duplication by client id: a message whose author already stored one with the same
 * client id (a resend after a lost answer) is not written again, its sender gets the original.
 *
 * <p>How each database finds out differs, because what a lookup costs differs. PostgreSQL looks up
 * the originals of a whole batch before it writes ({@link #lookUp}), all pairs as two arrays joined
 * against the index in one query: one lookup per message would cost a round trip each (measured: IN
 * lists held the writer near 4k appends/s, the arrays do not). SQLite does not look up at all in
 * the usual case: its insert skips a row whose (author, client id) is already stored ({@link
 * WriterConnection#insertKeyed}), and only then, for a resend, is the original read ({@link
 * #find}). Why: at ordinary rates a batch holds one message, and the lookup before it (a statement,
 * an index search the insert then repeats, a result set) was 19 % of the writer's time per message
 * at 20k deliveries a second (run 18's profile), for resends that almost never happen.
 *
 * <p>Writer thread only; one per writer connection, its statements prepared at first use.
 */
final class Resends {
  private final Dialect dialect;
  private final Connection conn;

  /** The lookup: PostgreSQL's of a batch's pairs, SQLite's of one pair; prepared at first use. */
  private PreparedStatement lookup;

  /** The current batch's originals, found or stored in it, by {@link #key}. */
  private final Map<String, Message> originals = new HashMap<>();

  Resends(Dialect dialect, Connection conn) {
    this.dialect = dialect;
    this.conn = conn;
  }

  /**
   * PostgreSQL: finds the stored originals of {@code keyed} (messages with a client id), before the
   * batch writes. SQLite: nothing; its insert finds a resend ({@link #find}).
   */
  void lookUp(List<Message> keyed) throws SQLException {
    if (dialect == Dialect.POSTGRESQL) lookUpWithArrays(keyed);
  }

  /**
   * The stored original of {@code m}, or null: on SQLite read now (when the insert found its
   * author's client id taken, or before a refusal), on PostgreSQL found by the batch's lookup.
   */
  Message find(Message m) throws SQLException {
    Message original = original(m);
    if (original != null || dialect == Dialect.POSTGRESQL) return original;
    if (lookup == null) lookup = conn.prepareStatement(sqliteLookup());
    lookup.setString(1, m.from().id());
    lookup.setString(2, m.id());
    read(lookup);
    return original(m);
  }

  /** The message already stored with {@code m}'s author and client id, or null. */
  Message original(Message m) {
    return originals.get(key(m));
  }

  /** {@code stored} was written in this batch: a resend later in it gets it back. */
  void remember(Message stored) {
    originals.put(key(stored), stored);
  }

  /** After the batch. */
  void clear() {
    originals.clear();
  }

  private void lookUpWithArrays(List<Message> keyed) throws SQLException {
    String[] users = new String[keyed.size()];
    String[] clientIds = new String[keyed.size()];
    for (int k = 0; k < keyed.size(); k++) {
      users[k] = keyed.get(k).from().id();
      clientIds[k] = keyed.get(k).id();
    }
    if (lookup == null) {
      lookup =
          conn.prepareStatement(
              "SELECT e."
                  + Rows.EVENT_COLUMNS.replace(", ", ", e.")
                  + " FROM unnest(?::text[], ?::text[]) AS k(u, c)"
                  + " JOIN events e ON e.user_id = k.u AND e.client_id = k.c WHERE e.client_id IS NOT NULL");
    }
    lookup.setArray(1, conn.createArrayOf("text", users));
    lookup.setArray(2, conn.createArrayOf("text", clientIds));
    read(lookup);
  }

  private void read(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) remember((Message) Rows.event(rs));
    }
  }

  /** SQLite's lookup of one (author, client id): {@code ResendLookupPlanTest} holds its plan. */
  static String sqliteLookup() {
    return "SELECT "
        + Rows.EVENT_COLUMNS
        + " FROM events WHERE client_id IS NOT NULL AND user_id = ? AND client_id = ?";
  }

  private static String key(Message m) {
    return m.from().id() + '\u0000' + m.id();
  }
}
