package dev.parley.web.socket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A complete server-to-client WebSocket text frame (header and payload) in one buffer. Written
 * as a plain ByteBuf it passes the frame encoder untouched, so a frame sent to a thousand
 * members is framed once instead of a thousand times.
 */
final class TextFrames {

  private TextFrames() {}

  static ByteBuf encode(ByteBufAllocator alloc, byte[] payload) {
    int n = payload.length;
    int header = n < 126 ? 2 : n <= 0xFFFF ? 4 : 10;
    ByteBuf buf = alloc.directBuffer(header + n);
    buf.writeByte(0x81); // FIN + text
    if (n < 126) {
      buf.writeByte(n);
    } else if (n <= 0xFFFF) {
      buf.writeByte(126);
      buf.writeShort(n);
    } else {
      buf.writeByte(127);
      buf.writeLong(n);
    }
    buf.writeBytes(payload);
    return buf;
  }
}
