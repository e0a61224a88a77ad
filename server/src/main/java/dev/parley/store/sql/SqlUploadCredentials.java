package dev.parley.store.sql;

import dev.parley.uploads.UploadCredentials;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * {@link UploadCredentials} in the table {@code upload_credentials} (version 8), on SQLite or
 * PostgreSQL alike.
 */
final class SqlUploadCredentials implements UploadCredentials {
  private final UploadDb db;

  SqlUploadCredentials(UploadDb db) {
    this.db = db;
  }

  @Override
  public void add(String hash, String userId, long now, int keep) throws IOException {
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO upload_credentials (hash, user_id, created_ts) VALUES (?, ?, ?)")) {
            ps.setString(1, hash);
            ps.setString(2, userId);
            ps.setLong(3, now);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM upload_credentials WHERE user_id = ? AND hash NOT IN"
                      + " (SELECT hash FROM upload_credentials WHERE user_id = ? ORDER BY created_ts DESC, hash LIMIT ?)")) {
            ps.setString(1, userId);
            ps.setString(2, userId);
            ps.setInt(3, keep);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public String userFor(String hash, long notBefore) throws IOException {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT user_id FROM upload_credentials WHERE hash = ? AND created_ts >= ?")) {
            ps.setString(1, hash);
            ps.setLong(2, notBefore);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getString(1) : null;
            }
          }
        });
  }

  @Override
  public void remove(String hash) throws IOException {
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM upload_credentials WHERE hash = ?")) {
            ps.setString(1, hash);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public void removeOlderThan(long ts) throws IOException {
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM upload_credentials WHERE created_ts < ?")) {
            ps.setLong(1, ts);
            return ps.executeUpdate();
          }
        });
  }
}
