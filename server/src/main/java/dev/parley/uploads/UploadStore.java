package dev.parley.uploads;

import dev.parley.domain.Attachment;
import dev.parley.domain.Image;
import dev.parley.domain.Images;
import dev.parley.uploads.UploadLinks.Link;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uploaded images. Each upload has a URL of its own, {@code /uploads/} and 32 random bytes in
 * base64url and its extension: uploading the same bytes again gives another URL, so a URL says
 * nothing about who else has the picture, and it cannot be guessed. The bytes are kept once ({@link
 * UploadBytes}), under {@code base64url(HMAC-SHA256(key, SHA-256(bytes)))}: the name an upload's
 * URL had before each had its own, which still works as an upload of no one in particular (its
 * "legacy" URL). Which upload shows which bytes, who made it and when is in the store's database
 * ({@link UploadLinks}).
 *
 * <p>It also vouches for the image URLs a message carries ({@link Images}): only its uploader may
 * show an upload in a message, from an in-memory table of the uploads it knows, so a {@code send}
 * costs no disk access in the common case; an upload it has not seen yet (another node's, or one
 * from before a restart) is read by {@link #learn} on the uploads' threads ({@link #io}) before the
 * {@code send} goes on.
 *
 * <p>Every method that touches the disk or the database blocks: call them off the event loops.
 */
public final class UploadStore implements Images, AutoCloseable {

  /**
   * A temp file not written to for this long belongs to no upload in progress (an upload that sends
   * nothing for 15 s is dropped), so start-up and the sweep may remove it even when another node
   * shares the folder.
   */
  static final long STALE_TEMP_MILLIS = 120_000;

  private static final Logger LOG = LoggerFactory.getLogger(UploadStore.class);
  private static final String TEMP_DIR = ".tmp";
  private static final long MISSING_MILLIS = 10_000;
  private static final int MAX_MISSING = 1_000;
  private static final int THREADS = 2;

  private final UploadBytes bytes;
  private final UploadLinks links;
  private final Path temp;
  private final BlobNames names;
  private final LongSupplier clock;

  /** Upload name to its upload; filled on upload, by {@link #warmUp} and on first use. */
  private final Map<String, Link> known = new ConcurrentHashMap<>();

  /**
   * Upload name to when {@link #learn} found no such upload: {@link #verify} refuses it from here
   * for {@value #MISSING_MILLIS} ms instead of reading again on the event loop.
   */
  private final Map<String, Long> missing = new ConcurrentHashMap<>();

  /** When messages last showed each upload, here and (written down) for the other nodes. */
  private final Claims claims;

  /**
   * Where everything that blocks on the uploads runs, off the event loops: writing, hashing and
   * probing an upload, opening a stored one to serve it, {@link #learn}ing one. Two threads; the
   * web side admits at most so many uploads and reads at once, so the queue stays short. This store
   * is their one owner: it starts them and {@link #close} stops them; the web side borrows them
   * through {@link #io} as a plain {@link Executor}, which cannot stop them.
   */
  private final ThreadPoolExecutor io =
      new ThreadPoolExecutor(
          THREADS,
          THREADS,
          30,
          TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(),
          r -> {
            Thread t = new Thread(r, "parley-uploads");
            t.setDaemon(true);
            return t;
          });

  private UploadStore(
      UploadBytes bytes, UploadLinks links, Path temp, byte[] key, LongSupplier clock) {
    this.bytes = bytes;
    this.links = links;
    this.temp = temp;
    this.names = new BlobNames(key);
    this.clock = clock;
    this.claims =
        new Claims(
            (name, now) -> isLegacy(name) ? bytes.claimed(name, now) : links.claimed(name, now));
    io.allowCoreThreadTimeOut(true);
  }

  /** The uploads' own threads (see {@link #io}), to run work on; this store stops them. */
  public Executor io() {
    return io;
  }

  /**
   * Opens the uploads whose bytes {@code bytes} keeps and whose records {@code links} keeps, with
   * {@code dir}/.tmp as the temp folder (created if needed), from which it removes what no upload
   * in progress can still be writing.
   */
  public static UploadStore open(
      Path dir, UploadBytes bytes, UploadLinks links, LongSupplier clock) {
    try {
      Path temp = dir.resolve(TEMP_DIR);
      Files.createDirectories(temp);
      removeStale(temp, clock.getAsLong() - STALE_TEMP_MILLIS);
      return new UploadStore(bytes, links, temp, bytes.key(), clock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the uploads in " + dir, e);
    }
  }

  /** Blobs as files in the uploads folder {@code dir} (a node on its own). */
  public static UploadBytes folder(Path dir) {
    try {
      return new DiskUploads(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the uploads folder " + dir, e);
    }
  }

  private static void removeStale(Path temp, long olderThan) throws IOException {
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(temp)) {
      for (Path p : leftovers) {
        try {
          if (Files.getLastModifiedTime(p).toMillis() < olderThan) Files.deleteIfExists(p);
        } catch (java.nio.file.NoSuchFileException gone) {
          // its upload finished meanwhile
        }
      }
    }
  }

  /** A new empty file in the temp folder for an upload in progress. */
  public Path newTempFile() throws IOException {
    return Files.createFile(temp.resolve("up-" + UUID.randomUUID()));
  }

  /** The temp folder, for writers that name their own files there (the multipart decoder). */
  public Path tempDir() {
    return temp;
  }

  /**
   * An upload as stored: its file name, URL, media type, size in bytes, displayed size (0 for a
   * file that is not an image) and, for such a file, the name it was uploaded under (cleaned).
   */
  public record Stored(
      String name, String url, String type, long size, int width, int height, String fileName) {}

  /** {@link #store(Path, String, String, String)} of a file with no name or type claimed. */
  public Stored store(Path file, String owner) throws IOException, ImageProbe.Refused {
    return store(file, owner, null, null);
  }

  /**
   * Checks the upload in {@code file} (its type by content, its declared size), keeps its bytes
   * (once: when they are kept already, {@code file} is dropped) and records it as a new upload of
   * {@code owner}'s under a new random name. The file is gone from its temp place afterwards in
   * every case. The answer is the same whether anyone stored the same bytes before or not. What is
   * not an image at all is a file, typed by {@link FileTypes}; what starts like an image must be a
   * whole one ({@link ImageProbe.Refused}).
   */
  public Stored store(Path file, String owner, String claimedName, String claimedType)
      throws IOException, ImageProbe.Refused {
    try {
      long size = Files.size(file);
      ImageProbe.Info info;
      String ext;
      String mediaType;
      String fileName = null;
      try (InputStream in = Files.newInputStream(file)) {
        info = ImageProbe.probe(in, size);
        ext = "." + info.type().extension;
        mediaType = info.type().mediaType;
      } catch (ImageProbe.Refused r) {
        FileTypes.Type type =
            r.code().equals(ImageProbe.Refused.NOT_AN_IMAGE)
                ? FileTypes.of(file, claimedType, claimedName)
                : null;
        if (type == null) throw r; // it starts like an image: a broken one is no file
        info = new ImageProbe.Info(null, 0, 0);
        ext = "." + type.extension;
        mediaType = type.bareType();
        fileName = UploadNames.cleanName(claimedName);
      }
      String blob;
      try (FileChannel ch =
          FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        ch.force(true);
        blob = names.of(ch) + ext;
      }
      long now = clock.getAsLong();
      bytes.put(blob, file, size, info, now);
      String name = UploadNames.randomName() + ext;
      Link link = new Link(name, blob, owner, size, info.width(), info.height(), now, fileName);
      links.add(link);
      known.put(name, link);
      return new Stored(
          name,
          UploadNames.URL_PREFIX + name,
          mediaType,
          size,
          info.width(),
          info.height(),
          fileName);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * The upload called {@code name} as the database has it now (not from memory: it may have been
   * removed by another node), or, for a URL from before each upload had its own, the blob of that
   * name as an upload of nobody's; null when there is none.
   */
  public Link find(String name) throws IOException {
    if (!UploadNames.isFileName(name)) return null;
    Link link = links.find(name);
    if (link == null) link = legacy(name);
    if (link == null) {
      known.remove(name);
      return null;
    }
    known.put(name, link);
    return link;
  }

  /**
   * A blob called {@code name}, as the upload its old URL names: no owner. Null when there is none.
   */
  private Link legacy(String name) throws IOException {
    if (FileTypes.Type.ofExtension(name.substring(name.lastIndexOf('.') + 1)) != null)
      return null; // only images were ever named so
    UploadBytes.Blob blob = bytes.open(name);
    if (blob == null) return null;
    Link seen = known.get(name);
    if (seen != null && seen.owner() == null)
      return seen; // measured before: no need to read it again
    ImageProbe.Info info = blob.info();
    if (info == null) {
      try (InputStream in = blob.stream()) {
        info = ImageProbe.probe(in, blob.size());
      } catch (ImageProbe.Refused r) {
        LOG.warn("stored upload {} is not an image any more: {}", name, r.getMessage());
        return null;
      }
    }
    return new Link(name, name, null, blob.size(), info.width(), info.height(), 0);
  }

  /**
   * Whether {@code name} is a blob's own name used as a URL (no upload of that name was ever made).
   */
  private boolean isLegacy(String name) {
    Link link = known.get(name);
    return link != null && link.owner() == null;
  }

  /** The bytes {@code link} shows, or null when they are gone. */
  public UploadBytes.Blob blob(Link link) throws IOException {
    return bytes.open(link.blob());
  }

  @Override
  public boolean knows(String url) {
    String name = url == null ? null : UploadNames.nameIn(url);
    return name == null || known.containsKey(name) || knownMissing(name);
  }

  @Override
  public void learn(String url, Runnable then) {
    String name = url == null ? null : UploadNames.nameIn(url);
    try {
      io.execute(
          () -> {
            try {
              if (name != null && !known.containsKey(name) && findQuietly(name) == null) {
                if (missing.size() >= MAX_MISSING) missing.clear();
                missing.put(name, clock.getAsLong());
              }
            } finally {
              then.run();
            }
          });
    } catch (RejectedExecutionException closing) {
      then.run(); // shutting down: verify reads it itself, if it is still asked
    }
  }

  private Link findQuietly(String name) {
    try {
      return find(name);
    } catch (IOException e) {
      LOG.warn("could not read the upload {}", name, e);
      return null;
    }
  }

  private boolean knownMissing(String name) {
    Long since = missing.get(name);
    if (since == null) return false;
    if (clock.getAsLong() - since < MISSING_MILLIS) return true;
    missing.remove(name, since);
    return false;
  }

  /**
   * The image behind {@code claimed.url()} with its measured size, if {@code userId} may show it in
   * a message: it is theirs (or from before uploads had owners). Someone who learnt the URL of
   * another's upload cannot show it, and so cannot make a direct conversation's picture public by
   * posting it in a public room. A file that is not an image is not an image to show.
   */
  @Override
  public Image verify(Image claimed, String userId) {
    Link link = claimed == null ? null : vouched(claimed.url(), userId);
    if (link == null || link.isFile()) return null;
    return new Image(
        UploadNames.URL_PREFIX + link.name(),
        UploadNames.cleanName(claimed.name()),
        link.width(),
        link.height());
  }

  /** The file behind {@code claimed.url()}, as {@link #verify} for a file that is not an image. */
  @Override
  public Attachment verifyFile(Attachment claimed, String userId) {
    Link link = claimed == null ? null : vouched(claimed.url(), userId);
    if (link == null || !link.isFile()) return null;
    String name = UploadNames.cleanName(claimed.name());
    return new Attachment(
        UploadNames.URL_PREFIX + link.name(),
        name != null ? name : link.fileName(),
        link.size(),
        link.fileType().bareType(),
        claimed.duration());
  }

  /**
   * The upload at {@code url} if it is {@code userId}'s to show (claimed for the sweep), or null.
   */
  private Link vouched(String url, String userId) {
    String name = url == null ? null : UploadNames.nameIn(url);
    if (name == null) return null;
    Link link = known.get(name);
    if (link == null && knownMissing(name)) return null;
    if (link == null) link = findQuietly(name);
    if (link == null) return null;
    if (link.owner() != null && !link.owner().equals(userId)) return null;
    claims.claim(name, clock.getAsLong(), () -> known.remove(name)); // another node removed it
    return link;
  }

  /**
   * Removes the uploads made and last shown before {@code olderThan} (epoch millis), here and in
   * the database, that no message shows; the number removed.
   */
  public int removeUnusedUploads(long olderThan) throws IOException {
    List<String> unused =
        links.unusedSince(olderThan).stream().filter(n -> claims.idleSince(n, olderThan)).toList();
    List<String> removed = links.removeUnused(unused, olderThan);
    for (String name : removed) {
      known.remove(name);
      claims.forget(name);
    }
    return removed.size();
  }

  /**
   * Removes the blobs stored and last shown (under their own name) before {@code olderThan} that no
   * upload and no message uses; the number removed. A blob stored again meanwhile is fresh and
   * stays ({@link UploadBytes#removeIdle} looks again).
   */
  public int removeUnusedBlobs(long olderThan) throws IOException {
    List<String> idle =
        bytes.idleSince(olderThan).stream().filter(n -> claims.idleSince(n, olderThan)).toList();
    if (idle.isEmpty()) return 0;
    Set<String> used = links.blobsInUse(idle);
    int removed = 0;
    for (String blob : idle) {
      if (used.contains(blob) || !bytes.removeIdle(blob, olderThan)) continue;
      known.remove(blob);
      claims.forget(blob);
      removed++;
    }
    return removed;
  }

  /** Removes temp files no upload in progress is writing. */
  public void removeStaleTemp() {
    try {
      removeStale(temp, clock.getAsLong() - STALE_TEMP_MILLIS);
    } catch (IOException e) {
      LOG.warn("could not clear the temp folder {}", temp, e);
    }
  }

  /** Reads every upload's record, so that sends after a restart find them in memory. */
  public void warmUp() {
    try {
      for (Link link : links.all()) known.putIfAbsent(link.name(), link);
    } catch (IOException e) {
      LOG.warn("could not list the uploads", e);
    }
  }

  /** Stops the uploads' threads and closes what keeps the bytes (a database pool in a cluster). */
  @Override
  public void close() {
    io.shutdown();
    try {
      if (!io.awaitTermination(5, TimeUnit.SECONDS)) io.shutdownNow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      io.shutdownNow();
    }
    claims.close();
    bytes.close();
  }
}
