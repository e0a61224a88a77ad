package dev.parley.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * HTTP requests to the upload endpoints as clients make them: a raw image body, a multipart form, a
 * body without a length (chunked), and a hand-written request line for paths an HTTP client would
 * tidy up. Answers come back with their status, headers and JSON body.
 */
public final class UploadRequests {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private UploadRequests() {}

  /** An answer: status, the raw response (headers), and the body parsed as JSON when it is JSON. */
  public record Answer(int status, HttpResponse<byte[]> response) {
    public JsonNode json() {
      return Json.parse(new String(response.body(), StandardCharsets.UTF_8));
    }

    public String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    public byte[] body() {
      return response.body();
    }
  }

  /** {@code POST /api/uploads} with {@code bytes} as the whole body. */
  public static Answer postRaw(URI uploads, String token, byte[] bytes, String contentType) {
    HttpRequest.Builder b =
        request(uploads, token).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    if (contentType != null) b.header("Content-Type", contentType);
    return send(b.build());
  }

  /** The same, with no Content-Length: the body goes chunked, so the server must count it. */
  public static Answer postChunked(URI uploads, String token, byte[] bytes) {
    HttpRequest req =
        request(uploads, token)
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
            .build();
    return send(req);
  }

  /**
   * {@code POST /api/uploads} as a browser form sends it: multipart, the image in field {@code
   * field}.
   */
  public static Answer postMultipart(
      URI uploads, String token, String field, String filename, String partType, byte[] bytes) {
    String boundary = "----parley-test-" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String note =
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n";
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + field
            + "\"; filename=\""
            + filename
            + "\"\r\nContent-Type: "
            + partType
            + "\r\n\r\n";
    body.writeBytes(note.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(bytes);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return postRaw(uploads, token, body.toByteArray(), "multipart/form-data; boundary=" + boundary);
  }

  public static Answer get(URI uri) {
    return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build());
  }

  /**
   * A GET with the token in the cookie {@code parley_token}, the way the web client's {@code <img>}
   * made it before the uploads had a credential of their own (it opens nothing now).
   */
  public static Answer getWithCookie(URI uri, String token) {
    return send(
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Cookie", "parley_token=" + token)
            .GET()
            .build());
  }

  /** A GET the way the web client's {@code <img>} makes it: the upload credential's cookie. */
  public static Answer getWithCredential(URI uri, String credential) {
    return send(
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Cookie", CREDENTIAL_COOKIE + "=" + credential)
            .GET()
            .build());
  }

  /** The name of the cookie that holds the upload credential. */
  public static final String CREDENTIAL_COOKIE = "parley_uploads";

  /**
   * {@code POST /uploads/credential} with {@code Authorization: Bearer token}: asks for the cookie.
   */
  public static Answer mintCredential(URI server, String token) {
    HttpRequest.Builder b =
        request(server.resolve("/uploads/credential"), token)
            .POST(HttpRequest.BodyPublishers.noBody());
    return send(b.build());
  }

  /** The same, from a browser that holds the credential {@code previous} already. */
  public static Answer mintCredential(URI server, String token, String previous) {
    HttpRequest.Builder b =
        request(server.resolve("/uploads/credential"), token)
            .POST(HttpRequest.BodyPublishers.noBody())
            .header("Cookie", CREDENTIAL_COOKIE + "=" + previous);
    return send(b.build());
  }

  /** {@code DELETE /uploads/credential} with the credential's cookie: signs the cookie out. */
  public static Answer revokeCredential(URI server, String credential) {
    return send(
        HttpRequest.newBuilder(server.resolve("/uploads/credential"))
            .timeout(TIMEOUT)
            .header("Cookie", CREDENTIAL_COOKIE + "=" + credential)
            .DELETE()
            .build());
  }

  /** The value a {@code Set-Cookie} header of {@code a} gives the cookie {@code name}, or null. */
  public static String cookie(Answer a, String name) {
    for (String h : a.response().headers().allValues("Set-Cookie")) {
      if (h.startsWith(name + "="))
        return h.substring(name.length() + 1, h.indexOf(';') < 0 ? h.length() : h.indexOf(';'));
    }
    return null;
  }

  /** The whole {@code Set-Cookie} header of {@code a} for the cookie {@code name}, or null. */
  public static String setCookie(Answer a, String name) {
    for (String h : a.response().headers().allValues("Set-Cookie"))
      if (h.startsWith(name + "=")) return h;
    return null;
  }

  /** A GET with {@code Authorization: Bearer token}. */
  public static Answer getAs(URI uri, String token) {
    return send(request(uri, token).GET().build());
  }

  /** A HEAD with {@code Authorization: Bearer token}. */
  public static Answer headAs(URI uri, String token) {
    return send(request(uri, token).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
  }

  public static Answer head(URI uri) {
    return send(
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build());
  }

  private static HttpRequest.Builder request(URI uploads, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uploads).timeout(TIMEOUT);
    if (token != null) b.header("Authorization", "Bearer " + token);
    return b;
  }

  private static Answer send(HttpRequest req) {
    try {
      HttpResponse<byte[]> res = HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(res.statusCode(), res);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends {@code requestHead} (a request line and headers, CRLF-separated, without the blank line)
   * exactly as written and returns the status of the answer: for paths that an HTTP client would
   * normalise before sending.
   */
  public static int rawStatus(int port, String requestHead) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout((int) TIMEOUT.toMillis());
      OutputStream out = s.getOutputStream();
      out.write(
          (requestHead + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1); // "HTTP/1.1 404"
      return Integer.parseInt(status.substring(9, 12));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
