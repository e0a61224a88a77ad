package dev.parley.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Password sign-ins for the sign-in storm: N protected accounts made once (each its own nick and
 * strong random password), then all of them signed in at the same instant on fresh sockets. A
 * {@code slow_down} is honoured as a person's client would: the same {@code hello} again on the
 * same socket after {@code retryAfter} seconds. Every password is right, so no failure is counted
 * against a nick or an address (PasswordSignIn counts only wrong ones) and one address will do.
 */
final class SignIns {
  final String[] nicks;
  final String[] passwords;

  SignIns(int n, String tag) {
    nicks = new String[n];
    passwords = new String[n];
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < n; i++) {
      nicks[i] = "w" + tag + "-" + i;
      byte[] b = new byte[18];
      random.nextBytes(b);
      passwords[i] = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
  }

  static String helloFrame(String nick, String password) {
    return helloFrame(nick, password, false);
  }

  /** With {@code coalesce}, as Parley's web client says it. */
  static String helloFrame(String nick, String password, boolean coalesce) {
    return "{\"type\":\"hello\",\"ref\":\"h\",\"nick\":\""
        + nick
        + "\",\"password\":\""
        + password
        + "\""
        + (coalesce ? ",\"coalesce\":true" : "")
        + "}";
  }

  /** What the server answered one {@code hello}: welcome, slow_down (seconds) or another error. */
  record Answer(boolean welcome, long retryAfter, String code) {
    static Answer of(String frame) {
      if (!"error".equals(Scan.type(frame))) return new Answer(true, 0, null);
      String code = Scan.stringField(frame, "code");
      long retry = "slow_down".equals(code) ? Math.max(1, retryAfter(frame)) : 0;
      return new Answer(false, retry, code);
    }

    static long retryAfter(String frame) {
      int i = frame.indexOf("\"retryAfter\":");
      if (i < 0) return 0;
      i += 13;
      while (i < frame.length() && frame.charAt(i) == ' ') i++;
      int j = i;
      while (j < frame.length() && Character.isDigit(frame.charAt(j))) j++;
      return j == i ? 0 : Long.parseLong(frame.substring(i, j));
    }
  }

  /**
   * Signs user i in on an open connection, again after each {@code slow_down}; completes with the
   * connection once welcomed, exceptionally on any other error. {@code slowed} hears each wait.
   */
  CompletableFuture<Conn> signIn(Conn c, int i, LongConsumer slowed) {
    CompletableFuture<Conn> done = new CompletableFuture<>();
    attempt(c, i, slowed, done);
    return done;
  }

  private void attempt(Conn c, int i, LongConsumer slowed, CompletableFuture<Conn> done) {
    c.nick = nicks[i];
    c.request(helloFrame(nicks[i], passwords[i]), "h", true)
        .whenComplete(
            (frame, e) -> {
              if (e != null) {
                done.completeExceptionally(e);
                return;
              }
              Answer a = Answer.of(frame);
              if (a.welcome()) {
                c.token = Scan.stringField(frame, "token");
                done.complete(c);
              } else if (a.retryAfter() > 0) {
                slowed.accept(a.retryAfter());
                c.ch
                    .eventLoop()
                    .schedule(() -> attempt(c, i, slowed, done), a.retryAfter(), TimeUnit.SECONDS);
              } else done.completeExceptionally(new Setup.ServerError(a.code(), frame));
            });
  }

