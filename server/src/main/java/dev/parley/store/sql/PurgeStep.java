package dev.parley.store.sql;

import dev.parley.domain.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The SQL of one retention step ({@link Store#purge}) on the writer's connection. The rows are read
 * oldest first only as far as they qualify, and removed with two range deletes on the primary keys:
 * a step of a few hundred events costs a few milliseconds of the writer's time, which is what keeps
 * sends flowing during a long purge. Writer thread only.
 */
final class PurgeStep {
  /** How many rows the oldest-first read fetches at a time (PostgreSQL: a cursor). */
  private static final int FETCH = 64;

  /** The oldest events of a room, for a purge step: it reads only as far as it removes. */
  private static final String OLDEST =
      "SELECT seq, ts FROM events WHERE room = ? ORDER BY seq LIMIT ?";

  private static final String PURGE_REACTIONS = "DELETE FROM reactions WHERE room = ? AND seq <= ?";
  private static final String PURGE_EVENTS = "DELETE FROM events WHERE room = ? AND seq <= ?";

  /** The oldest event left, by the primary key: its seq, and its ts for the next sweep's look. */
  private static final String FIRST_SEQ =
      "SELECT seq, ts FROM events WHERE room = ? ORDER BY seq LIMIT 1";

  /** How many events went; the oldest seq left ({@code lastSeq + 1} when none) and its ts. */
  record Result(int removed, long firstSeq, long oldestTs) {}

  private final PreparedStatement oldest, purgeReactions, purgeEvents, firstSeq;

  PurgeStep(Connection c) throws SQLException {
    oldest = c.prepareStatement(OLDEST);
    oldest.setFetchSize(FETCH);
    purgeReactions = c.prepareStatement(PURGE_REACTIONS);
    purgeEvents = c.prepareStatement(PURGE_EVENTS);
    firstSeq = c.prepareStatement(FIRST_SEQ);
  }

  /** Removes the run {@code p} asks for from a room whose latest seq is {@code lastSeq}. */
  Result run(Store.Purge p, long lastSeq, SearchIndex search) throws SQLException {
    oldest.setString(1, p.room());
    oldest.setInt(2, Math.max(1, p.max()));
    long last = -1;
    int n = 0;
    try (ResultSet rs = oldest.executeQuery()) {
      while (rs.next() && (rs.getLong(1) <= p.throughSeq() || rs.getLong(2) < p.beforeTs())) {
        last = rs.getLong(1);
        n++;
      }
    }
    if (n > 0) {
      purgeReactions.setString(1, p.room());
      purgeReactions.setLong(2, last);
      purgeReactions.executeUpdate();
      purgeEvents.setString(1, p.room());
      purgeEvents.setLong(2, last);
      purgeEvents.executeUpdate();
      search.purged(p.room(), last); // their search entries go in the same transaction
    }
    firstSeq.setString(1, p.room());
    long first = lastSeq + 1;
    long ts = Long.MAX_VALUE;
    try (ResultSet rs = firstSeq.executeQuery()) {
      if (rs.next()) {
        first = rs.getLong(1);
        ts = rs.getLong(2);
      }
    }
    return new Result(n, first, ts);
  }
}
