package dev.parley.uploads;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an upload's name and URL look like, and the name shown for it. The server opens nothing
 * whose name does not have this shape, and a URL a client gives back is only ever reduced to such a
 * name: the shape is the first door of every upload path.
 */
public final class UploadNames {

  /** The path of every upload's URL. */
  public static final String URL_PREFIX = "/uploads/";

  /** Longest image or file name kept with a message, in characters. */
  public static final int MAX_NAME_CHARS = 200;

  /** Random bytes in an upload's name: 256 bits, 43 characters of base64url. */
  private static final int NAME_BYTES = 32;

  private static final Pattern FILE_NAME =
      Pattern.compile("[A-Za-z0-9_-]{43}\\.(" + FileTypes.extensions() + ")");

  /** An upload's URL as a client may give it back: the path, or the path on an http(s) origin. */
  private static final Pattern URL = Pattern.compile("(?:https?://[^/?#\\s]+)?/uploads/([^/?#]+)");

  private static final Pattern NAME_JUNK =
      Pattern.compile("[\\p{Cc}\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");
  private static final SecureRandom RANDOM = new SecureRandom();

  private UploadNames() {}

  static String randomName() {
    byte[] b = new byte[NAME_BYTES];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Whether {@code name} has the shape of an upload's file name (nothing else is ever opened). */
  public static boolean isFileName(String name) {
    return name != null && FILE_NAME.matcher(name).matches();
  }

  /** The file name in an upload URL, or null when it cannot be one of ours. */
  public static String nameIn(String url) {
    Matcher m = URL.matcher(url);
    return m.matches() && isFileName(m.group(1)) ? m.group(1) : null;
  }

  /**
   * The name shown for an image: its last path segment, without control or direction-override
   * characters (which could make "gpj.exe" read as "exe.jpg"), trimmed, at most 200 characters;
   * null when nothing is left.
   */
  public static String cleanName(String name) {
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
