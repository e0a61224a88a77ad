package dev.parley.store.sql;

import dev.parley.uploads.UploadLinks;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link UploadLinks} in the table {@code upload_links} (version 8; file names since 21), on SQLite
 * or PostgreSQL alike.
 */
final class SqlUploadLinks implements UploadLinks {
  private static final String COLUMNS =
      "name, blob, owner, size, width, height, stored_ts, file_name";

  /** How messages hold an upload's URL (and how the URL of a blob was, before version 8). */
  private static final String URL_PREFIX = "/uploads/";

  /**
   * The condition on an upload's row: made and last claimed before the two parameters, and shown by
   * no message (found through the partial index {@code events_image}).
   */
  private static final String UNUSED =
      "stored_ts < ? AND claimed_ts < ?"
          + " AND NOT EXISTS (SELECT 1 FROM events WHERE image_url = '/uploads/' || name)";

  /** Names per statement or transaction: a sweep never holds the SQLite writer long. */
  private static final int BATCH = 100;

  private final UploadDb db;

  SqlUploadLinks(UploadDb db) {
    this.db = db;
  }

  @Override
  public void add(Link link) throws IOException {
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO upload_links (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, link.name());
            ps.setString(2, link.blob());
            ps.setString(3, link.owner());
            ps.setLong(4, link.size());
            ps.setInt(5, link.width());
            ps.setInt(6, link.height());
            ps.setLong(7, link.storedTs());
            ps.setString(8, link.fileName());
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public Link find(String name) throws IOException {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT " + COLUMNS + " FROM upload_links WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? link(rs) : null;
            }
          }
        });
  }

  @Override
  public List<Link> all() throws IOException {
    return db.read(
        c -> {
          List<Link> links = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT " + COLUMNS + " FROM upload_links");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) links.add(link(rs));
          }
          return links;
        });
  }

  private static Link link(ResultSet rs) throws SQLException {
    return new Link(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getLong(4),
        rs.getInt(5),
        rs.getInt(6),
        rs.getLong(7),
        rs.getString(8));
  }

  @Override
  public boolean claimed(String name, long now) throws IOException {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE upload_links SET claimed_ts = CASE WHEN claimed_ts < ? THEN ? ELSE claimed_ts END WHERE name = ?")) {
            ps.setLong(1, now);
            ps.setLong(2, now);
            ps.setString(3, name);
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public List<String> unusedSince(long olderThan) throws IOException {
    return db.read(
        c -> {
          List<String> names = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement("SELECT name FROM upload_links WHERE " + UNUSED)) {
            ps.setLong(1, olderThan);
            ps.setLong(2, olderThan);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) names.add(rs.getString(1));
            }
          }
          return names;
        });
  }

  @Override
  public List<String> removeUnused(List<String> names, long olderThan) throws IOException {
    List<String> removed = new ArrayList<>();
    for (int from = 0; from < names.size(); from += BATCH) {
      List<String> some = names.subList(from, Math.min(names.size(), from + BATCH));
      removed.addAll(
          db.write(
              c -> {
                List<String> gone = new ArrayList<>();
                try (PreparedStatement delete =
                        c.prepareStatement(
                            "DELETE FROM upload_links WHERE name = ? AND " + UNUSED);
                    PreparedStatement rooms =
                        c.prepareStatement("DELETE FROM upload_rooms WHERE url = ?")) {
                  for (String name : some) {
                    delete.setString(1, name);
                    delete.setLong(2, olderThan);
                    delete.setLong(3, olderThan);
                    if (delete.executeUpdate() != 1) continue;
                    gone.add(name);
                    // its URL is never given again: who saw it no longer matters
                    rooms.setString(1, URL_PREFIX + name);
                    rooms.executeUpdate();
                  }
                }
                return gone;
              }));
    }
    return removed;
  }

  @Override
  public Set<String> blobsInUse(Collection<String> blobs) throws IOException {
    List<String> all = List.copyOf(blobs);
    Set<String> used = new HashSet<>();
    for (int from = 0; from < all.size(); from += BATCH) {
      List<String> some = all.subList(from, Math.min(all.size(), from + BATCH));
      String marks = "?, ".repeat(some.size() - 1) + "?";
      used.addAll(
          db.read(
              c -> {
                Set<String> found = new HashSet<>();
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "SELECT DISTINCT blob FROM upload_links WHERE blob IN (" + marks + ")")) {
                  for (int k = 0; k < some.size(); k++) ps.setString(k + 1, some.get(k));
                  try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) found.add(rs.getString(1));
                  }
                }
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "SELECT DISTINCT image_url FROM events WHERE image_url IN ("
                            + marks
                            + ")")) {
                  for (int k = 0; k < some.size(); k++)
                    ps.setString(k + 1, URL_PREFIX + some.get(k));
                  try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) found.add(rs.getString(1).substring(URL_PREFIX.length()));
                  }
                }
                return found;
              }));
    }
    return used;
  }
}
