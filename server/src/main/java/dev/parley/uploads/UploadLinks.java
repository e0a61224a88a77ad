package dev.parley.uploads;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The uploads people made, each under a name of its own, and the bytes each one shows (kept once by
 * {@link UploadBytes}, under their content name: the blob). Uploading the same bytes twice makes
 * two links to one blob, so a URL tells nothing about who else has the same picture. Kept in the
 * store's database ({@code upload_links}), so that every node of a cluster knows every upload.
 * Every method blocks: call them off the event loops.
 */
public interface UploadLinks {

  /**
   * One upload: its URL's file name, its blob, who uploaded it, its size in bytes and as shown (0
   * for a file that is not an image), when, and for a file the name it was uploaded under.
   */
  record Link(
      String name,
      String blob,
      String owner,
      long size,
      int width,
      int height,
      long storedTs,
      String fileName) {

    /** An image's upload. */
    public Link(
        String name, String blob, String owner, long size, int width, int height, long storedTs) {
      this(name, blob, owner, size, width, height, storedTs, null);
    }

    /** Whether it is a file of another type than an image ({@link FileTypes}), by its URL. */
    public boolean isFile() {
      return fileType() != null;
    }

    /** Its type when it is not an image, else null. */
    public FileTypes.Type fileType() {
      return FileTypes.Type.ofExtension(name.substring(name.lastIndexOf('.') + 1));
    }

    public ImageProbe.Info info() {
      return new ImageProbe.Info(
          ImageProbe.Type.ofExtension(name.substring(name.lastIndexOf('.') + 1)), width, height);
    }
  }

  void add(Link link) throws IOException;

  /** The upload called {@code name}, or null. */
  Link find(String name) throws IOException;

  /** Every upload (to warm a node's memory at start). */
  List<Link> all() throws IOException;

  /**
   * A message showed {@code name} at {@code now}: the sweep leaves it alone for a while. False when
   * there is no such upload (another node removed it).
   */
  boolean claimed(String name, long now) throws IOException;

  /**
   * The names of the uploads made and last claimed before {@code olderThan} (epoch millis) that no
   * message held anywhere shows: what the sweep may remove.
   */
  List<String> unusedSince(long olderThan) throws IOException;

  /**
   * Removes those of {@code names} that are still unused since {@code olderThan}, each checked
   * again in the statement that removes it, so that a message committed meanwhile by any node keeps
   * its upload; the names removed. Their blobs stay: see {@link #blobsInUse}.
   */
  List<String> removeUnused(List<String> names, long olderThan) throws IOException;

  /**
   * Which of {@code blobs} are still wanted: an upload links to them, or a message held anywhere
   * shows them under the URL they had before each upload had its own.
   */
  Set<String> blobsInUse(Collection<String> blobs) throws IOException;
}
