package dev.parley.links;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 GET to an address already checked ({@link dev.parley.domain.PublicAddress}): the
 * socket connects to that address, never to the name again, so a name that resolves to a public
 * address for the check and a private one a moment later (DNS rebinding) gains nothing. TLS checks
 * the certificate against the name. Everything read is bounded by a deadline (every read waits at
 * most what is left of it, so a site that drips a byte at a time is cut off at the deadline) and by
 * a byte count. No cookies, no proxy, no compression, one request per connection.
 */
final class Http1 {
  private static final int MAX_HEAD_BYTES = 32 * 1024;

  /**
   * An answer.
   *
   * @param status its status code
   * @param headers its headers, names in lower case (the last of repeated ones)
   * @param body at most the limit asked for
   * @param truncated whether the body went on past the limit
   */
  record Response(int status, Map<String, String> headers, byte[] body, boolean truncated) {
    String header(String name) {
      return headers.get(name);
    }
  }

  private Http1() {}

  static Response get(
      InetAddress address,
      URI uri,
      int port,
      String accept,
      long deadlineNanos,
      int maxBody,
      boolean headersOnly)
      throws IOException {
    boolean tls = "https".equals(uri.getScheme());
    String host = uri.getHost();
    try (Socket plain = new Socket(Proxy.NO_PROXY)) {
      plain.connect(new InetSocketAddress(address, port), millisLeft(deadlineNanos));
      Socket s = plain;
      if (tls) {
        SSLSocket ssl;
        try {
          ssl =
              (SSLSocket)
                  SSLContext.getDefault().getSocketFactory().createSocket(plain, host, port, true);
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new IOException("no TLS", e);
        }
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.startsWith("[") && !Character.isDigit(host.charAt(host.length() - 1)))
          params.setServerNames(java.util.List.of(new SNIHostName(host)));
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(millisLeft(deadlineNanos));
        ssl.startHandshake();
        s = ssl;
      }
      try (Socket io = s) {
        OutputStream out = io.getOutputStream();
        out.write(request(uri, port, tls, accept).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = new Deadline(io, deadlineNanos);
        int status = statusLine(line(in));
        Map<String, String> headers = headers(in);
        if (headersOnly || status < 200 || status == 204 || status == 304 || status >= 300)
          return new Response(status, headers, new byte[0], false);
        return body(in, headers, status, maxBody);
      }
    }
  }

  private static String request(URI uri, int port, boolean tls, String accept) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) path += "?" + uri.getRawQuery();
    String host = uri.getHost();
    boolean defaultPort = port == (tls ? 443 : 80);
    return "GET "
        + path
        + " HTTP/1.1\r\nHost: "
        + host
        + (defaultPort ? "" : ":" + port)
        + "\r\nUser-Agent: Parley link preview\r\nAccept: "
        + accept
        + "\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n";
  }

  private static int statusLine(String line) throws IOException {
    String[] parts = line.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1."))
      throw new IOException("not an HTTP/1 answer");
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("no status code");
    }
  }

  private static Map<String, String> headers(InputStream in) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    int total = 0;
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      total += line.length();
      if (total > MAX_HEAD_BYTES) throw new IOException("headers too long");
      int colon = line.indexOf(':');
      if (colon <= 0) continue;
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    return headers;
  }

  private static Response body(InputStream in, Map<String, String> headers, int status, int max)
      throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(max, 64 * 1024));
    boolean truncated;
    String encoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
    if (encoding.contains("chunked")) {
      truncated = false;
      while (true) {
        String size = line(in);
        int semi = size.indexOf(';');
        long n;
        try {
          n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
        } catch (NumberFormatException e) {
          throw new IOException("a bad chunk size");
        }
        if (n == 0) break;
        if (body.size() + n > max) {
          copy(in, body, max - body.size());
          truncated = true;
          break;
        }
        copy(in, body, n);
        line(in);
      }
    } else {
      String length = headers.get("content-length");
      long declared = -1;
      if (length != null) {
        try {
          declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
          throw new IOException("a bad Content-Length");
        }
      }
      long want = declared < 0 ? max + 1L : Math.min(declared, max + 1L);
      long got = copyUpTo(in, body, want);
      truncated = got > max || (declared > max);
      if (got > max) {
        byte[] all = body.toByteArray();
        return new Response(status, headers, java.util.Arrays.copyOf(all, max), true);
      }
    }
    return new Response(status, headers, body.toByteArray(), truncated);
  }

  private static void copy(InputStream in, ByteArrayOutputStream out, long n) throws IOException {
    if (copyUpTo(in, out, n) < n) throw new IOException("the answer ended early");
  }

  private static long copyUpTo(InputStream in, ByteArrayOutputStream out, long n)
      throws IOException {
    byte[] buf = new byte[8192];
    long done = 0;
    while (done < n) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n - done));
      if (r < 0) break;
      out.write(buf, 0, r);
      done += r;
    }
    return done;
  }

  /** A line of the head, without its CRLF; bounded. */
  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    while (true) {
      int c = in.read();
      if (c < 0) throw new IOException("the answer ended early");
      if (c == '\n') break;
      if (c != '\r') b.append((char) c);
      if (b.length() > 8192) throw new IOException("a line too long");
    }
    return b.toString();
  }

  static int millisLeft(long deadlineNanos) throws SocketTimeoutException {
    long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
    if (left <= 0) throw new SocketTimeoutException("out of time");
    return (int) Math.min(Integer.MAX_VALUE, left);
  }

  /** A socket's input whose every read waits at most until the deadline. */
  private static final class Deadline extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private final long deadlineNanos;

    Deadline(Socket socket, long deadlineNanos) throws IOException {
      this.socket = socket;
      this.in = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
      this.deadlineNanos = deadlineNanos;
    }

    @Override
    public int read() throws IOException {
      socket.setSoTimeout(millisLeft(deadlineNanos));
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      socket.setSoTimeout(millisLeft(deadlineNanos));
      return in.read(b, off, len);
    }
  }
}
