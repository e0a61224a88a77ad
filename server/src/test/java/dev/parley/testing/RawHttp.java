package dev.parley.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP as an attacker (or a proxy) writes it, for the guard tests: any {@code Host}, any forwarding
 * header, from any loopback source address (127.0.0.2 is another client than 127.0.0.1 to the
 * server), or a socket that sends nothing at all. The JDK's client refuses to set {@code Host} and
 * cannot pick its source address on Java 17, so this writes the bytes.
 */
public final class RawHttp {

  /** How long a read waits before the test calls the server silent. */
  public static final int READ_TIMEOUT_MILLIS = 5000;

  private RawHttp() {}

  /** A response head and its body (as far as {@code Content-Length} says, or up to the close). */
  public record Response(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** A socket to {@code port} on 127.0.0.1 from the loopback address {@code from}, nothing sent. */
  public static Socket open(String from, int port) {
    Socket s = new Socket();
    try {
      s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      s.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
      s.setSoTimeout(READ_TIMEOUT_MILLIS);
      return s;
    } catch (IOException e) {
      try {
        s.close();
      } catch (IOException ignored) {
        // nothing to close
      }
      throw new UncheckedIOException("could not connect from " + from + " to port " + port, e);
    }
  }

  /** A GET of {@code path} with these headers (add {@code Host} yourself: it is not implied). */
  public static String get(String path, Map<String, String> headers) {
    StringBuilder b = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
    headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
    return b.append("Connection: close\r\n\r\n").toString();
  }

  /** A WebSocket handshake at {@code /ws} with these headers besides the upgrade's own. */
  public static String handshake(Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Upgrade", "websocket");
    all.put("Connection", "Upgrade");
    all.put("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
    all.put("Sec-WebSocket-Version", "13");
    StringBuilder b = new StringBuilder("GET /ws HTTP/1.1\r\n");
    all.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
    return b.append("\r\n").toString();
  }

  /** Sends {@code request} from 127.0.0.1 and reads the answer. */
  public static Response exchange(int port, String request) {
    return exchange("127.0.0.1", port, request);
  }

  /** Sends {@code request} from the loopback address {@code from} and reads the answer. */
  public static Response exchange(String from, int port, String request) {
    try (Socket s = open(from, port)) {
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      return read(s.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one response: its head, then a body of {@code Content-Length} bytes (none for a 101). */
  public static Response read(InputStream in) throws IOException {
    String head = readHead(in);
    String[] lines = head.split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status = Integer.parseInt(statusLine[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0)
        headers.put(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
    }
    String body = "";
    String length = headers.get("content-length");
    if (length != null) {
      body = new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
    }
    return new Response(status, headers, body);
  }

  /**
   * Whether the server closed {@code socket} (end of stream or a reset) within {@code millis},
   * reading and dropping anything it sent first.
   */
  public static boolean closedByServer(Socket socket, long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000;
    try {
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[4096];
      while (System.nanoTime() - deadline < 0) {
        socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        try {
          if (in.read(buf) < 0) return true;
        } catch (SocketTimeoutException e) {
          return false;
        }
      }
      return false;
    } catch (IOException e) {
      return true; // reset by the server
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0)
        throw new EOFException(
            "connection closed before a response head: "
                + head.toString(StandardCharsets.ISO_8859_1));
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }
}
