package dev.parley.store.sql;

import dev.parley.domain.Change;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Single sign-on identities in the store: an OpenID provider's person (issuer, subject) and the
 * Parley user they are. Sign-ins are rare, so each statement is prepared where it runs, on the
 * writer's connection ({@link #claim}, {@link #insert}) or a read connection ({@link #load}).
 */
final class IdentityRows {
  private static final String INSERT =
      "INSERT INTO identities (issuer, subject, user_id, created) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (issuer, subject) DO NOTHING";
  private static final String USER =
      "SELECT user_id FROM identities WHERE issuer = ? AND subject = ?";

  private IdentityRows() {}

  /**
   * The user of ({@code issuer}, {@code subject}): the one linked before, else {@code userId},
   * linked now. The primary key decides between two nodes that claim the pair at once. An empty
   * {@code userId} only looks (new accounts closed): it answers "" for a pair nobody has.
   */
  static String claim(Connection c, String issuer, String subject, String userId, long now)
      throws SQLException {
    if (!userId.isEmpty()) insert(c, new Change.IdentityLinked(issuer, subject, userId, now));
    try (PreparedStatement ps = c.prepareStatement(USER)) {
      ps.setString(1, issuer);
      ps.setString(2, subject);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : userId;
      }
    }
  }

  /** Stores the link unless the pair is linked already (the claim wrote it, or another node). */
  static void insert(Connection c, Change.IdentityLinked linked) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setString(1, linked.issuer());
      ps.setString(2, linked.subject());
      ps.setString(3, linked.userId());
      ps.setLong(4, linked.created());
      ps.executeUpdate();
    }
  }

  /** The ids of users with an identity, for the start-up snapshot. */
  static List<String> load(Connection c) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT user_id FROM identities");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) ids.add(rs.getString(1));
    }
    return ids;
  }
}
