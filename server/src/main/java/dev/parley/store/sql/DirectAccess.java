package dev.parley.store.sql;

import dev.parley.domain.Change;
import dev.parley.domain.Snapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The database of a node, for the command line's user commands ({@code parley user ...}) while the
 * node may be running: one plain connection, the users and bans read, a ban or a sign-in code
 * written in a short transaction of its own. Why not a whole {@link SqlStore}: opening one starts a
 * second writer that reads and then writes in one transaction (its start-up checks), which SQLite
 * refuses at once ({@code SQLITE_BUSY}) while the node's writer is committing; a single write
 * statement waits for the lock instead, within the busy timeout.
 */
public final class DirectAccess implements AutoCloseable {
  private static final String USERS =
      "SELECT id, nick, avatar, token_hash, created_ts, last_seen, password_hash"
          + " FROM users ORDER BY id";

  private final Connection conn;

  private DirectAccess(Connection conn) {
    this.conn = conn;
  }

  /** Opens the database at {@code jdbcUrl}, bringing its schema up to date first. */
  public static DirectAccess open(String jdbcUrl) {
    Dialect dialect = Dialect.of(jdbcUrl);
    dialect.prepare(jdbcUrl);
    Migrations.apply(dialect, jdbcUrl);
    try {
      Connection c = dialect.openWriter(jdbcUrl);
      c.setAutoCommit(true);
      return new DirectAccess(c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the database: " + e.getMessage(), e);
    }
  }

  /** Every user. */
  public List<Snapshot.UserRow> users() {
    List<Snapshot.UserRow> users = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement(USERS);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        users.add(
            new Snapshot.UserRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5),
                Math.max(rs.getLong(5), rs.getLong(6)),
                rs.getString(7)));
      }
      return users;
    } catch (SQLException e) {
      throw new IllegalStateException("reading the users failed: " + e.getMessage(), e);
    }
  }

  /** Every server-wide ban. */
  public List<Snapshot.BanRow> bans() {
    try {
      return BanRows.load(conn);
    } catch (SQLException e) {
      throw new IllegalStateException("reading the bans failed: " + e.getMessage(), e);
    }
  }

  /** A user's password, or none (null): what {@code parley user reset} clears. */
  private void clearOrSetPassword(Change.PasswordSet p) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("UPDATE users SET password_hash = ? WHERE id = ?")) {
      ps.setString(1, p.passwordHash());
      ps.setString(2, p.userId());
      ps.executeUpdate();
    }
  }

  /** Writes a ban, an unban, a sign-in code or a cleared password, committed when this returns. */
  public void write(Change change) {
    try {
      conn.setAutoCommit(false);
      try {
        if (BanRows.handles(change)) new BanRows(conn).apply(change);
        else if (change instanceof Change.LinkMade) new SessionRows(conn).apply(change);
        else if (change instanceof Change.PasswordSet p) clearOrSetPassword(p);
        else throw new IllegalArgumentException("not a change the command line writes: " + change);
        conn.commit();
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("writing to the database failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      // nothing left to do with it
    }
  }
}
