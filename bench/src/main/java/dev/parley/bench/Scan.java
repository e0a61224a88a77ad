package dev.parley.bench;

import java.nio.charset.StandardCharsets;

/**
 * Allocation-free scanning of server frames. The bench never builds a JSON tree on the hot path:
 * one pass over the bytes finds the handful of top-level keys it needs ({@code type}, {@code room},
 * {@code seq}, {@code text}). Keys that appear in nested objects ({@code from.id}, {@code
 * user.nick}) are not among those, so a flat scan is unambiguous for the frames the contract
 * defines.
 */
final class Scan {
  private Scan() {}

  // Results of the last scan(); one Scan.Result per event loop, reused.
  static final class Result {
    int type = -1; // offset of the first byte of the type value (after the quote), or -1
    int room = -1; // offset of the room value, or -1
    long seq = -1; // value of "seq", or -1
    int text = -1; // offset of the text value, or -1

    void clear() {
      type = -1;
      room = -1;
      seq = -1;
      text = -1;
    }
  }

  private static final byte[] K_TYPE = ascii("type\":");
  private static final byte[] K_ROOM = ascii("room\":");
  private static final byte[] K_SEQ = ascii("seq\":");
  private static final byte[] K_TEXT = ascii("text\":");

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** One pass over a frame, stopping once the four keys are found. Tolerates a space after ':'. */
  static void scan(byte[] a, int off, int end, Result r) {
    r.clear();
    int found = 0;
    for (int i = off; i < end - 5; i++) {
      if (a[i] != '"') continue;
      int k = i + 1;
      byte c = a[k];
      byte[] key;
      int which;
      switch (c) {
        case 't':
          if (a[k + 1] == 'y') {
            key = K_TYPE;
            which = 0;
          } else if (a[k + 1] == 'e') {
            key = K_TEXT;
            which = 3;
          } else continue;
          break;
        case 'r':
          key = K_ROOM;
          which = 1;
          break;
        case 's':
          key = K_SEQ;
          which = 2;
          break;
        default:
          continue;
      }
      if (!matches(a, k, end, key)) continue;
      int v = k + key.length;
      while (v < end && a[v] == ' ') v++;
      if (v >= end) return;
      switch (which) {
        case 0:
          if (r.type < 0 && a[v] == '"') {
            r.type = v + 1;
            found++;
          }
          break;
        case 1:
          if (r.room < 0 && a[v] == '"') {
            r.room = v + 1;
            found++;
          }
          break;
        case 2:
          if (r.seq < 0) {
            r.seq = parseLong(a, v, end);
            found++;
          }
          break;
        default:
          if (r.text < 0 && a[v] == '"') {
            r.text = v + 1;
            found++;
          }
          break;
      }
      if (found == 4) return;
      i = v - 1;
    }
  }

  /**
   * The index just past the JSON object that starts at {@code at} (a '{'), strings and their
   * escapes skipped; {@code end} when it does not close.
   */
  static int objectEnd(byte[] a, int at, int end) {
    int depth = 0;
    for (int i = at; i < end; i++) {
      byte c = a[i];
      if (c == '"') {
        for (i++; i < end && a[i] != '"'; i++) if (a[i] == '\\') i++;
      } else if (c == '{' || c == '[') depth++;
      else if ((c == '}' || c == ']') && --depth == 0) return i + 1;
    }
    return end;
  }

  static boolean matches(byte[] a, int at, int end, byte[] needle) {
    if (at + needle.length > end) return false;
    for (int j = 0; j < needle.length; j++) if (a[at + j] != needle[j]) return false;
    return true;
  }

  /** Does the quoted value starting at {@code at} equal {@code v} exactly (followed by a quote)? */
  static boolean valueIs(byte[] a, int at, int end, byte[] v) {
    return at >= 0 && matches(a, at, end, v) && at + v.length < end && a[at + v.length] == '"';
  }

  static long parseLong(byte[] a, int i, int end) {
    long n = 0;
    int start = i;
    while (i < end) {
      int d = a[i] - '0';
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
      i++;
    }
    return i == start ? -1 : n;
  }

  static int indexOf(byte[] a, int from, int end, byte[] needle) {
    byte first = needle[0];
    int max = end - needle.length;
    outer:
    for (int i = from; i <= max; i++) {
      if (a[i] != first) continue;
      for (int j = 1; j < needle.length; j++) if (a[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }

  /**
   * The string value of {@code "key":"..."} anywhere in the frame (no escapes expected), or null.
   */
  static String stringField(String frame, String key) {
    String k = "\"" + key + "\":";
    int i = frame.indexOf(k);
    if (i < 0) return null;
    i += k.length();
    while (i < frame.length() && frame.charAt(i) == ' ') i++;
    if (i >= frame.length() || frame.charAt(i) != '"') return null;
    int j = frame.indexOf('"', i + 1);
    return j < 0 ? null : frame.substring(i + 1, j);
  }

  static long longField(String frame, String key) {
    String k = "\"" + key + "\":";
    int i = frame.indexOf(k);
    if (i < 0) return -1;
    i += k.length();
    while (i < frame.length() && frame.charAt(i) == ' ') i++;
    long n = 0;
    int s = i;
    while (i < frame.length() && Character.isDigit(frame.charAt(i)))
      n = n * 10 + (frame.charAt(i++) - '0');
    return i == s ? -1 : n;
  }

  static String type(String frame) {
    return stringField(frame, "type");
  }
}