  /** Makes the N protected users ({@code parallel} at a time), then hangs them all up. */
  double create(Client client, Client.Target t, int parallel, int sources)
      throws InterruptedException {
    long s = System.nanoTime();
    List<Conn> conns =
        Client.openAll(
            client,
            t,
            nicks.length,
            parallel,
            sources,
            i -> new Conn.Listener() {},
            c -> signIn(c, c.index, w -> {}));
    for (Conn c : conns) c.abort();
    for (Conn c : conns) c.closed.orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> c).join();
    return (System.nanoTime() - s) / 1e9;
  }

  /** One storm: every user at once, each on a new socket; the figures once all have answered. */
  final class Storm {
    final long startNs = System.nanoTime();
    final ConcurrentHistogram welcome = new ConcurrentHistogram(600_000_000L, 3);
    final ConcurrentHistogram firstAnswer = new ConcurrentHistogram(600_000_000L, 3);
    final AtomicLong slowDowns = new AtomicLong();
    final Map<Long, Long> retryAfters = new ConcurrentHashMap<>();
    final Map<String, Long> errors = new ConcurrentHashMap<>();
    final AtomicInteger slowedUsers = new AtomicInteger();
    final AtomicInteger pending = new AtomicInteger(nicks.length);
    final CompletableFuture<Long> allDone = new CompletableFuture<>();
    final AtomicInteger reopened = new AtomicInteger();
    final java.util.Queue<Conn> conns = new java.util.concurrent.ConcurrentLinkedQueue<>();
    final Proc.CpuWindow cpu;
    final Client client;
    final Client.Target target;
    final int sources;
    static final int RECONNECTS = 5;

    Storm(Client client, Client.Target t, int sources, long[] serverPids) {
      this.client = client;
      this.target = t;
      this.sources = sources;
      cpu = new Proc.CpuWindow(serverPids);
      cpu.start();
      for (int i = 0; i < nicks.length; i++) start(i, new boolean[] {false}, 0);
    }

    /**
     * User i on a new socket. A socket closed while waiting to retry (the server's hello deadline,
     * 10 s from the upgrade by default, counts only a hello it took) is opened again, as the web
     * client would, at most {@link #RECONNECTS} times.
     */
    private void start(int i, boolean[] slowedOnce, int reconnects) {
      Conn c = client.connect(target, i, Client.source(i, sources), new Conn.Listener() {});
      conns.add(c);
      c.opened
          .thenCompose(
              x ->
                  signIn(
                      x,
                      i,
                      w -> {
                        slowDowns.incrementAndGet();
                        retryAfters.merge(w, 1L, Long::sum);
                        if (!slowedOnce[0]) {
                          slowedOnce[0] = true;
                          slowedUsers.incrementAndGet();
                          firstAnswer.recordValue(micros());
                        }
                      }))
          .whenComplete(
              (v, e) -> {
                long now = System.nanoTime();
                Throwable r = e == null ? null : Setup.root(e);
                if (r != null && !(r instanceof Setup.ServerError) && reconnects < RECONNECTS) {
                  reopened.incrementAndGet();
                  start(i, slowedOnce, reconnects + 1);
                  return;
                }
                if (e == null) {
                  welcome.recordValue(Math.min(600_000_000L, (now - startNs) / 1000));
                  if (!slowedOnce[0]) firstAnswer.recordValue(micros());
                } else {
                  errors.merge(
                      r instanceof Setup.ServerError se
                          ? se.code
                          : r.getClass().getSimpleName() + ": " + r.getMessage(),
                      1L,
                      Long::sum);
                }
                if (pending.decrementAndGet() == 0) {
                  cpu.stop();
                  allDone.complete(now);
                }
              });
    }

    private long micros() {
      return Math.min(600_000_000L, (System.nanoTime() - startNs) / 1000);
    }

    Map<String, Object> result() {
      Map<String, Object> m = new LinkedHashMap<>();
      if (!allDone.isDone()) cpu.stop(); // timed out: the figures so far
      long end = allDone.getNow(System.nanoTime());
      m.put("users", nicks.length);
      m.put("signed_in", welcome.getTotalCount());
      m.put("errors", new LinkedHashMap<>(errors));
      m.put("all_signed_in_s", (end - startNs) / 1e9);
      m.put("time_to_welcome_ms", Report.percentiles(welcome.copy()));
      m.put("time_to_first_answer_ms", Report.percentiles(firstAnswer.copy()));
      m.put("slow_down_answers", slowDowns.get());
      m.put("users_slowed", slowedUsers.get());
      m.put("sockets_reopened", reopened.get());
      Map<String, Object> ra = new LinkedHashMap<>();
      retryAfters.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> ra.put(e.getKey() + "s", e.getValue()));
      m.put("retry_after_counts", ra);
      m.put("server_cpu_s", cpu.server());
      m.put(
          "server_cpu_ms_per_sign_in", 1000 * cpu.server() / Math.max(1, welcome.getTotalCount()));
      m.put("server_cores", cpu.server() / cpu.seconds());
      m.put("machine_busy", cpu.machineBusy());
      return m;
    }

    void hangUp() {
      List<Conn> all = new ArrayList<>(conns);
      for (Conn c : all) c.abort();
      for (Conn c : all) c.closed.orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> c).join();
    }
  }
}
