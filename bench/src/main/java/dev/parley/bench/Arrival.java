package dev.parley.bench;

import dev.parley.bench.Tally.Kind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How a person of the capacity scenario comes in: the first time (hello, made with a password for a
 * protected person; leave {@code general} unless the plan has it; join the planned rooms) and after
 * each reconnect, as the protocol's recipe says: hello with the token (or the password), join again
 * any planned room the welcome does not list (a server that forgets members, as the reference
 * does), then {@code history} after the last seq seen in each room, page by page, and {@code
 * changes} since the welcome's rev where the server keeps one.
 */
final class Arrival {
  private Arrival() {}

  /** A new person; completes when it is online. Called from the driver. */
  static CompletableFuture<Person> arrive(Person p) {
    Conn c = p.crowd.connect(p);
    p.conn = c;
    return c.opened
        .thenCompose(
            x -> {
              p.stage = "hello";
              return hello(p, x);
            })
        .thenCompose(w -> settle(p, c, w, true))
        .thenApply(
            v -> {
              p.stage = "online";
              p.loop.loop.execute(p::begin);
              return p;
            });
  }

  /** Hangs up and comes back, catching up; on the person's loop. */
  static void reconnect(Person p) {
    Crowd crowd = p.crowd;
    if (crowd.stopping) return;
    long s = System.nanoTime();
    if (crowd.inWindow(s)) p.tally().done[Kind.RECONNECT.ordinal()]++;
    Conn old = p.conn;
    p.online = false;
    p.catching = true;
    p.session++;
    p.conn = null; // its close is not the server's doing
    if (old != null) old.abort();
    Conn c = crowd.connect(p);
    p.conn = c;
    c.opened
        .thenCompose(x -> hello(p, x))
        .thenCompose(w -> settle(p, c, w, false))
        .orTimeout(60, TimeUnit.SECONDS)
        .whenComplete(
            (v, e) ->
                p.loop.loop.execute(
                    () -> {
                      if (c != p.conn || crowd.stopping) return;
                      if (e != null) {
                        if (crowd.inWindow(s)) {
                          p.tally().errors[Kind.RECONNECT.ordinal()]++;
                          p.tally().lastError = "reconnect: " + Setup.root(e);
                        }
                        p.loop.loop.schedule(() -> reconnect(p), 1, TimeUnit.SECONDS);
                        return;
                      }
                      p.answered(Kind.RECONNECT, s, System.nanoTime());
                      p.online = true;
                      p.catching = false;
                    }));
  }

  private static CompletableFuture<String> hello(Person p, Conn c) {
    Kind k = p.password != null ? Kind.SIGNIN : Kind.HELLO;
    long s = System.nanoTime();
    if (p.crowd.inWindow(s)) p.tally().done[k.ordinal()]++;
    return hello(p, c, k, s, 0);
  }

  /**
   * One hello, again on the same socket after the server's {@code retryAfter} when it says {@code
   * slow_down} (here only ever for being busy checking passwords: the scripts lift the other
   * limits), as the protocol's client guide asks (Parley's web client shows the wait and sends the
   * hello again on the same socket when the person asks again); the wait counts in the sign-in's
   * latency.
   */
  private static CompletableFuture<String> hello(Person p, Conn c, Kind k, long s, int slowed) {
    String frame =
        p.password != null
            ? SignIns.helloFrame(p.nick, p.password, p.crowd.mix.coalesce)
            : "{\"type\":\"hello\",\"ref\":\"h\",\"nick\":\""
                + p.nick
                + "\""
                + (p.token != null ? ",\"token\":\"" + p.token + "\"" : "")
                + (p.crowd.mix.coalesce ? ",\"coalesce\":true" : "")
                + "}";
    return c.request(frame, "h", true)
        .thenCompose(
            w -> {
              SignIns.Answer a = SignIns.Answer.of(w);
              if (!a.welcome() && "slow_down".equals(a.code())) {
                p.stage = "hello, told slow_down " + (slowed + 1) + " times";
                p.crowd.slowedHello(slowed + 1);
                CompletableFuture<String> again = new CompletableFuture<>();
                p.loop.loop.schedule(
                    () ->
                        hello(p, c, k, s, slowed + 1)
                            .whenComplete(
                                (v, e) -> {
                                  if (e != null) again.completeExceptionally(e);
                                  else again.complete(v);
                                }),
                    Math.max(1, a.retryAfter()),
                    TimeUnit.SECONDS);
                return again;
              }
              Setup.checkError(w);
              String token = Scan.stringField(w, "token");
              if (token != null) p.token = token;
              int u = w.indexOf("\"user\":");
              if (u >= 0) p.userId = Scan.stringField(w.substring(u + 7), "id");
              p.answered(k, s, System.nanoTime());
              return CompletableFuture.completedFuture(w);
            });
  }

