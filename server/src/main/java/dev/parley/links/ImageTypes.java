package dev.parley.links;

import java.util.Set;

/**
 * The image types a preview may show, judged by the bytes (a server's {@code Content-Type} is only
 * a claim): PNG, JPEG, GIF and WebP, never SVG or anything a browser might run.
 */
final class ImageTypes {
  static final Set<String> TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

  private ImageTypes() {}

  /** The type the bytes begin as, or null when they are none of the four. */
  static String sniff(byte[] b) {
    if (b == null || b.length < 12) return null;
    if ((b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return "image/png";
    if ((b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff)
      return "image/jpeg";
    if (b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') return "image/gif";
    if (b[0] == 'R'
        && b[1] == 'I'
        && b[2] == 'F'
        && b[3] == 'F'
        && b[8] == 'W'
        && b[9] == 'E'
        && b[10] == 'B'
        && b[11] == 'P') return "image/webp";
    return null;
  }
}
