package dev.parley.web;

import dev.parley.uploads.FileTypes;
import dev.parley.uploads.ImageProbe;
import dev.parley.uploads.UploadLinks;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How a stored upload is answered: its type and disposition, and the part of it a {@code Range}
 * request asks for. An image is shown inline, as its probed type. Any other file is an attachment
 * under the name it was uploaded with (RFC 6266), with a type from {@link FileTypes}' short
 * allow-list (PDF, plain text, audio, video) or {@code application/octet-stream}: never HTML, SVG
 * or XML, so a hostile file is at worst a download. Every upload is served with {@code nosniff} and
 * a sandboxing CSP, so even a browser that renders it runs nothing of it.
 */
final class ServedUpload {

  /** The CSP of every upload: nothing loads, nothing runs, the page is in a sandbox. */
  static final String FILE_CSP = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox";

  private ServedUpload() {}

  /** Sets the type and disposition of {@code upload}'s answer. */
  static void describe(HttpHeaders h, UploadLinks.Link upload) {
    String name = upload.name();
    String ext = name.substring(name.lastIndexOf('.') + 1);
    FileTypes.Type file = FileTypes.Type.ofExtension(ext);
    if (file == null) {
      h.set(HttpHeaderNames.CONTENT_TYPE, ImageProbe.Type.ofExtension(ext).mediaType)
          .set(HttpHeaderNames.CONTENT_DISPOSITION, "inline");
    } else {
      String saveAs = upload.fileName() != null ? upload.fileName() : "file." + ext;
      h.set(HttpHeaderNames.CONTENT_TYPE, file.mediaType)
          .set(HttpHeaderNames.CONTENT_DISPOSITION, attachment(saveAs));
    }
  }

  /**
   * {@code attachment} with {@code name} as RFC 6266 has it: an ASCII {@code filename} for old
   * clients (anything else, quotes and backslashes as "_") and the exact name in {@code filename*}
   * (UTF-8, percent-encoded), which every current browser prefers.
   */
  static String attachment(String name) {
    StringBuilder ascii = new StringBuilder();
    StringBuilder encoded = new StringBuilder();
    name.codePoints()
        .forEach(
            c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$&+-.^_`|~".indexOf(c) >= 0;
      if (plain) encoded.append((char) c);
      else encoded.append('%').append(String.format(Locale.ROOT, "%02X", c));
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }

  /** The bytes to send: from {@code start}, {@code length} of them. */
  record Part(long start, long length) {}

  /** A {@code Range} that no part of the upload satisfies: answered 416. */
  static final class Unsatisfiable extends Exception {
    Unsatisfiable() {
      super(null, null, false, false);
    }
  }

  /**
   * The part a {@code Range} header asks of an upload of {@code size} bytes, or null for all of it
   * (no header, another unit, or several ranges, which a server may answer whole). One range of
   * bytes: {@code first-last}, {@code first-} or {@code -suffix}.
   *
   * @throws Unsatisfiable for a range that is malformed, backwards or starts past the end
   */
  static Part range(String header, long size) throws Unsatisfiable {
    if (header == null) return null;
    String h = header.strip();
    if (!h.regionMatches(true, 0, "bytes=", 0, 6)) return null;
    String spec = h.substring(6).strip();
    if (spec.indexOf(',') >= 0) return null;
    int dash = spec.indexOf('-');
    if (dash < 0) throw new Unsatisfiable();
    String first = spec.substring(0, dash).strip();
    String last = spec.substring(dash + 1).strip();
    if (first.isEmpty()) {
      long suffix = number(last);
      if (suffix == 0 || size == 0) throw new Unsatisfiable();
      long start = Math.max(0, size - suffix);
      return new Part(start, size - start);
    }
    long start = number(first);
    long end = last.isEmpty() ? size - 1 : number(last);
    if (end < start || start >= size) throw new Unsatisfiable();
    end = Math.min(end, size - 1);
    return new Part(start, end - start + 1);
  }

  private static long number(String digits) throws Unsatisfiable {
    if (digits.isEmpty() || digits.length() > 18) throw new Unsatisfiable();
    for (int i = 0; i < digits.length(); i++)
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') throw new Unsatisfiable();
    return Long.parseLong(digits);
  }
}
