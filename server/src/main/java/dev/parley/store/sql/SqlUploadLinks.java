package dev.parley.store.sql;

import dev.parley.uploads.UploadLinks;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@link UploadLinks} in the table {@code upload_links} (version 8), on SQLite or PostgreSQL alike. */
final class SqlUploadLinks implements UploadLinks {
  private static final String COLUMNS = "name, blob, owner, size, width, height, stored_ts";
  /** How messages hold an upload's URL (and how the URL of a blob was, before version 8). */
  private static final String URL_PREFIX = "/uploads/";

  private final UploadDb db;

  SqlUploadLinks(UploadDb db) {
    this.db = db;
  }

  @Override
  public void add(Link link) throws IOException {
    db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO upload_links (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, link.name());
        ps.setString(2, link.blob());
        ps.setString(3, link.owner());
        ps.setLong(4, link.size());
        ps.setInt(5, link.width());
        ps.setInt(6, link.height());
        ps.setLong(7, link.storedTs());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public Link find(String name) throws IOException {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM upload_links WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? link(rs) : null;
        }
      }
    });
  }

  @Override
  public List<Link> all() throws IOException {
    return db.read(c -> {
      List<Link> links = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM upload_links");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) links.add(link(rs));
      }
      return links;
    });
  }

  private static Link link(ResultSet rs) throws SQLException {
    return new Link(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5), rs.getInt(6), rs.getLong(7));
  }

  @Override
  public boolean claimed(String name, long now) throws IOException {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE upload_links SET claimed_ts = CASE WHEN claimed_ts < ? THEN ? ELSE claimed_ts END WHERE name = ?")) {
        ps.setLong(1, now);
        ps.setLong(2, now);
        ps.setString(3, name);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<String> idleSince(long olderThan) throws IOException {
    return db.read(c -> {
      List<String> names = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT name FROM upload_links WHERE stored_ts < ? AND claimed_ts < ?")) {
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
  public boolean removeIdle(String name, long olderThan) throws IOException {
    return db.write(c -> {
      boolean gone;
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM upload_links WHERE name = ? AND stored_ts < ? AND claimed_ts < ?"
              + " AND NOT EXISTS (SELECT 1 FROM events WHERE image_url = ?)")) {
        ps.setString(1, name);
        ps.setLong(2, olderThan);
        ps.setLong(3, olderThan);
        ps.setString(4, URL_PREFIX + name);
        gone = ps.executeUpdate() == 1;
      }
      if (gone) {
        // its URL is never given again: who saw it no longer matters
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM upload_rooms WHERE url = ?")) {
          ps.setString(1, URL_PREFIX + name);
          ps.executeUpdate();
        }
      }
      return gone;
    });
  }

  @Override
  public boolean blobInUse(String blob) throws IOException {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT EXISTS (SELECT 1 FROM upload_links WHERE blob = ?) OR EXISTS (SELECT 1 FROM events WHERE image_url = ?)")) {
        ps.setString(1, blob);
        ps.setString(2, URL_PREFIX + blob);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && rs.getBoolean(1);
        }
      }
    });
  }
}
