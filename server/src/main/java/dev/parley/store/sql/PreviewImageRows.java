package dev.parley.store.sql;

import dev.parley.domain.LinkPreview;
import dev.parley.domain.Message;
import dev.parley.domain.PreviewImage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The images of link previews (table {@code link_images}, V22): written in the transaction that
 * attaches their preview, removed in the one that takes the preview away (the author's {@code
 * unpreview}, a deletion) and by retention, so an image is served exactly while a message shows it.
 */
final class PreviewImageRows {
  private static final String INSERT =
      "INSERT INTO link_images (name, room, seq, type, bytes) VALUES (?, ?, ?, ?, ?)";
  private static final String DELETE = "DELETE FROM link_images WHERE name = ?";
  private static final String PURGE = "DELETE FROM link_images WHERE room = ? AND seq <= ?";
  private static final String FIND =
      "SELECT room, seq, type, bytes FROM link_images WHERE name = ?";

  private final PreparedStatement insert, delete, purge;

  PreviewImageRows(Connection c) throws SQLException {
    insert = c.prepareStatement(INSERT);
    delete = c.prepareStatement(DELETE);
    purge = c.prepareStatement(PURGE);
  }

  /**
   * After an amendment turned {@code current} into {@code next}: keeps {@code added} (the image of
   * a preview just attached, or null) and removes the image no longer shown. Writer thread.
   */
  void changed(Message current, Message next, PreviewImage added) throws SQLException {
    String before = imageOf(current), after = imageOf(next);
    if (before != null && !before.equals(after)) {
      delete.setString(1, before);
      delete.executeUpdate();
    }
    if (added != null && added.name().equals(after)) {
      insert.setString(1, added.name());
      insert.setString(2, next.room());
      insert.setLong(3, next.seq());
      insert.setString(4, added.type());
      insert.setBytes(5, added.bytes());
      insert.executeUpdate();
    }
  }

  /** Retention removed the room's events through {@code seq}: their images go too. */
  void purged(String room, long seq) throws SQLException {
    purge.setString(1, room);
    purge.setLong(2, seq);
    purge.executeUpdate();
  }

  private static String imageOf(Message m) {
    LinkPreview p = m == null ? null : m.preview();
    return p == null ? null : p.imageName();
  }

  /** The image called {@code name}, or null. On the read pool. */
  static PreviewImage.Stored find(DataSource pool, String name) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(FIND)) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return null;
        return new PreviewImage.Stored(
            rs.getString(1), rs.getLong(2), rs.getString(3), rs.getBytes(4));
      }
    }
  }
}
