package dev.parley.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.uploads.ImageProbe;
import dev.parley.uploads.UploadBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of uploads kept in a cluster's PostgreSQL database (tables {@code uploads} (the blobs),
 * {@code upload_chunks}, {@code upload_key}), so that any node serves what any node took in. An
 * upload is written in one transaction, in pieces of {@link #CHUNK} bytes, so no reader ever sees
 * half of one, and read back a piece per query, so neither side holds a whole image in memory nor a
 * connection while a client is slow. Its own small pool: uploads never wait behind the store's
 * reads.
 */
public final class SqlUploads implements UploadBytes {
  static final int CHUNK = 128 * 1024;
  private static final int CONNECTIONS = 4;
  private static final int KEY_BYTES = 32;

  private final HikariDataSource pool;

  private SqlUploads(HikariDataSource pool) {
    this.pool = pool;
  }

  /**
   * Opens the uploads of the PostgreSQL database at {@code jdbcUrl} (migrated by {@link
   * SqlStore#open}).
   */
  public static SqlUploads connect(String jdbcUrl) {
    if (Dialect.of(jdbcUrl) != Dialect.POSTGRESQL) {
      throw new IllegalArgumentException("uploads are kept in the database only on PostgreSQL");
    }
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("parley-uploads");
    hikari.setJdbcUrl(jdbcUrl);
    hikari.setMaximumPoolSize(CONNECTIONS);
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(5_000);
    hikari.addDataSourceProperty("ApplicationName", "parley-uploads");
    return new SqlUploads(new HikariDataSource(hikari));
  }

  @Override
  public byte[] key() throws IOException {
    byte[] fresh = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(fresh);
    try (Connection c = pool.getConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO upload_key (key) VALUES (?) ON CONFLICT DO NOTHING")) {
        ps.setBytes(
            1, fresh); // of two nodes starting at once, the first key in wins and both use it
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT key FROM upload_key");
          ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) throw new IOException("upload_key is empty");
        return rs.getBytes(1);
      }
    } catch (SQLException e) {
      throw new IOException("cannot read the uploads key", e);
    }
  }

  @Override
  public void put(String name, Path file, long size, ImageProbe.Info info, long now)
      throws IOException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (!insert(c, name, size, info, now)) {
          // The same bytes again: a fresh upload as far as the uploads sweep's grace period goes.
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE uploads SET stored_ts = ? WHERE name = ? AND stored_ts < ?")) {
            ps.setLong(1, now);
            ps.setString(2, name);
            ps.setLong(3, now);
            ps.executeUpdate();
          }
        } else {
          writeChunks(c, name, file);
        }
        c.commit();
      } catch (SQLException | IOException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IOException("cannot store the upload " + name, e);
    }
  }

  /** Inserts the upload's row; false when it is there already (or another node is inserting it). */
  private static boolean insert(
      Connection c, String name, long size, ImageProbe.Info info, long now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO uploads (name, size, width, height, stored_ts) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
      ps.setString(1, name);
      ps.setLong(2, size);
      ps.setInt(3, info.width());
      ps.setInt(4, info.height());
      ps.setLong(5, now);
      return ps.executeUpdate() == 1;
    }
  }

  private static void writeChunks(Connection c, String name, Path file)
      throws SQLException, IOException {
    try (InputStream in = Files.newInputStream(file);
        PreparedStatement ps =
            c.prepareStatement("INSERT INTO upload_chunks (name, n, bytes) VALUES (?, ?, ?)")) {
      int n = 0;
      for (byte[] piece = in.readNBytes(CHUNK); piece.length > 0; piece = in.readNBytes(CHUNK)) {
        ps.setString(1, name);
        ps.setInt(2, n++);
        ps.setBytes(3, piece);
        ps.executeUpdate(); // one piece at a time: a batch would hold them all in memory
      }
    }
  }

  @Override
  public Blob open(String name) throws IOException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT size, width, height FROM uploads WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return null;
        long size = rs.getLong(1);
        ImageProbe.Info info =
            new ImageProbe.Info(
                ImageProbe.Type.ofExtension(extension(name)), rs.getInt(2), rs.getInt(3));
        return new Stored(name, size, info);
      }
    } catch (SQLException e) {
      throw new IOException("cannot read the upload " + name, e);
    }
  }

  private static String extension(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** One upload's row; its bytes are read when streamed. */
  private final class Stored implements Blob {
    private final String name;
    private final long size;
    private final ImageProbe.Info info;

    Stored(String name, long size, ImageProbe.Info info) {
      this.name = name;
      this.size = size;
      this.info = info;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public InputStream stream() {
      return new Pieces(name);
    }

    @Override
    public Path file() {
      return null;
    }

    @Override
    public ImageProbe.Info info() {
      return info;
    }
  }

  /** The bytes of one upload, one piece per query as they are read. */
  private final class Pieces extends InputStream {
    private final String name;
    private int next;
    private byte[] piece = new byte[0];
    private int at;
    private boolean done;

    Pieces(String name) {
      this.name = name;
    }

    @Override
    public int read() throws IOException {
      if (!fill()) return -1;
      return piece[at++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) return 0;
      if (!fill()) return -1;
      int n = Math.min(len, piece.length - at);
      System.arraycopy(piece, at, b, off, n);
      at += n;
      return n;
    }

    /** Skips whole pieces without reading them: seeking in a long recording reads one piece. */
    @Override
    public long skip(long n) throws IOException {
      if (n <= 0 || done) return 0;
      long here = piece.length - at;
      if (n <= here) {
        at += (int) n;
        return n;
      }
      long whole = (n - here) / CHUNK; // every piece but the last is CHUNK bytes
      next += (int) whole;
      piece = new byte[0];
      at = 0;
      long skipped = here + whole * CHUNK;
      long rest = n - skipped;
      if (rest > 0 && fill()) {
        int k = (int) Math.min(rest, piece.length);
        at = k;
        skipped += k;
      }
      return skipped;
    }

    private boolean fill() throws IOException {
      while (at >= piece.length) {
        if (done) return false;
        piece = chunk(name, next++);
        at = 0;
        if (piece == null) {
          piece = new byte[0];
          done = true;
        }
      }
      return true;
    }
  }

  private byte[] chunk(String name, int n) throws IOException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT bytes FROM upload_chunks WHERE name = ? AND n = ?")) {
      ps.setString(1, name);
      ps.setInt(2, n);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getBytes(1) : null;
      }
    } catch (SQLException e) {
      throw new IOException("cannot read the upload " + name, e);
    }
  }

  @Override
  public List<String> idleSince(long olderThan) throws IOException {
    List<String> names = new ArrayList<>();
    try (Connection c = pool.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT name FROM uploads WHERE stored_ts < ? AND claimed_ts < ?"
                    + " AND NOT EXISTS (SELECT 1 FROM upload_links WHERE blob = uploads.name)")) {
      ps.setLong(1, olderThan);
      ps.setLong(2, olderThan);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) names.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IOException("cannot list the uploads", e);
    }
    return names;
  }

  /**
   * Deletes the blob (its pieces go with it) only if it is still idle, no upload links to it and no
   * message holds its own URL (from before each upload had its own), checked in the same statement,
   * so an upload or a message another node committed meanwhile keeps it.
   */
  @Override
  public boolean removeIdle(String name, long olderThan) throws IOException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "DELETE FROM uploads WHERE name = ? AND stored_ts < ? AND claimed_ts < ?"
                    + " AND NOT EXISTS (SELECT 1 FROM events WHERE image_url = ?)"
                    + " AND NOT EXISTS (SELECT 1 FROM upload_links WHERE blob = ?)")) {
      ps.setString(1, name);
      ps.setLong(2, olderThan);
      ps.setLong(3, olderThan);
      ps.setString(4, "/uploads/" + name);
      ps.setString(5, name);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IOException("cannot remove the upload " + name, e);
    }
  }

  /**
   * Records the claim for the other nodes' sweeps (the caller writes it at most every ten minutes).
   */
  @Override
  public boolean claimed(String name, long now) throws IOException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE uploads SET claimed_ts = GREATEST(claimed_ts, ?) WHERE name = ?")) {
      ps.setLong(1, now);
      ps.setString(2, name);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IOException("cannot record a claim on the upload " + name, e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
