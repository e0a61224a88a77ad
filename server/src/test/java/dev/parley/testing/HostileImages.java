package dev.parley.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Image files built byte by byte to lie about themselves, as the audit of issue 14 found them: a
 * GIF whose frame is far larger than the screen it declares, a PNG whose few kilobytes declare tens
 * of megapixels, and files that are a valid header and nothing else. Each is otherwise well formed
 * (chunk CRCs, block terminators), so only the lie can refuse it.
 */
public final class HostileImages {

  private HostileImages() {}

  /** One frame of a GIF: where it sits on the screen and its size. */
  public record Frame(int left, int top, int width, int height) {}

  /**
   * A GIF89a declaring a {@code screenWidth}×{@code screenHeight} screen with {@code frames}, each
   * with a little LZW data (a decoder still has to paint the frame's whole rectangle).
   */
  public static byte[] gif(int screenWidth, int screenHeight, Frame... frames) {
    return gif(screenWidth, screenHeight, true, frames);
  }

  private static byte[] gif(int screenWidth, int screenHeight, boolean withData, Frame... frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
    le16(out, screenWidth);
    le16(out, screenHeight);
    out.write(0x80); // a global colour table of two entries
    out.write(0);
    out.write(0);
    out.writeBytes(new byte[] {0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
    for (Frame f : frames) {
      // a graphic control extension, as animations have
      out.writeBytes(new byte[] {0x21, (byte) 0xF9, 4, 0, 10, 0, 0, 0});
      out.write(0x2C);
      le16(out, f.left());
      le16(out, f.top());
      le16(out, f.width());
      le16(out, f.height());
      out.write(0);
      out.write(2); // LZW minimum code size
      // one data sub-block, then the terminator; or the terminator at once
      out.writeBytes(withData ? new byte[] {2, 0x4C, 0x01, 0} : new byte[] {0});
    }
    out.write(0x3B);
    return out.toByteArray();
  }

  /** A GIF that is its header, screen and colour table, then the trailer: not one frame. */
  public static byte[] gifWithoutFrames(int width, int height) {
    return gif(width, height);
  }

  /** A GIF whose one frame has its descriptor but no image data (the sub-blocks end at once). */
  public static byte[] gifFrameWithoutData(int width, int height) {
    return gif(width, height, false, new Frame(0, 0, width, height));
  }

  /**
   * A PNG of {@code width}×{@code height} whose image data is {@code idatBytes} bytes (random, as a
   * compressed stream looks): the file is that large, whatever the canvas it declares.
   */
  public static byte[] png(long width, long height, int idatBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    chunk(out, "IHDR", ihdr(width, height));
    byte[] data = new byte[idatBytes];
    new Random(idatBytes).nextBytes(data);
    chunk(out, "IDAT", data);
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /** A PNG that is its signature and IHDR and then ends, with or without an IEND after it. */
  public static byte[] pngHeaderOnly(int width, int height, boolean withEnd) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    chunk(out, "IHDR", ihdr(width, height));
    chunk(out, "tEXt", "Comment\0nothing to see".getBytes(StandardCharsets.ISO_8859_1));
    if (withEnd) chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /** A PNG whose only IDAT is empty. */
  public static byte[] pngEmptyData(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    chunk(out, "IHDR", ihdr(width, height));
    chunk(out, "IDAT", new byte[0]);
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /** {@code jpeg} cut just before its first start-of-scan marker: every header, no image data. */
  public static byte[] jpegHeaderOnly(byte[] jpeg) {
    return Arrays.copyOf(jpeg, startOfScan(jpeg));
  }

  /**
   * {@code jpeg} cut right after its first start-of-scan header: the scan announced, not one byte
   * of it.
   */
  public static byte[] jpegScanWithoutData(byte[] jpeg) {
    int sos = startOfScan(jpeg);
    int length = (jpeg[sos + 2] & 0xFF) << 8 | (jpeg[sos + 3] & 0xFF);
    return Arrays.copyOf(jpeg, sos + 2 + length);
  }

  private static int startOfScan(byte[] jpeg) {
    int at = 2;
    while (at + 4 <= jpeg.length) {
      if ((jpeg[at] & 0xFF) != 0xFF) throw new IllegalArgumentException("not a segment at " + at);
      int marker = jpeg[at + 1] & 0xFF;
      if (marker == 0xDA) return at;
      at += 2 + ((jpeg[at + 2] & 0xFF) << 8 | (jpeg[at + 3] & 0xFF));
    }
    throw new IllegalArgumentException("no start of scan");
  }

  /** A lossy WebP whose VP8 chunk is its 10-byte frame header and nothing more. */
  public static byte[] webpFrameHeaderOnly(int width, int height) {
    ByteBuffer vp8 = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
    vp8.put((byte) 0x10).put((byte) 0x02).put((byte) 0x00);
    vp8.put((byte) 0x9D).put((byte) 0x01).put((byte) 0x2A);
    vp8.putShort((short) width).putShort((short) height);
    return riff("VP8 ", vp8.array());
  }

  /** An extended WebP that is its VP8X canvas chunk alone: no image after it. */
  public static byte[] webpCanvasOnly(int width, int height) {
    ByteBuffer vp8x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
    vp8x.put((byte) 0x10).put(new byte[3]);
    vp8x.put((byte) (width - 1)).put((byte) ((width - 1) >> 8)).put((byte) ((width - 1) >> 16));
    vp8x.put((byte) (height - 1)).put((byte) ((height - 1) >> 8)).put((byte) ((height - 1) >> 16));
    return riff("VP8X", vp8x.array());
  }

  private static byte[] riff(String fourcc, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(20 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + payload.length);
    b.put("WEBP".getBytes(StandardCharsets.US_ASCII));
    b.put(fourcc.getBytes(StandardCharsets.US_ASCII)).putInt(payload.length);
    b.put(payload);
    return b.array();
  }

  private static byte[] ihdr(long width, long height) {
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt((int) width)
        .putInt((int) height)
        .put((byte) 8)
        .put((byte) 6)
        .put((byte) 0)
        .put((byte) 0)
        .put((byte) 0);
    return ihdr.array();
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

  private static void le16(ByteArrayOutputStream out, int v) {
    out.write(v & 0xFF);
    out.write((v >> 8) & 0xFF);
  }
}
