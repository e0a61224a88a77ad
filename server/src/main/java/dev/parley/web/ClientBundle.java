package dev.parley.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How the client is shipped without a build step. At start the server hashes every file under
 * {@code web/} into one version, serves them under {@code /v/<version>/} (so the relative imports
 * between modules resolve to versioned URLs too) and rewrites index.html: its own links point
 * there, and a {@code modulepreload} link for each module of the start-up graph (found by reading
 * the static imports from {@code js/main.js} on) lets the browser fetch them all at once instead of
 * in a chain. Editing any client file changes the version, so every versioned answer may be cached
 * for good.
 */
final class ClientBundle {

  static final String PREFIX = "/v/";

  private static final String ROOT = "web/";
  private static final String ENTRY = "/js/main.js";
  private static final int VERSION_HEX = 12;

  /** {@code import … from '…'}, {@code export … from '…'} and {@code import '…'}: static only. */
  private static final Pattern IMPORT =
      Pattern.compile("(?m)^\\s*(?:import|export)\\s+(?:[^'\";]*?\\sfrom\\s*)?['\"]([^'\"]+)['\"]");

  /** A page link or script that names one of the client's own files. */
  private static final Pattern OWN_LINK = Pattern.compile("(href|src)=\"/(?!/)([^\"]+)\"");

  private final String version;
  private final String index;

  /**
   * Reads the client; {@code read} gives a served file's text by its request path (WebJars
   * included) or null.
   */
  ClientBundle(Function<String, String> read) {
    Set<String> paths = listClient();
    this.version = hash(paths);
    String page = read.apply("/index.html");
    this.index = page == null ? null : rewrite(page, paths, preloads(read));
  }

  /** The version in every versioned path, e.g. {@code 3f9a0c1b2d4e}. */
  String version() {
    return version;
  }

  /** index.html as served: versioned links and the module preloads; null if there is none. */
  String index() {
    return index;
  }

  /** The versioned path of a client file's path ({@code /js/main.js}). */
  String versioned(String path) {
    return PREFIX + version + path;
  }

  private String rewrite(String page, Set<String> paths, Set<String> preloads) {
    Matcher m = OWN_LINK.matcher(page);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String path = "/" + m.group(2);
      String target = paths.contains(path) ? versioned(path) : path;
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "=\"" + target + "\""));
    }
    m.appendTail(out);
    StringBuilder links = new StringBuilder();
    for (String module : preloads) {
      String href = paths.contains(module) ? versioned(module) : module;
      links.append("  <link rel=\"modulepreload\" href=\"").append(href).append("\">\n");
    }
    int head = out.indexOf("</head>");
    if (head >= 0) out.insert(head, links);
    return out.toString();
  }

  /** The modules main.js needs before it runs, itself excluded, in the order first found. */
  private static Set<String> preloads(Function<String, String> read) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(ENTRY);
    while (!todo.isEmpty()) {
      String path = todo.poll();
      String text = read.apply(path);
      if (text == null) continue;
      Matcher m = IMPORT.matcher(text);
      while (m.find()) {
        String target = resolve(path, m.group(1));
        if (target != null && !target.equals(ENTRY) && seen.add(target)) todo.add(target);
      }
    }
    return seen;
  }

  private static String resolve(String from, String specifier) {
    if (!specifier.startsWith("/") && !specifier.startsWith(".")) return null;
    try {
      return new URI(from).resolve(specifier).normalize().getPath();
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String hash(Set<String> paths) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      ClassLoader loader = ClientBundle.class.getClassLoader();
      for (String path : paths) {
        digest.update(path.getBytes(StandardCharsets.UTF_8));
        try (InputStream in = loader.getResourceAsStream(ROOT + path.substring(1))) {
          if (in != null) digest.update(in.readAllBytes());
        }
      }
      return HexFormat.of().formatHex(digest.digest(), 0, VERSION_HEX / 2);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every file under {@code web/} as a request path, sorted: from a folder or from the jar. */
  private static Set<String> listClient() {
    URL anchor = ClientBundle.class.getClassLoader().getResource(ROOT + "index.html");
    Set<String> paths = new TreeSet<>();
    if (anchor == null) return paths;
    try {
      if (anchor.getProtocol().equals("jar")) {
        JarURLConnection jar = (JarURLConnection) anchor.openConnection();
        jar.setUseCaches(false);
        try (JarFile file = jar.getJarFile()) {
          for (JarEntry e : file.stream().toList()) {
            if (!e.isDirectory() && e.getName().startsWith(ROOT)) {
              paths.add("/" + e.getName().substring(ROOT.length()));
            }
          }
        }
      } else {
        Path root = Path.of(anchor.toURI()).getParent();
        try (Stream<Path> files = Files.walk(root)) {
          files
              .filter(Files::isRegularFile)
              .forEach(f -> paths.add("/" + root.relativize(f).toString().replace('\\', '/')));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the web client", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return paths;
  }
}
