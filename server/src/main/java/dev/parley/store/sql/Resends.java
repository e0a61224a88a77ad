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
 * client id (a resend after a lost answer) is not written again, its sender gets the original. The
 * originals of a batch's messages are found in a few queries for the whole batch ({@link #lookUp}),
 * since one lookup per message would cost a round trip each on PostgreSQL.
 *
 * <p>PostgreSQL gets all pairs as two arrays joined against the index; SQLite, which has no array
 * parameters, gets row-value IN lists of a power-of-two length, so only a handful of statements are
 * ever prepared. Both were measured: on PostgreSQL the IN lists cost a fresh plan of up to 256 OR
 * branches per query and held the writer near 4k appends/s, the arrays do not.
 *
 * <p>Writer thread only; one per writer connection, its statements prepared at first use.
 */
final class Resends {
  /** Largest number of (user_id, client_id) pairs looked up in one query (SQLite). */
  private static final int MAX_LOOKUP = 256;

  private final Dialect dialect;
  private final Connection conn;

  /** By size: slot k holds the SQLite statement for 2^k pairs; slot 0 PostgreSQL's too. */
  private final PreparedStatement[] lookups =
      new PreparedStatement[Integer.numberOfTrailingZeros(MAX_LOOKUP) + 1];

  /** The current batch's originals, found or stored in it, by {@link #key}. */
  private final Map<String, Message> originals = new HashMap<>();

  Resends(Dialect dialect, Connection conn) {
    this.dialect = dialect;
    this.conn = conn;
  }

  /**
   * Finds the stored originals of {@code keyed} (messages with a client id), before the batch
   * writes.
   */
  void lookUp(List<Message> keyed) throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      lookUpWithArrays(keyed);
      return;
    }
    for (int from = 0; from < keyed.size(); from += MAX_LOOKUP) {
      lookUpInList(keyed.subList(from, Math.min(keyed.size(), from + MAX_LOOKUP)));
    }
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
    if (lookups[0] == null) {
      lookups[0] =
          conn.prepareStatement(
              "SELECT e."
                  + Rows.EVENT_COLUMNS.replace(", ", ", e.")
                  + " FROM unnest(?::text[], ?::text[]) AS k(u, c)"
                  + " JOIN events e ON e.user_id = k.u AND e.client_id = k.c WHERE e.client_id IS NOT NULL");
    }
    PreparedStatement ps = lookups[0];
    ps.setArray(1, conn.createArrayOf("text", users));
    ps.setArray(2, conn.createArrayOf("text", clientIds));
    read(ps);
  }

  /** SQLite: one query for at most {@link #MAX_LOOKUP} pairs, padded with repeats of the last. */
  private void lookUpInList(List<Message> chunk) throws SQLException {
    int size = Integer.highestOneBit(chunk.size());
    if (size < chunk.size())
      size <<= 1; // round up to a power of two so few statements are prepared
    PreparedStatement ps = statement(size);
    int p = 1;
    for (Message m : chunk) {
      ps.setString(p++, m.from().id());
      ps.setString(p++, m.id());
    }
    Message last = chunk.get(chunk.size() - 1);
    while (p <= size * 2) {
      ps.setString(p++, last.from().id());
      ps.setString(p++, last.id());
    }
    read(ps);
  }

  private void read(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) remember((Message) Rows.event(rs));
    }
  }

  private PreparedStatement statement(int size) throws SQLException {
    int slot = Integer.numberOfTrailingZeros(size);
    if (lookups[slot] == null) lookups[slot] = conn.prepareStatement(sqliteLookup(size));
    return lookups[slot];
  }

  /**
   * SQLite's lookup of {@code size} pairs. SQLite plans a row-value IN list as one index search per
   * pair (the bundled 3.54; Debian's 3.40 scans the whole index for two pairs or more, 81 ms a
   * batch at a million messages, measured), so a driver upgrade that changes this would slow the
   * writer as the log grows: {@code ResendLookupPlanTest} holds it.
   */
  static String sqliteLookup(int size) {
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(Rows.EVENT_COLUMNS)
            .append(" FROM events WHERE client_id IS NOT NULL AND (user_id, client_id) IN (");
    for (int i = 0; i < size; i++) sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
    return sql.append(')').toString();
  }

  private static String key(Message m) {
    return m.from().id() + '\u0000' + m.id();
  }
}
