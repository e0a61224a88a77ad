package dev.parley.store.sql;

import dev.parley.uploads.UploadQuota;
import java.io.IOException;
import java.sql.PreparedStatement;

/**
 * {@link UploadQuota} in the table {@code upload_quota} (version 8), on SQLite or PostgreSQL alike.
 */
final class SqlUploadQuota implements UploadQuota {
  /**
   * One statement: inserts the day's first count, or adds to it only while the sum stays within the
   * limit (an upsert whose update has a condition changes no row when the condition fails).
   */
  private static final String RESERVE =
      "INSERT INTO upload_quota (user_id, day, bytes) VALUES (?, ?, ?)"
          + " ON CONFLICT (user_id, day) DO UPDATE SET bytes = upload_quota.bytes + excluded.bytes"
          + " WHERE upload_quota.bytes + excluded.bytes <= ?";

  private final UploadDb db;

  SqlUploadQuota(UploadDb db) {
    this.db = db;
  }

  @Override
  public boolean reserve(String userId, long day, long bytes, long limit) throws IOException {
    if (bytes > limit) return false;
    return db.write(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(RESERVE)) {
            ps.setString(1, userId);
            ps.setLong(2, day);
            ps.setLong(3, bytes);
            ps.setLong(4, limit);
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public void adjust(String userId, long day, long delta) throws IOException {
    if (delta == 0) return;
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE upload_quota SET bytes = CASE WHEN bytes + ? < 0 THEN 0 ELSE bytes + ? END WHERE user_id = ? AND day = ?")) {
            ps.setLong(1, delta);
            ps.setLong(2, delta);
            ps.setString(3, userId);
            ps.setLong(4, day);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public void forgetBefore(long day) throws IOException {
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM upload_quota WHERE day < ?")) {
            ps.setLong(1, day);
            return ps.executeUpdate();
          }
        });
  }
}
