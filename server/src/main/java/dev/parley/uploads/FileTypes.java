package dev.parley.uploads;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a file that is not an image is served as: a short allow-list of types a browser may play or
 * show safely (PDF, plain text, audio, video), each told by its content, and everything else as
 * {@code application/octet-stream}. The type is the server's choice, kept in the upload's URL as
 * its extension: a file that says it is a PDF but does not start like one, or an HTML page or an
 * SVG drawing whatever it claims, is stored and served as bytes to save ({@code bin}). The claimed
 * type and name only choose between readings of the same content (audio or video in a WebM or MP4
 * container, text or bytes).
 */
public final class FileTypes {

  /** The file types stored, with the extension of their URL and the type they are served with. */
  public enum Type {
    PDF("pdf", "application/pdf"),
    TEXT("txt", "text/plain; charset=utf-8"),
    MP3("mp3", "audio/mpeg"),
    OGG_AUDIO("ogg", "audio/ogg"),
    WEBM_AUDIO("weba", "audio/webm"),
    MP4_AUDIO("m4a", "audio/mp4"),
    WAV("wav", "audio/wav"),
    FLAC("flac", "audio/flac"),
    OGG_VIDEO("ogv", "video/ogg"),
    WEBM_VIDEO("webm", "video/webm"),
    MP4_VIDEO("mp4", "video/mp4"),
    BYTES("bin", "application/octet-stream");

    public final String extension;
    public final String mediaType;

    Type(String extension, String mediaType) {
      this.extension = extension;
      this.mediaType = mediaType;
    }

    /** The type whose URL extension is {@code ext}, or null (an image's, or none). */
    public static Type ofExtension(String ext) {
      for (Type t : values()) if (t.extension.equals(ext)) return t;
      return null;
    }

    /** The media type without parameters ({@code text/plain}), as a message's file carries it. */
    public String bareType() {
      int semi = mediaType.indexOf(';');
      return semi < 0 ? mediaType : mediaType.substring(0, semi);
    }
  }

  /** Bytes of a file read to tell its type. */
  private static final int HEAD = 4096;

  /** The name extensions read as plain text when the content is text. */
  private static final java.util.Set<String> TEXT_NAMES =
      java.util.Set.of("txt", "log", "md", "csv", "tsv", "json", "yaml", "yml", "ini", "conf");

  private FileTypes() {}

  /** The extension alternatives of an upload's file name: every image type and file type. */
  static String extensions() {
    StringBuilder alt = new StringBuilder();
    for (ImageProbe.Type t : ImageProbe.Type.values()) alt.append(t.extension).append('|');
    for (Type t : Type.values()) alt.append(t.extension).append('|');
    return alt.substring(0, alt.length() - 1);
  }

  /**
   * The type of the file at {@code file}, by its first bytes, given what its uploader said; null
   * when it starts like an image (PNG, JPEG, GIF, WebP), which must then be a whole one.
   */
  public static Type of(Path file, String claimedType, String claimedName) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(HEAD);
    }
    return of(head, claimedType, claimedName);
  }

  static Type of(byte[] head, String claimedType, String claimedName) {
    if (startsLikeImage(head)) return null;
    String claimed = claimedType == null ? "" : claimedType.toLowerCase(Locale.ROOT).strip();
    boolean video = claimed.startsWith("video/");
    if (starts(head, 0, "%PDF-")) return Type.PDF;
    if (starts(head, 0, "OggS")) return video ? Type.OGG_VIDEO : Type.OGG_AUDIO;
    if (starts(head, 0, "fLaC")) return Type.FLAC;
    if (starts(head, 0, "RIFF") && starts(head, 8, "WAVE")) return Type.WAV;
    if (starts(head, 0, "ID3") || mpegFrame(head)) return Type.MP3;
    if (head.length >= 4
        && (head[0] & 0xff) == 0x1A
        && (head[1] & 0xff) == 0x45
        && (head[2] & 0xff) == 0xDF
        && (head[3] & 0xff) == 0xA3)
      return claimed.startsWith("audio/") ? Type.WEBM_AUDIO : Type.WEBM_VIDEO;
    if (starts(head, 4, "ftyp"))
      return claimed.startsWith("audio/") || starts(head, 8, "M4A")
          ? Type.MP4_AUDIO
          : Type.MP4_VIDEO;
    if (saysText(claimed, claimedName) && looksLikeText(head)) return Type.TEXT;
    return Type.BYTES;
  }

  private static boolean startsLikeImage(byte[] head) {
    return (head.length >= 4 && (head[0] & 0xff) == 0x89 && starts(head, 1, "PNG"))
        || (head.length >= 3
            && (head[0] & 0xff) == 0xFF
            && (head[1] & 0xff) == 0xD8
            && (head[2] & 0xff) == 0xFF)
        || starts(head, 0, "GIF8")
        || (starts(head, 0, "RIFF") && starts(head, 8, "WEBP"));
  }

  /** Said to be plain text: by its type ({@code text/plain} only) or by its name. */
  private static boolean saysText(String claimed, String name) {
    if (claimed.startsWith("text/plain")) return true;
    if (name == null) return false;
    int dot = name.lastIndexOf('.');
    return dot >= 0 && TEXT_NAMES.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** No NUL byte in its first bytes: text, not a binary file named .txt. */
  private static boolean looksLikeText(byte[] head) {
    for (byte b : head) if (b == 0) return false;
    return true;
  }

  private static boolean mpegFrame(byte[] head) {
    return head.length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xE0) == 0xE0;
  }

  private static boolean starts(byte[] head, int at, String magic) {
    if (head.length < at + magic.length()) return false;
    for (int i = 0; i < magic.length(); i++)
      if (head[at + i] != (byte) magic.charAt(i)) return false;
    return true;
  }
}
