package dev.parley.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The web client, served from the classpath folder {@code web/}. Files are read once and kept in
 * memory with an ETag and, for text, a gzip copy sent to browsers that accept it. The client has no
 * build step: {@link ClientBundle} versions it as a whole, so a path under {@code /v/<version>/}
 * never changes content and is cached for a year without revalidation, as are the WebJars under
 * {@code /webjars/<name>/<version>/}. Unversioned paths (index.html, sw.js, the favicon)
 * revalidate; a path under another version gets today's file, revalidated, never an immutable
 * answer.
 */
final class StaticFiles {

  /** A file ready to send; {@code gzip} is null when compressing does not pay. */
  record File(byte[] body, byte[] gzip, String contentType, String etag, String cacheControl) {

    File cachedFor(String policy) {
      return new File(body, gzip, contentType, etag, policy);
    }
  }

  private static final String ROOT = "web/";
  private static final String WEBJARS = "webjars/";
  private static final String WEBJARS_ROOT = "META-INF/resources/webjars/";
  private static final String INDEX = "index.html";
  private static final String REVALIDATE = "no-cache";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";

  /** Files smaller than this are sent as they are: gzip's header would eat the saving. */
  private static final int GZIP_FROM_BYTES = 512;

  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("webmanifest", "application/manifest+json"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("webp", "image/webp"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("txt", "text/plain; charset=utf-8"));

  /** Only files found are kept: a miss is cheap to repeat and must not grow the map. */
  private final Map<String, File> cache = new ConcurrentHashMap<>();

  private final ClientBundle bundle;
  private final File index;

  StaticFiles() {
    this.bundle =
        new ClientBundle(
            path ->
                raw(path.substring(1))
                    .map(f -> new String(f.body(), StandardCharsets.UTF_8))
                    .orElse(null));
    String page = bundle.index();
    this.index = page == null ? null : file(page.getBytes(StandardCharsets.UTF_8), "html");
  }

  /** The version the client's files are served under. */
  ClientBundle bundle() {
    return bundle;
  }

  /**
   * The file at a decoded request path, or empty; never anything outside {@code web/} and the
   * WebJars.
   */
  Optional<File> find(String path) {
    if (path.isEmpty() || path.equals("/")) path = "/index.html";
    if (path.endsWith("/")) path = path + "index.html";
    String relative = path.substring(1);
    for (String segment : relative.split("/", -1)) {
      if (segment.isEmpty()
          || segment.equals("..")
          || segment.equals(".")
          || segment.contains("\\")) {
        return Optional.empty();
      }
    }
    String policy = REVALIDATE;
    if (path.startsWith(ClientBundle.PREFIX)) {
      int slash = path.indexOf('/', ClientBundle.PREFIX.length());
      if (slash < 0) return Optional.empty();
      String version = path.substring(ClientBundle.PREFIX.length(), slash);
      relative = path.substring(slash + 1);
      if (version.equals(bundle.version())) policy = IMMUTABLE;
    }
    if (relative.equals(INDEX)) return Optional.ofNullable(index);
    Optional<File> found = raw(relative);
    if (policy.equals(IMMUTABLE)) return found.map(f -> f.cachedFor(IMMUTABLE));
    return found;
  }

  /** A file by its path under {@code web/} or {@code webjars/}, as stored: no rewriting. */
  private Optional<File> raw(String relative) {
    File held = cache.get(relative);
    if (held != null) return Optional.of(held);
    Optional<File> found =
        relative.startsWith(WEBJARS)
            ? load(WEBJARS_ROOT + relative.substring(WEBJARS.length()), IMMUTABLE)
            : load(ROOT + relative, REVALIDATE);
    found.ifPresent(f -> cache.put(relative, f));
    return found;
  }

  private static Optional<File> load(String resource, String cacheControl) {
    int dot = resource.lastIndexOf('.');
    String extension = dot < 0 ? "" : resource.substring(dot + 1);
    if (!TYPES.containsKey(extension)) return Optional.empty();
    try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) return Optional.empty();
      return Optional.of(file(in.readAllBytes(), extension).cachedFor(cacheControl));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static File file(byte[] body, String extension) {
    String type = TYPES.get(extension);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      String etag = "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
      return new File(body, gzip(body, type), type, etag, REVALIDATE);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] gzip(byte[] body, String type) {
    boolean text =
        type.startsWith("text/") || type.startsWith("application/json") || type.contains("svg");
    if (!text || body.length < GZIP_FROM_BYTES) return null;
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      return null;
    }
    return out.size() < body.length ? out.toByteArray() : null;
  }
}
