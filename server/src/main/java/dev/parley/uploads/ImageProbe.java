package dev.parley.uploads;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Tells what an upload is from its first bytes and reads its size from its headers, without
 * decoding a pixel: the server never trusts a file name or a Content-Type, and never spends memory
 * on an image it only stores. Sizes are the ones people see: a JPEG whose EXIF orientation turns it
 * a quarter has its width and height swapped, as browsers show it.
 *
 * <p>The server does not decode, but every viewer's browser does, so the probe bounds what a file
 * makes them decode: at most {@link #MAX_SIDE} a side and {@link #MAX_PIXELS} on the canvas, every
 * frame of a GIF included (a frame may be larger than the screen it declares), and pixels in
 * proportion to the bytes sent ({@link #pixelBudget}): a compressed stream of a few kilobytes can
 * declare tens of megapixels, which costs each viewer 4 bytes a pixel. And it reads on past the
 * header to the start of the image data, which must be there: a valid header alone is not an image
 * ({@link Refused#BAD_IMAGE}).
 */
public final class ImageProbe {

  /**
   * More pixels than this is refused: a small file can declare a canvas that takes gigabytes to
   * decode.
   */
  public static final long MAX_PIXELS = 50_000_000L;

  /** Longest side accepted, in pixels. */
  public static final int MAX_SIDE = 20_000;

  /**
   * Pixels any image may have whatever its size (a 5K screenshot of an empty desktop is 14.7
   * megapixels in a few hundred kilobytes, and legitimate).
   */
  public static final long FREE_PIXELS = 16_000_000L;

  /**
   * Beyond {@link #FREE_PIXELS}, each byte of the file buys this many pixels. Photographs take 1 to
   * 4 pixels a byte, screenshots up to about 30; a deflate or LZW bomb 300 to several thousand. So
   * a 49-megapixel image needs 330 KB, and what a viewer's browser must decode beyond the free part
   * stays within 400 bytes of memory for each byte the uploader spent of their quota.
   */
  public static final long PIXELS_PER_BYTE = 100;

  /**
   * EXIF is read from at most this much of an APP1 segment (a segment is at most 64 KiB anyway).
   */
  private static final int MAX_EXIF_BYTES = 64 * 1024;

  private ImageProbe() {}

  /** The image types Parley stores, with their media type and the extension of their URL. */
  public enum Type {
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    GIF("image/gif", "gif"),
    WEBP("image/webp", "webp");

    public final String mediaType;
    public final String extension;

    Type(String mediaType, String extension) {
      this.mediaType = mediaType;
      this.extension = extension;
    }

    /** The type whose URL extension is {@code ext}, or null. */
    public static Type ofExtension(String ext) {
      for (Type t : values()) if (t.extension.equals(ext)) return t;
      return null;
    }
  }

  /** What the header says: the type, and the width and height as displayed. */
  public record Info(Type type, int width, int height) {}

  /** The bytes are not an image Parley takes; {@code code} is the error code for the client. */
  public static final class Refused extends Exception {
    public static final String NOT_AN_IMAGE = "unsupported_type";
    public static final String TOO_MANY_PIXELS = "too_many_pixels";

    /**
     * A header of a known type, but no image after it (or an image that ends where its data should
     * start).
     */
    public static final String BAD_IMAGE = "bad_image";

    private final String code;

    Refused(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /**
   * Reads {@code in}, a file of {@code size} bytes, as far as the start of its image data (all of
   * it for a GIF, whose frames are each checked).
   */
  public static Info probe(InputStream in, long size) throws IOException, Refused {
    Reader r = new Reader(in);
    try {
      byte[] head = r.peek(12);
      if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return png(r, size);
      if (startsWith(head, 0xFF, 0xD8, 0xFF)) return jpeg(r, size);
      if (startsWith(head, 'G', 'I', 'F', '8')
          && (head[4] == '7' || head[4] == '9')
          && head[5] == 'a') {
        return GifFrames.read(r, size);
      }
      if (startsWith(head, 'R', 'I', 'F', 'F') && ascii(head, 8, 4).equals("WEBP"))
        return webp(r, size);
      throw notAnImage("This is not a PNG, JPEG, GIF or WebP image.");
    } catch (EOFException e) {
      if (r.pastHeader) throw badImage("The image ends before its image data.");
      throw notAnImage("The image ends before its header does.");
    }
  }

  /**
   * The pixels a file of {@code size} bytes may have decoded from it: {@link #FREE_PIXELS}, plus
   * {@link #PIXELS_PER_BYTE} for each byte.
   */
  static long pixelBudget(long size) {
    return FREE_PIXELS + PIXELS_PER_BYTE * Math.max(0, size);
  }

  /**
   * Refuses a canvas with a side or an area over the limits, or more pixels than its file's size
   * pays for.
   */
  static Info checked(Info info, long size) throws Refused {
    if (info.width() < 1 || info.height() < 1)
      throw notAnImage("The image declares an empty size.");
    checkCanvas(info.width(), info.height());
    checkBudget(
        (long) info.width() * info.height(),
        size,
        info.width() + " × " + info.height() + " pixels");
    return info;
  }

  static void checkCanvas(long width, long height) throws Refused {
    if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
      throw new Refused(
          Refused.TOO_MANY_PIXELS,
          String.format(
              "The image declares %d × %d pixels; the most accepted is %d pixels a side and %d megapixels.",
              width, height, MAX_SIDE, MAX_PIXELS / 1_000_000));
    }
  }

  static void checkBudget(long pixels, long size, String what) throws Refused {
    long budget = pixelBudget(size);
    if (pixels > budget) {
      throw new Refused(
          Refused.TOO_MANY_PIXELS,
          String.format(
              "The image declares %s in only %d KB: a file this small may have at most %.1f megapixels.",
              what, Math.max(1, size / 1000), budget / 1_000_000.0));
    }
  }

  /**
   * Signature (8), then the first chunk's length (4) and type (4): IHDR, 13 bytes long. Then the
   * chunks up to the first IDAT, whose bytes must all be there and not be none.
   */
  private static Info png(Reader r, long size) throws IOException, Refused {
    byte[] chunk = r.bytes(16);
    if (!ascii(chunk, 8, 8).equals("\0\0\0\rIHDR"))
      throw notAnImage("The PNG does not start with its IHDR chunk.");
    long width = r.u32be();
    long height = r.u32be();
    r.pastHeader = true;
    Info info = checked(new Info(Type.PNG, clamp(width), clamp(height)), size);
    r.skip(5 + 4); // the rest of IHDR, its CRC
    while (true) {
      long length = r.u32be();
      String type = ascii(r.bytes(4), 0, 4);
      if (length > Integer.MAX_VALUE) throw badImage("The PNG has a broken chunk.");
      if (type.equals("IDAT") && length > 0) {
        r.skip(length);
        return info;
      }
      if (type.equals("IEND")) throw badImage("The PNG has no image data.");
      r.skip(length + 4);
    }
  }

  /**
   * After the RIFF header (12 bytes), the first chunk says which of the three WebP formats this is;
   * an extended one (VP8X) is followed by its image or its animation frames. The first image's
   * chunk must hold more than its header.
   */
  private static Info webp(Reader r, long size) throws IOException, Refused {
    r.skip(12);
    String chunk = ascii(r.bytes(4), 0, 4);
    long length = r.u32le();
    switch (chunk) {
      case "VP8 ", "VP8L" -> {
        Info info = webpImage(r, chunk, length);
        r.pastHeader = true;
        checked(info, size);
        imageData(r, length - (chunk.equals("VP8 ") ? VP8_HEADER : VP8L_HEADER));
        return info;
      }
      case "VP8X" -> {
        if (length < 10) throw notAnImage("The extended WebP header is too short.");
        r.skip(4); // flags and reserved bits
        int width = r.u24le() + 1;
        int height = r.u24le() + 1;
        r.pastHeader = true;
        Info info = checked(new Info(Type.WEBP, width, height), size);
        r.skip(padded(length) - 10);
        webpFirstImage(r);
        return info;
      }
      default -> throw notAnImage("The WebP has no VP8, VP8L or VP8X chunk first.");
    }
  }

  private static final int VP8_HEADER = 10;
  private static final int VP8L_HEADER = 5;

  /** An animation frame's own header, before the image chunk it holds. */
  private static final int ANMF_HEADER = 16;

  /** Reads the size of a VP8 or VP8L image from the start of its chunk. */
  private static Info webpImage(Reader r, String chunk, long length) throws IOException, Refused {
    if (chunk.equals("VP8 ")) {
      byte[] frame = r.bytes(VP8_HEADER);
      if ((frame[0] & 1) != 0) throw notAnImage("The WebP does not start with a key frame.");
      if ((frame[3] & 0xFF) != 0x9D || (frame[4] & 0xFF) != 0x01 || (frame[5] & 0xFF) != 0x2A) {
        throw notAnImage("The WebP frame has no start code.");
      }
      int width = ((frame[6] & 0xFF) | (frame[7] & 0xFF) << 8) & 0x3FFF;
      int height = ((frame[8] & 0xFF) | (frame[9] & 0xFF) << 8) & 0x3FFF;
      return new Info(Type.WEBP, width, height);
    }
    if (r.u8() != 0x2F) throw notAnImage("The lossless WebP has no signature.");
    long bits = r.u32le();
    if ((bits >>> 29) != 0) throw notAnImage("The lossless WebP has an unknown version.");
    int width = (int) (bits & 0x3FFF) + 1;
    int height = (int) ((bits >>> 14) & 0x3FFF) + 1;
    return new Info(Type.WEBP, width, height);
  }

  /** After VP8X: the chunks (ICCP, ANIM, EXIF...) up to the image, or the first animation frame. */
  private static void webpFirstImage(Reader r) throws IOException, Refused {
    while (true) {
      String chunk = ascii(r.bytes(4), 0, 4);
      long length = r.u32le();
      if (chunk.equals("VP8 ") || chunk.equals("VP8L")) {
        webpImage(r, chunk, length);
        imageData(r, length - (chunk.equals("VP8 ") ? VP8_HEADER : VP8L_HEADER));
        return;
      }
      if (chunk.equals("ANMF")) {
        imageData(r, length - ANMF_HEADER - 8);
        return;
      }
      r.skip(padded(length));
    }
  }

  /**
   * The image data of {@code length} bytes that must follow a header: none, or fewer than declared,
   * is no image.
   */
  private static void imageData(Reader r, long length) throws IOException, Refused {
    if (length <= 0) throw badImage("The image has a header but no image data.");
    r.skip(length);
  }

  /** RIFF chunks are padded to an even length. */
  private static long padded(long length) {
    return length + (length & 1);
  }

  /**
   * Walks the segments after SOI up to the frame header (SOF), noting the EXIF orientation on the
   * way, then on to the start of the scan (SOS), which must be followed by image data. Markers
   * without a length (RSTn, TEM) are skipped; scan data before a frame header means a broken file.
   */
  private static Info jpeg(Reader r, long size) throws IOException, Refused {
    r.skip(2); // SOI
    int marker = nextMarker(r);
    int orientation = 1;
    Info info = null;
    while (true) {
      while (marker == 0xFF) marker = r.u8(); // fill bytes
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        marker = nextMarker(r);
        continue;
      }
      if (info == null && (marker == 0xD9 || marker == 0xDA)) {
        throw notAnImage("The JPEG has no frame header before its image data.");
      }
      if (marker == 0xD9) throw badImage("The JPEG ends before its image data.");
      int length = r.u16be();
      if (length < 2) throw notAnImage("The JPEG has a broken segment.");
      if (marker == 0xDA) {
        r.skip(length - 2);
        r.u8(); // the first byte of the scan: there is image data
        return info;
      }
      if (info == null && isStartOfFrame(marker)) {
        if (length < 7) throw notAnImage("The JPEG frame header is too short.");
        r.skip(1); // sample precision
        int height = r.u16be();
        int width = r.u16be();
        if (height == 0)
          throw notAnImage("The JPEG does not declare its height in its frame header.");
        boolean quarterTurn = orientation >= 5 && orientation <= 8;
        r.pastHeader = true;
        info =
            checked(
                new Info(Type.JPEG, quarterTurn ? height : width, quarterTurn ? width : height),
                size);
        r.skip(length - 7);
      } else if (info == null && marker == 0xE1 && orientation == 1 && length >= 8) {
        byte[] segment = r.bytes(Math.min(length - 2, MAX_EXIF_BYTES));
        r.skip(length - 2 - segment.length);
        orientation = ExifOrientation.of(segment);
      } else {
        r.skip(length - 2);
      }
      marker = nextMarker(r);
    }
  }

  private static int nextMarker(Reader r) throws IOException, Refused {
    if (r.u8() != 0xFF) throw notAnImage("The JPEG has a broken segment.");
    return r.u8();
  }

  private static boolean isStartOfFrame(int m) {
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
  }

  static int clamp(long side) {
    return (int) Math.min(side, Integer.MAX_VALUE);
  }

  private static boolean startsWith(byte[] b, int... prefix) {
    if (b.length < prefix.length) return false;
    for (int i = 0; i < prefix.length; i++) if ((b[i] & 0xFF) != prefix[i]) return false;
    return true;
  }

  static String ascii(byte[] b, int from, int length) {
    return new String(b, from, length, StandardCharsets.ISO_8859_1);
  }

  static Refused notAnImage(String message) {
    return new Refused(Refused.NOT_AN_IMAGE, message);
  }

  static Refused badImage(String message) {
    return new Refused(Refused.BAD_IMAGE, message);
  }

  /** Big- and little-endian reads that fail with EOFException at the end of the stream. */
  static final class Reader {
    private final BufferedInputStream in;

    /**
     * The size is read: an end of the stream from here on is a missing image, not a broken header.
     */
    boolean pastHeader;

    Reader(InputStream in) {
      this.in = new BufferedInputStream(in, 8192);
    }

    /** The first {@code n} bytes, left unread. */
    byte[] peek(int n) throws IOException {
      in.mark(n);
      byte[] b = in.readNBytes(n);
      in.reset();
      if (b.length < n) throw new EOFException();
      return b;
    }

    byte[] bytes(int n) throws IOException {
      byte[] b = in.readNBytes(n);
      if (b.length < n) throw new EOFException();
      return b;
    }

    int u8() throws IOException {
      int b = in.read();
      if (b < 0) throw new EOFException();
      return b;
    }

    int u16be() throws IOException {
      return u8() << 8 | u8();
    }

    long u32be() throws IOException {
      return (long) u16be() << 16 | u16be();
    }

    int u16le() throws IOException {
      return u8() | u8() << 8;
    }

    int u24le() throws IOException {
      return u8() | u8() << 8 | u8() << 16;
    }

    long u32le() throws IOException {
      return u8() | u8() << 8 | u8() << 16 | (long) u8() << 24;
    }

    void skip(long n) throws IOException {
      in.skipNBytes(n);
    }
  }
}
