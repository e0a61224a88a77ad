package dev.parley.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Small real images for upload tests: PNG, JPEG and GIF drawn and encoded by the JDK's ImageIO,
 * WebP headers of each kind (VP8, VP8L, VP8X) built byte by byte (the JDK has no WebP writer, and
 * the server reads only the header), and the hostile variants: a PNG declaring an absurd canvas, a
 * JPEG with an EXIF orientation.
 */
public final class TestImages {

  private TestImages() {}

  /**
   * A {@code width}×{@code height} picture in {@code format} ("png", "jpg", "gif"); {@code seed}
   * varies its content.
   */
  public static byte[] encoded(String format, int width, int height, int seed) {
    BufferedImage img =
        new BufferedImage(
            width,
            height,
            format.equals("jpg") || format.equals("bmp")
                ? BufferedImage.TYPE_INT_RGB
                : BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(0x3366CC ^ (seed * 0x10101)));
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(0xFFCC33 ^ seed));
    g.fillOval(width / 4, height / 4, Math.max(1, width / 2), Math.max(1, height / 2));
    g.dispose();
    if (format.equals("gif")) {
      BufferedImage indexed = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED);
      indexed.createGraphics().drawImage(img, 0, 0, null);
      img = indexed;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, format.equals("jpg") ? "jpeg" : format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static byte[] png(int width, int height) {
    return encoded("png", width, height, 0);
  }

  public static byte[] jpeg(int width, int height) {
    return encoded("jpg", width, height, 0);
  }

  public static byte[] gif(int width, int height) {
    return encoded("gif", width, height, 0);
  }

  /**
   * A PNG signature and a well-formed IHDR chunk (with its CRC) declaring {@code width}×{@code
   * height}, then one tiny IDAT and IEND: a file of a few dozen bytes that claims any canvas.
   */
  public static byte[] pngDeclaring(long width, long height) {
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt((int) width)
        .putInt((int) height)
        .put((byte) 8)
        .put((byte) 6)
        .put((byte) 0)
        .put((byte) 0)
        .put((byte) 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    chunk(out, "IHDR", ihdr.array());
    chunk(
        out,
        "IDAT",
        new byte[] {0x78, 0x01, 0x01, 0x00, 0x00, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 1});
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /**
   * {@code jpeg} with an APP1 EXIF segment holding {@code orientation}, right after SOI (as cameras
   * write it).
   */
  public static byte[] withExifOrientation(byte[] jpeg, int orientation, boolean bigEndian) {
    ByteBuffer tiff =
        ByteBuffer.allocate(26).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    tiff.put(bigEndian ? (byte) 'M' : (byte) 'I').put(bigEndian ? (byte) 'M' : (byte) 'I');
    tiff.putShort((short) 42).putInt(8); // IFD0 right after the header
    tiff.putShort((short) 1); // one entry
    tiff.putShort((short) 0x0112)
        .putShort((short) 3)
        .putInt(1)
        .putShort((short) orientation)
        .putShort((short) 0);
    tiff.putInt(0); // no next IFD
    byte[] exif = new byte[6 + tiff.capacity()];
    System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
    System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xFF);
    out.write(0xD8);
    out.write(0xFF);
    out.write(0xE1);
    int length = exif.length + 2;
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.writeBytes(exif);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /**
   * A lossy WebP (VP8 key frame header) of {@code width}×{@code height}, padded with frame bytes.
   */
  public static byte[] webpLossy(int width, int height) {
    ByteBuffer vp8 = le(30);
    vp8.put((byte) 0x10)
        .put((byte) 0x02)
        .put((byte) 0x00); // frame tag: key frame, version 0, shown
    vp8.put((byte) 0x9D).put((byte) 0x01).put((byte) 0x2A); // start code
    vp8.putShort((short) width).putShort((short) height); // scale bits 0
    return riff("VP8 ", vp8.array());
  }

  /** A lossless WebP (VP8L header) of {@code width}×{@code height}. */
  public static byte[] webpLossless(int width, int height) {
    ByteBuffer vp8l = le(20);
    vp8l.put((byte) 0x2F);
    vp8l.putInt((width - 1) | (height - 1) << 14); // alpha 0, version 0
    return riff("VP8L", vp8l.array());
  }

  /** An extended WebP (VP8X canvas header, then a VP8L image) of {@code width}×{@code height}. */
  public static byte[] webpExtended(int width, int height) {
    ByteBuffer vp8x = le(10);
    vp8x.put((byte) 0x10).put(new byte[3]); // alpha flag, reserved
    put24(vp8x, width - 1);
    put24(vp8x, height - 1);
    byte[] inner = webpLossless(width, height);
    byte[] image = java.util.Arrays.copyOfRange(inner, 12, inner.length); // its VP8L chunk
    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    chunks.writeBytes(vp8x.array());
    chunks.writeBytes(image);
    return riffChunks("VP8X", chunks.toByteArray());
  }

  private static void put24(ByteBuffer b, int v) {
    b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static byte[] riff(String fourcc, byte[] payload) {
    return riffChunks(fourcc, payload);
  }

  /**
   * RIFF/WEBP around a first chunk {@code fourcc} whose payload starts {@code body} (further chunks
   * may follow in it).
   */
  private static byte[] riffChunks(String fourcc, byte[] body) {
    int firstLength = fourcc.equals("VP8X") ? 10 : body.length;
    ByteBuffer b = le(20 + body.length);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + body.length);
    b.put("WEBP".getBytes(StandardCharsets.US_ASCII));
    b.put(fourcc.getBytes(StandardCharsets.US_ASCII)).putInt(firstLength);
    b.put(body);
    return b.array();
  }
}
