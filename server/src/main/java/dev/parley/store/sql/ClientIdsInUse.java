package dev.parley.store.sql;

import dev.parley.domain.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Which messages' (author, client id) pairs a stored message already uses, on the read pool: how
 * {@code parley import} finds, before writing anything, a message the database's unique index would
 * refuse halfway through (the writer's own lookup serves appends, inside its batch). Row-value
 * {@code IN} lists work on SQLite and PostgreSQL alike; an import is not a hot path, so one
 * statement per chunk is fine.
 */
final class ClientIdsInUse {
  /** Pairs per query: 2 parameters each, well under SQLite's 32,766. */
  static final int CHUNK = 256;

  private final DataSource pool;

  ClientIdsInUse(DataSource pool) {
    this.pool = pool;
  }

  List<Message> among(List<Message> messages) throws SQLException {
    Set<String> taken = new HashSet<>();
    try (Connection c = pool.getConnection()) {
      for (int from = 0; from < messages.size(); from += CHUNK) {
        List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + CHUNK));
        String sql =
            "SELECT user_id, client_id FROM events WHERE client_id IS NOT NULL AND (user_id, client_id) IN ("
                + "(?, ?), ".repeat(chunk.size() - 1)
                + "(?, ?))";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          int p = 1;
          for (Message m : chunk) {
            ps.setString(p++, m.from().id());
            ps.setString(p++, m.id());
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) taken.add(rs.getString(1) + '\u0000' + rs.getString(2));
          }
        }
      }
    }
    List<Message> found = new ArrayList<>();
    for (Message m : messages) {
      if (taken.contains(m.from().id() + '\u0000' + m.id())) found.add(m);
    }
    return found;
  }
}
