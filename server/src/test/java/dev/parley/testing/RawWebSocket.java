package dev.parley.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A WebSocket client on a bare socket, for what a well-behaved library will not do: stop reading
 * altogether (a slow reader), or read the server's frames one by one at the byte level. Only what
 * the tests need: the opening handshake, masked text frames out (one at a time, or a burst in one
 * write, as a flooding client sends them), frames in.
 */
public final class RawWebSocket implements AutoCloseable {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

  /** A frame from the server: its opcode and payload; for a close frame, {@link #closeCode()}. */
  public record Frame(int opcode, byte[] payload) {
    public static final int TEXT = 1;
    public static final int BINARY = 2;
    public static final int CLOSE = 8;
    public static final int PING = 9;
    public static final int PONG = 10;

    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    public int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
    }
  }

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = new DataInputStream(socket.getInputStream());
  }

  /**
   * Connects and completes the handshake at {@code /ws}.
   *
   * @param receiveBuffer the socket's receive buffer in bytes (small makes a slow reader fill up
   *     quickly), or 0 for the system default
   */
  public static RawWebSocket connect(int port, int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) socket.setReceiveBufferSize(receiveBuffer);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(5000);
    RawWebSocket ws = new RawWebSocket(socket);
    ws.handshake(port);
    return ws;
  }

  private void handshake(int port) throws IOException {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    String request =
        "GET /ws HTTP/1.1\r\n"
            + "Host: 127.0.0.1:"
            + port
            + "\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + Base64.getEncoder().encodeToString(nonce)
            + "\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String head = readHead(in);
    if (!head.startsWith("HTTP/1.1 101")) {
      throw new IOException("handshake refused: " + head.lines().findFirst().orElse(head));
    }
  }

  /** Reads the response head byte by byte, so that no frame bytes after it are consumed. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) throw new EOFException("connection closed during handshake");
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /** Sends one masked text frame. */
  public void sendText(String text) throws IOException {
    sendBytes(textFrame(text));
  }

  /**
   * Writes bytes as they are, in one write: several {@link #textFrame}s at once is a client that
   * pushes a burst without reading anything in between.
   */
  public void sendBytes(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** One masked client-to-server text frame, header included. */
  public static byte[] textFrame(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write(0x80 | Frame.TEXT);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8)
        frame.write((int) ((long) payload.length >>> shift) & 0xff);
    }
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    frame.write(mask, 0, 4);
    for (int i = 0; i < payload.length; i++) frame.write(payload[i] ^ mask[i % 4]);
    return frame.toByteArray();
  }

  /** Reads the next frame (unfragmented frames only); throws {@link EOFException} at the end. */
  public Frame readFrame() throws IOException {
    int b0 = in.readUnsignedByte();
    int b1 = in.readUnsignedByte();
    long len = b1 & 0x7f;
    if (len == 126) len = in.readUnsignedShort();
    else if (len == 127) len = in.readLong();
    byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
    byte[] payload = new byte[(int) len];
    in.readFully(payload);
    if (mask != null) for (int i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
    return new Frame(b0 & 0x0f, payload);
  }

  /**
   * Reads every frame up to and including a close frame. The list ends without a close frame when
   * the stream ended, was reset, or stalled for {@code timeoutMillis} before one came.
   */
  public List<Frame> readUntilClose(int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    List<Frame> frames = new ArrayList<>();
    try {
      while (true) {
        Frame f = readFrame();
        frames.add(f);
        if (f.opcode() == Frame.CLOSE) return frames;
      }
    } catch (IOException endOrReset) {
      return frames;
    }
  }

  /**
   * Reads and discards frames until a close frame or the end of the stream; returns the close
   * frame's code, or 1006 when the stream ended (or stalled for {@code timeoutMillis}) without one.
   */
  public int drainToClose(int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    try {
      while (true) {
        Frame f = readFrame();
        if (f.opcode() == Frame.CLOSE) return f.closeCode();
      }
    } catch (EOFException | SocketTimeoutException e) {
      return 1006;
    } catch (IOException e) {
      // a reset after the server gave up on us is an end of the stream too
      return 1006;
    }
  }

  /**
   * Reads and discards frames until a close frame (its code), the end of the stream (1006), or no
   * data for {@code quietMillis} while the connection stays open (-1).
   */
  public int readUntilQuiet(int quietMillis) throws IOException {
    socket.setSoTimeout(quietMillis);
    try {
      while (true) {
        Frame f = readFrame();
        if (f.opcode() == Frame.CLOSE) return f.closeCode();
      }
    } catch (SocketTimeoutException e) {
      return -1;
    } catch (IOException e) {
      return 1006;
    }
  }

  /** True once reading hits the end of the stream or a reset (consumes what is there). */
  public boolean isClosedByServer(int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    try {
      while (true) readFrame();
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
