package dev.parley.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The handshake steps every scenario needs: hello (nick or token) and join-or-create a room. */
final class Setup {
  private Setup() {}

  static final class ServerError extends RuntimeException {
    final String code;

    ServerError(String code, String frame) {
      super(code + ": " + frame);
      this.code = code;
    }
  }

  static CompletableFuture<Conn> hello(Conn c, String nick, String token) {
    return hello(c, nick, token, false);
  }

  /** With {@code coalesce}, as Parley's web client says it: gathered frames come as one batch. */
  static CompletableFuture<Conn> hello(Conn c, String nick, String token, boolean coalesce) {
    String frame =
        "{\"type\":\"hello\",\"ref\":\"h\",\"nick\":\""
            + nick
            + "\""
            + (token != null ? ",\"token\":\"" + token + "\"" : "")
            + (coalesce ? ",\"coalesce\":true" : "")
            + "}";
    c.nick = nick;
    return c.request(frame, "h", true)
        .thenApply(
            s -> {
              checkError(s);
              c.token = Scan.stringField(s, "token");
              int u = s.indexOf("\"user\":");
              if (u >= 0) c.userId = Scan.stringField(s.substring(u + 7), "id");
              return c;
            });
  }

  static CompletableFuture<Conn> join(Conn c, String room) {
    return join(c, room, null, 0);
  }

  /** Joins {@code room}, creating it when there is none; {@code created} runs if this made it. */
  static CompletableFuture<Conn> join(Conn c, String room, Runnable created) {
    return join(c, room, created, 0);
  }

  private static CompletableFuture<Conn> join(Conn c, String room, Runnable created, int attempt) {
    String frame = "{\"type\":\"join\",\"ref\":\"j\",\"room\":\"" + room + "\"}";
    return c.request(frame, "j", false)
        .thenCompose(
            s -> {
              if (!"error".equals(Scan.type(s))) return CompletableFuture.completedFuture(c);
              String code = Scan.stringField(s, "code");
              if (!"not_found".equals(code) || attempt > 3) throw new ServerError(code, s);
              String create = "{\"type\":\"create\",\"ref\":\"c\",\"room\":\"" + room + "\"}";
              return c.request(create, "c", false)
                  .thenCompose(
                      s2 -> {
                        if (!"error".equals(Scan.type(s2))) {
                          if (created != null) created.run();
                          return CompletableFuture.completedFuture(c);
                        }
                        String code2 = Scan.stringField(s2, "code");
                        if ("room_exists".equals(code2)) return join(c, room, created, attempt + 1);
                        throw new ServerError(code2, s2);
                      });
            });
  }

  static void checkError(String s) {
    if ("error".equals(Scan.type(s))) throw new ServerError(Scan.stringField(s, "code"), s);
  }

  static Throwable root(Throwable t) {
    while ((t instanceof CompletionException
            || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) t = t.getCause();
    return t;
  }

  /** A short random tag so that nicks and room names are fresh on every run. */
  static String runTag() {
    return Long.toString(System.nanoTime() & 0xfffffL, 36)
        + Integer.toString((int) (Math.random() * 36 * 36), 36);
  }
}
