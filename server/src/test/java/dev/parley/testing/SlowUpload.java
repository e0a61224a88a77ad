package dev.parley.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An upload made by hand on a socket of its own, sent as slowly as a test likes: the request head
 * with a declared length, then body bytes whenever {@link #send} is called. For attacks that hold
 * an upload open (trickling a byte now and then, or going silent), and to see what the server
 * answers and when.
 */
public final class SlowUpload implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final ByteArrayOutputStream answer = new ByteArrayOutputStream();

  private SlowUpload(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
  }

  /**
   * Opens a connection to {@code port} and sends the head of a {@code POST /api/uploads} of {@code
   * length} bytes.
   */
  public static SlowUpload start(int port, String token, long length) {
    return start(port, token, length, false);
  }

  /**
   * The same; with {@code expectContinue}, the head asks for {@code 100 Continue} before the body.
   */
  public static SlowUpload start(int port, String token, long length, boolean expectContinue) {
    try {
      Socket s = new Socket("127.0.0.1", port);
      s.setTcpNoDelay(true);
      SlowUpload up = new SlowUpload(s);
      String head =
          "POST /api/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
              + token
              + "\r\nContent-Type: image/png\r\nContent-Length: "
              + length
              + "\r\n"
              + (expectContinue ? "Expect: 100-continue\r\n" : "")
              + "\r\n";
      s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      return up;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@code bytes} of the body; false when the server has closed the connection. */
  public boolean send(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  /**
   * What the server has answered so far, reading for at most {@code wait} when nothing new has come
   * yet: "" when it has said nothing.
   */
  public String answer(Duration wait) {
    long end = System.nanoTime() + wait.toNanos();
    int before = answer.size();
    byte[] buf = new byte[4096];
    try {
      while (true) {
        long left = (end - System.nanoTime()) / 1_000_000;
        boolean got = answer.size() > before;
        if (left <= 0 || (got && in.available() == 0)) break;
        socket.setSoTimeout((int) Math.max(1, got ? Math.min(left, 50) : left));
        int n;
        try {
          n = in.read(buf);
        } catch (SocketTimeoutException quiet) {
          break;
        }
        if (n < 0) break;
        answer.write(buf, 0, n);
      }
    } catch (IOException reset) {
      // closed by the server: what came before stands
    }
    return answer.toString(StandardCharsets.ISO_8859_1);
  }

  /** Whether the server has said {@code 100 Continue}, waiting at most {@code wait}. */
  public boolean continued(Duration wait) {
    return answer(wait).startsWith("HTTP/1.1 100");
  }

  /**
   * The status of the final answer (after any {@code 100 Continue}), waiting at most {@code wait}
   * for it; 0 when there is none.
   */
  public int status(Duration wait) {
    long end = System.nanoTime() + wait.toNanos();
    while (true) {
      String a = answer.toString(StandardCharsets.ISO_8859_1);
      while (a.startsWith("HTTP/1.1 100") && a.contains("\r\n\r\n"))
        a = a.substring(a.indexOf("\r\n\r\n") + 4);
      if (a.length() >= 12 && !a.startsWith("HTTP/1.1 100"))
        return Integer.parseInt(a.substring(9, 12));
      long left = end - System.nanoTime();
      if (left <= 0) return 0;
      int size = answer.size();
      answer(Duration.ofNanos(left));
      if (answer.size() == size) return 0;
    }
  }

  /** The body of the final answer so far (JSON for an error). */
  public String body() {
    String a = answer.toString(StandardCharsets.ISO_8859_1);
    int last = a.lastIndexOf("\r\n\r\n");
    return last < 0 ? "" : a.substring(last + 4);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing
    }
  }
}
