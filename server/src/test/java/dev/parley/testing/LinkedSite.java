package dev.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A site that messages link to, served by the test itself on 127.0.0.1 (a port of its own): link
 * previews are fetched from it, never from anywhere off this machine. Each path answers what the
 * test put there; every request is recorded (path, Host header, Cookie header).
 */
public final class LinkedSite implements AutoCloseable {

  /** What one path answers. */
  @FunctionalInterface
  public interface Answer {
    void answer(HttpExchange x) throws IOException, InterruptedException;
  }

  /** One request as the site saw it. */
  public record Request(String path, String host, String cookie, String userAgent) {}

  private final HttpServer server;
  private final Map<String, Answer> paths = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();

  public LinkedSite() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        x -> {
          int now = inFlight.incrementAndGet();
          mostInFlight.accumulateAndGet(now, Math::max);
          try {
            String path = x.getRequestURI().getRawPath();
            if (x.getRequestURI().getRawQuery() != null)
              path += "?" + x.getRequestURI().getRawQuery();
            requests.add(
                new Request(
                    path,
                    x.getRequestHeaders().getFirst("Host"),
                    x.getRequestHeaders().getFirst("Cookie"),
                    x.getRequestHeaders().getFirst("User-Agent")));
            Answer a = paths.get(x.getRequestURI().getRawPath());
            if (a == null)
              send(x, 404, "text/plain", "nothing here".getBytes(StandardCharsets.UTF_8));
            else a.answer(x);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException ignored) {
            // the fetcher hung up: what the test wanted, often
          } finally {
            inFlight.decrementAndGet();
            x.close();
          }
        });
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:port} followed by {@code path}. */
  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  public LinkedSite at(String path, Answer answer) {
    paths.put(path, answer);
    return this;
  }

  /** An HTML page at {@code path}. */
  public LinkedSite page(String path, String html) {
    return at(
        path, x -> send(x, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8)));
  }

  /** Bytes of {@code type} at {@code path}. */
  public LinkedSite file(String path, String type, byte[] bytes) {
    return at(path, x -> send(x, 200, type, bytes));
  }

  /** A redirect from {@code path} to {@code location}. */
  public LinkedSite redirect(String path, String location) {
    return at(
        path,
        x -> {
          x.getResponseHeaders().set("Location", location);
          x.sendResponseHeaders(302, -1);
        });
  }

  public static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
    x.getResponseHeaders().set("Content-Type", type);
    x.getResponseHeaders().add("Set-Cookie", "tracker=1; Path=/");
    x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }

  /** A page with OpenGraph tags. */
  public static String openGraph(String title, String description, String image) {
    return "<!doctype html><html><head><title>Plain title</title>"
        + "<meta property=\"og:title\" content=\""
        + title
        + "\"><meta property=\"og:description\" content=\""
        + description
        + "\">"
        + (image == null ? "" : "<meta property=\"og:image\" content=\"" + image + "\">")
        + "</head><body><p>Body text</p></body></html>";
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** How many requests asked for {@code path}. */
  public long count(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).count();
  }

  /** The most requests the site was answering at once. */
  public int mostAtOnce() {
    return mostInFlight.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
