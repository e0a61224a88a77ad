package dev.parley.web.socket;

import dev.parley.domain.Out;
import dev.parley.json.WireJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;

/**
 * A complete server-to-client WebSocket text frame (header and payload) as bytes. Framed once per
 * event, these bytes are copied as they are into each member's outgoing buffer, below the frame
 * encoder: a frame sent to a thousand members is framed once, not a thousand times. A reply to one
 * connection is written straight into a pooled buffer instead ({@link #encode}).
 */
final class TextFrames {

  /** The longest header: 2 bytes and a 64-bit length. */
  private static final int MAX_HEADER = 10;

  private TextFrames() {}

  static byte[] frame(byte[] payload) {
    int n = payload.length;
    byte[] frame = new byte[headerLength(n) + n];
    int header = header(n, frame);
    System.arraycopy(payload, 0, frame, header, n);
    return frame;
  }

  /**
   * One connection's frame encoded into a buffer from {@code alloc}, its header put in front once
   * the length is known. Why: a welcome lists everyone online (a megabyte at 10,000 people), and
   * encoding it into an array, copying that and framing the copy made four times its size in
   * garbage per hello, most of a node's allocation while people arrive (run 28).
   */
  static ByteBuf encode(Out frame, ByteBufAllocator alloc) {
    ByteBuf buf = alloc.buffer(MAX_HEADER + WireJson.sizeGuess(frame));
    try {
      buf.writerIndex(MAX_HEADER);
      WireJson.encode(frame, new ByteBufOutputStream(buf));
      int n = buf.writerIndex() - MAX_HEADER;
      byte[] header = new byte[MAX_HEADER];
      int length = header(n, header);
      buf.setBytes(MAX_HEADER - length, header, 0, length);
      buf.readerIndex(MAX_HEADER - length);
      return buf;
    } catch (RuntimeException | Error e) {
      buf.release();
      throw e;
    }
  }

  private static int headerLength(int n) {
    return n < 126 ? 2 : n <= 0xFFFF ? 4 : MAX_HEADER;
  }

  /**
   * Writes the header of a final text frame of {@code n} bytes at the start; returns its length.
   */
  private static int header(int n, byte[] to) {
    to[0] = (byte) 0x81; // FIN + text
    if (n < 126) {
      to[1] = (byte) n;
    } else if (n <= 0xFFFF) {
      to[1] = 126;
      to[2] = (byte) (n >>> 8);
      to[3] = (byte) n;
    } else {
      to[1] = 127;
      for (int i = 0; i < 8; i++) to[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
    }
    return headerLength(n);
  }
}
