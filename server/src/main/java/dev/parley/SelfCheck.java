package dev.parley;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One round trip through a freshly started node: a WebSocket hello, a message to general, its
 * delivery. run.sh uses it (with {@code --exit-when-ready}) to train the JVM's class-data archive
 * on the classes a real session loads, so that later starts and first connections are fast; it also
 * proves the node answers before the archive is kept.
 */
final class SelfCheck {

  private SelfCheck() {}

  static void run(int port) throws Exception {
    CompletableFuture<Void> delivered = new CompletableFuture<>();
    CompletableFuture<WebSocket> helloSent = new CompletableFuture<>();
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          private final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              String frame = text.toString();
              text.setLength(0);
              if (frame.contains("\"type\":\"welcome\"")) {
                // after the hello's send has completed: a send while another is pending fails
                // (the JDK's WebSocket allows one at a time), and the message would never go
                helloSent
                    .thenCompose(
                        w ->
                            w.sendText(
                                "{\"type\":\"send\",\"room\":\"general\",\"id\":\"self-check\",\"text\":\"ready\"}",
                                true))
                    .whenComplete(
                        (w, e) -> {
                          if (e != null) delivered.completeExceptionally(e);
                        });
              } else if (frame.contains("\"type\":\"message\"") && frame.contains("self-check")) {
                delivered.complete(null);
              }
            }
            ws.request(1);
            return null;
          }
        };
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    WebSocket ws =
        http.newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), listener)
            .get(10, TimeUnit.SECONDS);
    ws.sendText("{\"type\":\"hello\",\"nick\":\"self-check\"}", true)
        .whenComplete(
            (w, e) -> {
              if (e != null) helloSent.completeExceptionally(e);
              else helloSent.complete(w);
            });
    // generous: a first start on a busy machine (CI once waited 10 s here for an unknown reason)
    delivered.get(30, TimeUnit.SECONDS);
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
  }
}
