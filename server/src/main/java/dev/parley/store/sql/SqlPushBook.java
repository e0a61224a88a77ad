package dev.parley.store.sql;

import dev.parley.domain.PushBook;
import dev.parley.domain.PushDevice;
import dev.parley.domain.Store;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link PushBook} in the tables {@code push_keys} and {@code push_subscriptions} (version 25), on
 * SQLite or PostgreSQL alike, through a small pool of its own ({@link UploadDb}: on SQLite its
 * writes run between the store writer's batches).
 */
public final class SqlPushBook implements PushBook, AutoCloseable {
  private final UploadDb db;

  private SqlPushBook(UploadDb db) {
    this.db = db;
  }

  /** Opens the pool; the schema is the store's (open the store first). */
  public static SqlPushBook open(String jdbcUrl, Store store) {
    return new SqlPushBook(new UploadDb(jdbcUrl, store, "parley-push"));
  }

  @Override
  public Keys keys(Supplier<Keys> made) throws IOException {
    Keys stored = storedKeys();
    if (stored != null) return stored;
    Keys mine = made.get();
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO push_keys (id, public_key, private_key, created) VALUES (1, ?, ?, ?)"
                      + " ON CONFLICT (id) DO NOTHING")) {
            ps.setBytes(1, mine.publicKey());
            ps.setBytes(2, mine.privateKey());
            ps.setLong(3, System.currentTimeMillis());
            return ps.executeUpdate();
          }
        });
    return storedKeys(); // another node's, if it stored first
  }

  private Keys storedKeys() throws IOException {
    return db.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT public_key, private_key FROM push_keys WHERE id = 1");
              ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new Keys(rs.getBytes(1), rs.getBytes(2)) : null;
          }
        });
  }

  @Override
  public List<PushDevice> devices(String userId) throws IOException {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT endpoint, p256dh, auth FROM push_subscriptions WHERE user_id = ?"
                      + " ORDER BY ts, endpoint")) {
            ps.setString(1, userId);
            List<PushDevice> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next())
                out.add(new PushDevice(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
            return out;
          }
        });
  }

  @Override
  public boolean add(String userId, PushDevice device, int max, long now) throws IOException {
    return db.write(
        c -> {
          try (PreparedStatement count =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM push_subscriptions WHERE user_id = ? AND endpoint <> ?")) {
            count.setString(1, userId);
            count.setString(2, device.endpoint());
            try (ResultSet rs = count.executeQuery()) {
              rs.next();
              if (rs.getInt(1) >= max) return false;
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO push_subscriptions (endpoint, user_id, p256dh, auth, ts)"
                      + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (endpoint) DO UPDATE SET"
                      + " user_id = excluded.user_id, p256dh = excluded.p256dh,"
                      + " auth = excluded.auth, ts = excluded.ts")) {
            ps.setString(1, device.endpoint());
            ps.setString(2, userId);
            ps.setString(3, device.p256dh());
            ps.setString(4, device.auth());
            ps.setLong(5, now);
            ps.executeUpdate();
            return true;
          }
        });
  }

  @Override
  public boolean remove(String userId, String endpoint) throws IOException {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM push_subscriptions WHERE user_id = ? AND endpoint = ?")) {
            ps.setString(1, userId);
            ps.setString(2, endpoint);
            return ps.executeUpdate() > 0;
          }
        });
  }

  @Override
  public void drop(String endpoint) throws IOException {
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM push_subscriptions WHERE endpoint = ?")) {
            ps.setString(1, endpoint);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public void close() {
    db.close();
  }
}
