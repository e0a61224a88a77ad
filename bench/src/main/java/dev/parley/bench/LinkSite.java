package dev.parley.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pages the capacity run's links point to ({@code --link-share}): a site on 127.0.0.1 that
 * answers every {@code /p/N} with a small page with OpenGraph tags, so that the server under test
 * (started with {@code --link-preview-internal 127.0.0.1:PORT}) fetches a preview for each such
 * message, as it would from the web. It runs in the bench's process, on the bench's core, and
 * counts what it served: proof that the previews were fetched, not only asked for.
 */
final class LinkSite implements AutoCloseable {
  private final HttpServer server;
  private final AtomicLong served = new AtomicLong();

  LinkSite(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    server.setExecutor(Executors.newFixedThreadPool(2, r -> daemon(r)));
    server.createContext(
        "/p/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          byte[] body =
              ("<!doctype html><html><head><title>Page</title>"
                      + "<meta property=\"og:title\" content=\"Page "
                      + path.substring(3).replaceAll("[^0-9]", "")
                      + "\"><meta property=\"og:description\" content=\"A page the bench serves"
                      + " for link previews.\"></head><body>bench</body></html>")
                  .getBytes(StandardCharsets.UTF_8);
          served.incrementAndGet(); // before the answer: whoever has it sees the count
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "bench-link-site");
    t.setDaemon(true);
    return t;
  }

  /** The port it listens on (0 given: the one the system chose). */
  int port() {
    return server.getAddress().getPort();
  }

  /** Pages served so far. */
  long served() {
    return served.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