  /** After a welcome: general, the planned rooms, and (on a return) the catch-up. */
  private static CompletableFuture<Void> settle(Person p, Conn c, String w, boolean first) {
    CompletableFuture<Void> f = CompletableFuture.completedFuture(null);
    // the rooms this person is in: the welcome's "rooms", not its "directory" of public rooms
    int from = w.indexOf("\"rooms\":"), to = w.indexOf("\"directory\":");
    String mine = from < 0 ? "" : w.substring(from, to > from ? to : w.length());
    if (mine.contains("\"name\":\"general\"") && !planned(p, "general"))
      f =
          f.thenCompose(
                  v -> {
                    p.stage = "leave general";
                    return c.request(
                        "{\"type\":\"leave\",\"room\":\"general\",\"ref\":\"l\"}", "l", false);
                  })
              .thenApply(x -> null);
    long[] lastSeq = new long[p.rooms.length];
    for (int j = 0; j < p.rooms.length; j++) {
      int jj = j;
      String room = p.room(j);
      int i = first ? -1 : mine.indexOf("\"name\":\"" + room + "\"");
      if (i < 0) {
        lastSeq[j] = Long.MAX_VALUE; // joined anew: fetch whatever was missed
        // a person who made a room owns it: the one who may change its settings
        f =
            f.thenCompose(
                    v -> {
                      p.stage = "join " + room;
                      return Setup.join(c, room, () -> p.owned = jj);
                    })
                .thenApply(x -> null);
        continue;
      }
      int e = mine.indexOf('}', i);
      String view = mine.substring(i, e < 0 ? mine.length() : e);
      lastSeq[j] = Scan.longField(view, "lastSeq");
      long rev = Scan.longField(view, "rev");
      if (!first && !p.crowd.mix.reference && rev > p.rev[j] && p.rev[j] >= 0)
        f = f.thenCompose(v -> changes(p, c, jj, rev));
      else if (rev >= 0) p.rev[j] = rev;
    }
    PushService push = p.crowd.push;
    if (first && push != null && p.idx % 100 < Math.round(p.crowd.mix.pushShare * 100))
      f =
          f.thenCompose(
                  v -> {
                    p.stage = "push";
                    return c.request(push.subscribe(p.idx, "d"), "d", false);
                  })
              .thenAccept(Setup::checkError);
    if (first) return f;
    for (int j = 0; j < p.rooms.length; j++) {
      int jj = j;
      if (lastSeq[j] < 0 || lastSeq[j] > p.hw[j]) f = f.thenCompose(v -> history(p, c, jj));
    }
    return f;
  }

  private static boolean planned(Person p, String room) {
    for (int j = 0; j < p.rooms.length; j++) if (p.room(j).equals(room)) return true;
    return false;
  }

  /** history after the last seq seen, until nothing more comes. */
  private static CompletableFuture<Void> history(Person p, Conn c, int j) {
    if (p.hw[j] < 0) return CompletableFuture.completedFuture(null);
    long s = System.nanoTime();
    String ref = p.start(Kind.HISTORY);
    String room = p.room(j);
    String frame =
        "{\"type\":\"history\",\"room\":\""
            + room
            + "\",\"after\":"
            + p.hw[j]
            + ",\"limit\":200,\"ref\":\""
            + ref
            + "\"}";
    return c.request(frame, ref, false)
        .thenCompose(
            reply -> {
              if (failed(p, Kind.HISTORY, reply)) return CompletableFuture.completedFuture(null);
              p.answered(Kind.HISTORY, s, System.nanoTime());
              String key = "\"room\":\"" + room + "\",\"seq\":";
              int n = 0;
              Tally t = p.tally();
              for (int i = reply.indexOf(key); i >= 0; i = reply.indexOf(key, i + 1)) {
                long seq = 0;
                for (int d = i + key.length(); d < reply.length(); d++) {
                  char ch = reply.charAt(d);
                  if (ch < '0' || ch > '9') break;
                  seq = seq * 10 + (ch - '0');
                }
                if (seq > 0) p.seen(t, j, seq);
                n++;
              }
              if (n == 0 || !reply.contains("\"more\":true"))
                return CompletableFuture.completedFuture(null);
              return history(p, c, j);
            });
  }

  private static CompletableFuture<Void> changes(Person p, Conn c, int j, long rev) {
    long s = System.nanoTime();
    String ref = p.start(Kind.CHANGES);
    String frame =
        "{\"type\":\"changes\",\"room\":\""
            + p.room(j)
            + "\",\"since\":"
            + p.rev[j]
            + ",\"limit\":200,\"ref\":\""
            + ref
            + "\"}";
    return c.request(frame, ref, false)
        .thenApply(
            reply -> {
              if (!failed(p, Kind.CHANGES, reply)) {
                p.answered(Kind.CHANGES, s, System.nanoTime());
                p.rev[j] = rev;
              }
              return null;
            });
  }

  private static boolean failed(Person p, Kind k, String reply) {
    if (!"error".equals(Scan.type(reply))) return false;
    if (p.crowd.inWindow(System.nanoTime())) {
      p.tally().errors[k.ordinal()]++;
      p.tally().lastError = reply.length() > 300 ? reply.substring(0, 300) : reply;
    }
    return true;
  }
}
