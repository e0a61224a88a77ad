package dev.parley.uploads;

import dev.parley.domain.Image;
import dev.parley.domain.Images;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uploaded images, content-addressed under an unguessable name: the upload of bytes B is
 * {@code base64url(HMAC-SHA256(key, SHA-256(B)))} plus its type's extension, so the same bytes
 * are stored once and nobody can reach an image without having been given its URL (an image in
 * a direct conversation stays between its two members). The bytes and the key are kept by an
 * {@link UploadBytes}: the node's data folder, or a cluster's database. Uploads arrive in a temp
 * folder of the node's own. It also vouches for the image URLs a message carries, from an
 * in-memory table of the sizes it measured, so a {@code send} costs no disk access in the
 * common case; an upload it has not measured yet is read by {@link #learn} on the uploads'
 * threads ({@link #io}) before the {@code send} goes on.
 *
 * <p>Every method that touches the disk or the database blocks: call them off the event loops.
 */
public final class UploadStore implements Images {

  /** The path of every upload's URL. */
  public static final String URL_PREFIX = "/uploads/";
  /** Longest image name kept with a message, in characters. */
  public static final int MAX_NAME_CHARS = 200;
  /**
   * A temp file not written to for this long belongs to no upload in progress (an upload that
   * sends nothing for 30 s is dropped), so start-up may remove it even when another node shares
   * the folder.
   */
  static final long STALE_TEMP_MILLIS = 120_000;

  private static final Logger LOG = LoggerFactory.getLogger(UploadStore.class);
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-]{43}\\.(png|jpg|gif|webp)");
  /** An upload's URL as a client may give it back: the path, or the path on an http(s) origin. */
  private static final Pattern URL = Pattern.compile("(?:https?://[^/?#\\s]+)?/uploads/([^/?#]+)");
  private static final Pattern NAME_JUNK = Pattern.compile("[\\p{Cc}\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");
  private static final String TEMP_DIR = ".tmp";

  private final UploadBytes bytes;
  private final Path temp;
  private final SecretKeySpec key;
  /** File name to what its header says; filled on upload, on first use and by {@link #warmUp}. */
  private final Map<String, ImageProbe.Info> known = new ConcurrentHashMap<>();
  /**
   * File name to when a message last claimed it ({@link #verify}): the uploads sweep leaves such
   * a file alone for its grace period, so a message on its way to the store never loses its file.
   */
  private final Map<String, Long> claimed = new ConcurrentHashMap<>();
  /**
   * File name to when {@link #learn} found no such upload: {@link #verify} refuses it from here
   * for {@value #MISSING_MILLIS} ms instead of reading again on the event loop.
   */
  private final Map<String, Long> missing = new ConcurrentHashMap<>();
  private static final long MISSING_MILLIS = 10_000;
  private static final int MAX_MISSING = 1_000;
  /**
   * Where everything that blocks on the uploads runs, off the event loops: writing, hashing and
   * probing an upload, opening a stored one to serve it, {@link #learn}ing one. Two threads; the
   * web side admits at most so many uploads and reads at once, so the queue stays short.
   */
  private final ThreadPoolExecutor io = new ThreadPoolExecutor(
      THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "parley-uploads");
        t.setDaemon(true);
        return t;
      });
  private static final int THREADS = 2;

  private UploadStore(UploadBytes bytes, Path temp, byte[] key) {
    this.bytes = bytes;
    this.temp = temp;
    this.key = new SecretKeySpec(key, "HmacSHA256");
    io.allowCoreThreadTimeOut(true);
  }

  /** The uploads' own threads (see {@link #io}). */
  public ThreadPoolExecutor io() {
    return io;
  }

  /** Opens (creating if needed) the uploads folder {@code dir}, keeping the uploads in it. */
  public static UploadStore open(Path dir) {
    try {
      return open(dir, new DiskUploads(dir));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the uploads folder " + dir, e);
    }
  }

  /**
   * Opens the uploads kept by {@code bytes}, with {@code dir}/.tmp as the temp folder (created if
   * needed), from which it removes what no upload in progress can still be writing.
   */
  public static UploadStore open(Path dir, UploadBytes bytes) {
    try {
      Path temp = dir.resolve(TEMP_DIR);
      Files.createDirectories(temp);
      removeStale(temp, System.currentTimeMillis() - STALE_TEMP_MILLIS);
      return new UploadStore(bytes, temp, bytes.key());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the uploads in " + dir, e);
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

  /** An upload as stored: its file name, URL, media type, size in bytes and displayed size. */
  public record Stored(String name, String url, String type, long size, int width, int height) {}

  /**
   * Checks the upload in {@code file} (its type by content, its declared size), then moves it
   * to its content-addressed name; when that name exists already the bytes are the same and
   * {@code file} is deleted. The file is gone from its temp place afterwards in every case.
   */
  public Stored store(Path file) throws IOException, ImageProbe.Refused {
    try {
      ImageProbe.Info info;
      try (InputStream in = Files.newInputStream(file)) {
        info = ImageProbe.probe(in, Files.size(file));
      }
      long size;
      byte[] digest;
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        ch.force(true);
        size = ch.size();
        digest = sha256(ch);
      }
      String name = nameFor(digest) + "." + info.type().extension;
      bytes.put(name, file, size, info, System.currentTimeMillis());
      known.put(name, info);
      missing.remove(name);
      return new Stored(name, URL_PREFIX + name, info.type().mediaType, size, info.width(), info.height());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static byte[] sha256(FileChannel ch) throws IOException {
    MessageDigest sha = sha256();
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(64 * 1024);
    ch.position(0);
    while (ch.read(buf) >= 0) {
      buf.flip();
      sha.update(buf);
      buf.clear();
    }
    return sha.digest();
  }

  /** The URL name of content whose SHA-256 is {@code digest}: 43 characters of base64url. */
  String nameFor(byte[] digest) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(digest));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Whether {@code name} has the shape of an upload's file name (nothing else is ever opened). */
  public static boolean isFileName(String name) {
    return name != null && FILE_NAME.matcher(name).matches();
  }

  /** The stored upload called {@code name}, or null when the name is malformed or unknown. */
  public UploadBytes.Blob blob(String name) throws IOException {
    return isFileName(name) ? bytes.open(name) : null;
  }

  /** The file name in an upload URL, or null when it cannot be one of ours. */
  private static String nameIn(String url) {
    Matcher m = URL.matcher(url);
    return m.matches() && isFileName(m.group(1)) ? m.group(1) : null;
  }

  @Override
  public boolean knows(String url) {
    String name = url == null ? null : nameIn(url);
    return name == null || known.containsKey(name) || knownMissing(name);
  }

  @Override
  public void learn(String url, Runnable then) {
    String name = url == null ? null : nameIn(url);
    try {
      io.execute(() -> {
        try {
          if (name != null && !known.containsKey(name) && measure(name) == null) {
            if (missing.size() >= MAX_MISSING) missing.clear();
            missing.put(name, System.currentTimeMillis());
          }
        } finally {
          then.run();
        }
      });
    } catch (RejectedExecutionException closing) {
      then.run(); // shutting down: verify reads it itself, if it is still asked
    }
  }

  private boolean knownMissing(String name) {
    Long since = missing.get(name);
    if (since == null) return false;
    if (System.currentTimeMillis() - since < MISSING_MILLIS) return true;
    missing.remove(name, since);
    return false;
  }

  @Override
  public Image verify(Image claimed) {
    if (claimed == null || claimed.url() == null) return null;
    String name = nameIn(claimed.url());
    if (name == null) return null;
    ImageProbe.Info info = known.get(name);
    if (info == null && knownMissing(name)) return null;
    if (info == null) info = measure(name);
    if (info == null) return null;
    long now = System.currentTimeMillis();
    this.claimed.put(name, now);
    bytes.claimed(name, now, () -> {
      // another node's sweep removed it: stop vouching for it from memory
      known.remove(name);
      this.claimed.remove(name);
    });
    return new Image(URL_PREFIX + name, cleanName(claimed.name()), info.width(), info.height());
  }

  /** Reads the header of a stored upload the table does not know yet (after a restart, or another node's). */
  private ImageProbe.Info measure(String name) {
    try {
      UploadBytes.Blob blob = blob(name);
      if (blob == null) return null;
      ImageProbe.Info info = blob.info();
      if (info == null) {
        try (InputStream in = blob.stream()) {
          info = ImageProbe.probe(in, blob.size());
        }
      }
      known.put(name, info);
      return info;
    } catch (IOException | ImageProbe.Refused e) {
      LOG.warn("stored upload {} cannot be read", name, e);
      return null;
    }
  }

  /**
   * The URLs of the stored uploads last written and last claimed by a message before
   * {@code olderThan} (epoch millis): the candidates of the uploads sweep.
   */
  public List<String> idleSince(long olderThan) {
    List<String> urls = new ArrayList<>();
    try {
      for (String name : bytes.idleSince(olderThan)) {
        if (notClaimedSince(name, olderThan)) urls.add(URL_PREFIX + name);
      }
    } catch (IOException e) {
      LOG.warn("could not list the uploads", e);
    }
    return urls;
  }

  private boolean notClaimedSince(String name, long olderThan) {
    Long claim = claimed.get(name);
    return claim == null || claim < olderThan;
  }

  /**
   * Deletes the upload behind {@code url} if it is still idle since {@code olderThan} (checked
   * again: a message may have claimed it meanwhile); true when it went.
   */
  public boolean removeIdle(String url, long olderThan) {
    String name = url.startsWith(URL_PREFIX) ? url.substring(URL_PREFIX.length()) : null;
    if (!isFileName(name) || !notClaimedSince(name, olderThan)) return false;
    try {
      if (!bytes.removeIdle(name, olderThan)) return false;
      known.remove(name);
      claimed.remove(name);
      return true;
    } catch (IOException e) {
      LOG.warn("could not remove the upload {}", name, e);
      return false;
    }
  }

  /** Removes temp files no upload in progress is writing (older than the grace given). */
  public void removeStaleTemp(long olderThan) {
    try {
      removeStale(temp, olderThan);
    } catch (IOException e) {
      LOG.warn("could not clear the temp folder {}", temp, e);
    }
  }

  /** Measures every stored upload, so that sends after a restart find their sizes in memory. */
  public void warmUp() {
    try {
      Map<String, ImageProbe.Info> recorded = bytes.recorded();
      if (recorded != null) {
        recorded.forEach(known::putIfAbsent);
        return;
      }
      for (String name : bytes.names()) {
        if (!known.containsKey(name)) measure(name);
      }
    } catch (IOException e) {
      LOG.warn("could not list the uploads", e);
    }
  }

  /** Closes what keeps the bytes (a database pool in a cluster). */
  public void close() {
    io.shutdown();
    try {
      if (!io.awaitTermination(5, TimeUnit.SECONDS)) io.shutdownNow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      io.shutdownNow();
    }
    bytes.close();
  }

  /**
   * The name shown for an image: its last path segment, without control or direction-override
   * characters (which could make "gpj.exe" read as "exe.jpg"), trimmed, at most 200
   * characters; null when nothing is left.
   */
  static String cleanName(String name) {
    if (name == null) return null;
    String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    String clean = NAME_JUNK.matcher(base).replaceAll("").strip();
    if (clean.length() > MAX_NAME_CHARS) {
      int end = MAX_NAME_CHARS;
      if (Character.isHighSurrogate(clean.charAt(end - 1))) end--;
      clean = clean.substring(0, end);
    }
    return clean.isEmpty() ? null : clean;
  }
}
