package dev.parley.uploads;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the bytes of stored uploads are kept, so that one node keeps them in its data folder
 * ({@link DiskUploads}) and the nodes of a cluster in their shared database (every node can serve
 * what any node took in). The bytes are kept once, under their content name (a blob), however many
 * uploads show them ({@link UploadLinks}). {@link UploadStore} names, checks and vouches; this only
 * keeps. Every method may block: call them off the event loops.
 */
public interface UploadBytes extends AutoCloseable {

  /** The key that names uploads; the same for every node sharing these bytes. */
  byte[] key() throws IOException;

  /**
   * Keeps the bytes of {@code file} (already checked) as {@code name}, or, when {@code name} is
   * kept already (the same bytes again), marks it stored at {@code now}. {@code file} may be moved
   * away; the caller deletes it if it is still there.
   */
  void put(String name, Path file, long size, ImageProbe.Info info, long now) throws IOException;

  /** The upload called {@code name} (a well-formed file name), or null when it is not kept. */
  Blob open(String name) throws IOException;

  /** The names of the blobs stored and last claimed before {@code olderThan} (epoch millis). */
  List<String> idleSince(long olderThan) throws IOException;

  /**
   * Removes the blob {@code name} if it is still idle since {@code olderThan}; true when it went.
   * The caller has checked {@link UploadLinks#blobsInUse}; a store that can (a database) checks
   * again in the same statement, and a folder holds the lock that storing holds.
   */
  boolean removeIdle(String name, long olderThan) throws IOException;

  /**
   * A message showed the blob {@code name} under its own name (a URL from before each upload had
   * its own) at {@code now}; false when there is no such blob (another node removed it).
   */
  boolean claimed(String name, long now) throws IOException;

  @Override
  void close();

  /**
   * One kept upload: its length, its bytes, and what its header said when known without reading it.
   */
  interface Blob {
    long size();

    /** The bytes from the start; the caller closes the stream. */
    InputStream stream() throws IOException;

    /** The file holding the bytes, for zero-copy serving; null when they are not in a file. */
    Path file();

    /** The type and displayed size recorded with the bytes, or null: probe {@link #stream}. */
    ImageProbe.Info info();
  }
}
