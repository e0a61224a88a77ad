package dev.parley.uploads;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Blobs as files in one node's uploads folder, under their names, with the naming key in {@code
 * .key} beside them (made once per folder): the embedded default. A file's modification time is
 * when it was last stored; claims are only remembered in memory, by {@link UploadStore}. Storing
 * and removing a blob hold one lock, so a blob stored again an instant before the sweep removes it
 * is seen as fresh and stays.
 */
public final class DiskUploads implements UploadBytes {

  private static final String KEY_FILE = ".key";
  private static final int KEY_BYTES = 32;

  private final Path dir;

  public DiskUploads(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
  }

  /** Reads the key, or makes it: 32 random bytes, readable by the owner only. */
  @Override
  public byte[] key() throws IOException {
    Path file = dir.resolve(KEY_FILE);
    if (!Files.exists(file)) {
      byte[] fresh = new byte[KEY_BYTES];
      new SecureRandom().nextBytes(fresh);
      Path made = file.resolveSibling(KEY_FILE + "." + UUID.randomUUID());
      try {
        Files.createFile(
            made,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(made);
      }
      Files.write(made, fresh);
      try {
        // A link, unlike a rename, never replaces: of two nodes starting at once on one folder,
        // the first key in place wins and both use it.
        Files.createLink(file, made);
      } catch (FileAlreadyExistsException lost) {
        // the other node's key is in place
      } finally {
        Files.deleteIfExists(made);
      }
    }
    byte[] key = Files.readAllBytes(file);
    if (key.length != KEY_BYTES)
      throw new IOException(file + " is not a " + KEY_BYTES + "-byte key");
    return key;
  }

  @Override
  public synchronized void put(String name, Path file, long size, ImageProbe.Info info, long now)
      throws IOException {
    Path target = dir.resolve(name);
    if (!Files.exists(target)) {
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    } else {
      // The same bytes again: a fresh upload as far as the uploads sweep's grace period goes.
      Files.setLastModifiedTime(target, FileTime.fromMillis(now));
    }
  }

  @Override
  public Blob open(String name) {
    Path p = dir.resolve(name);
    if (!Files.isRegularFile(p)) return null;
    return new Blob() {
      @Override
      public long size() {
        try {
          return Files.size(p);
        } catch (IOException gone) {
          return 0;
        }
      }

      @Override
      public InputStream stream() throws IOException {
        return Files.newInputStream(p);
      }

      @Override
      public Path file() {
        return p;
      }

      @Override
      public ImageProbe.Info info() {
        return null;
      }
    };
  }

  /** The names of every blob kept. */
  List<String> names() throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        if (UploadNames.isFileName(name)) names.add(name);
      }
    }
    return names;
  }

  @Override
  public List<String> idleSince(long olderThan) throws IOException {
    List<String> idle = new ArrayList<>();
    for (String name : names()) {
      if (storedBefore(name, olderThan)) idle.add(name);
    }
    return idle;
  }

  private boolean storedBefore(String name, long olderThan) {
    try {
      return Files.getLastModifiedTime(dir.resolve(name)).toMillis() < olderThan;
    } catch (IOException gone) {
      return false;
    }
  }

  @Override
  public synchronized boolean removeIdle(String name, long olderThan) throws IOException {
    if (!storedBefore(name, olderThan)) return false;
    return Files.deleteIfExists(dir.resolve(name));
  }

  @Override
  public boolean claimed(String name, long now) {
    // one node: UploadStore's memory of claims is the whole truth
    return Files.isRegularFile(dir.resolve(name));
  }

  @Override
  public void close() {}
}
