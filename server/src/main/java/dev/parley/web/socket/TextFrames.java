package dev.parley.web.socket;

/**
 * A complete server-to-client WebSocket text frame (header and payload) as bytes. Framed once per
 * event, these bytes are copied as they are into each member's outgoing buffer, below the frame
 * encoder: a frame sent to a thousand members is framed once, not a thousand times.
 */
final class TextFrames {

  private TextFrames() {}

  static byte[] frame(byte[] payload) {
    int n = payload.length;
    int header = n < 126 ? 2 : n <= 0xFFFF ? 4 : 10;
    byte[] frame = new byte[header + n];
    frame[0] = (byte) 0x81; // FIN + text
    if (n < 126) {
      frame[1] = (byte) n;
    } else if (n <= 0xFFFF) {
      frame[1] = 126;
      frame[2] = (byte) (n >>> 8);
      frame[3] = (byte) n;
    } else {
      frame[1] = 127;
      for (int i = 0; i < 8; i++) frame[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
    }
    System.arraycopy(payload, 0, frame, header, n);
    return frame;
  }
}
