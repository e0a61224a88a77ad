package dev.parley.web;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web client, served from the classpath folder {@code web/}. Files are read once and kept in
 * memory with an ETag: the client is small and has no build step, so its names carry no content
 * hash and browsers revalidate instead (a 304 costs one round trip, no body). Third-party browser
 * libraries come from WebJars under {@code /webjars/<name>/<version>/}: a versioned path never
 * changes content, so those are cached for a year without revalidation.
 */
final class StaticFiles {

  /** A file ready to send. */
  record File(byte[] body, String contentType, String etag, String cacheControl) {}

  private static final String ROOT = "web/";
  private static final String WEBJARS = "webjars/";
  private static final String WEBJARS_ROOT = "META-INF/resources/webjars/";
  private static final String REVALIDATE = "no-cache";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("webp", "image/webp"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("txt", "text/plain; charset=utf-8"));

  /** Only files found are kept: a miss is cheap to repeat and must not grow the map. */
  private final Map<String, File> cache = new ConcurrentHashMap<>();

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
    String type = dot < 0 ? null : TYPES.get(resource.substring(dot + 1));
    if (type == null) return Optional.empty();
    try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) return Optional.empty();
      byte[] body = in.readAllBytes();
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      String etag = "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
      return Optional.of(new File(body, type, etag, cacheControl));
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      return Optional.empty();
    }
  }
}
