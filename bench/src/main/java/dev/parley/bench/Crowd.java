package dev.parley.bench;

import dev.parley.bench.Tally.Kind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The capacity scenario's people against one server: the room plan, adding people, the measured
 * window, the per-loop tallies, and the loss check (every seq of every room a person is in, and
 * every direct message, must have reached them within a deadline).
 */
final class Crowd implements AutoCloseable {
  final Client client;
  final Client.Target target;
  final Mix mix;
  final Mix.Plan plan;
  final int sources;
  final String tag = Setup.runTag();
  final long t0 = System.nanoTime();
  final String[] roomNames;
  final byte[][] roomBytes;
  final Tally[] tallies;
  final double[] rates;
  final double totalRate;
  final Person[] people;
  volatile int count;

  /** Members of each planned room among the people added so far. */
  final AtomicIntegerArray members;

  /**
   * Direct messages on their way: "sender.micros" to {sent ns, recipient, its session, 1 once the
   * sender has the server's answer, sender}. Only an answered one can be lost: one whose sender
   * hung up before the answer may never have reached the server (a client sends it again with its
   * id).
   */
  final Map<String, long[]> pendingDm = new ConcurrentHashMap<>();

  private final ExecutorService httpPool;
  private final HttpClient http;
  private final String searchUrl;
  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd = Long.MAX_VALUE;
  volatile boolean stopping;

  /** The push service devices subscribe to, or null (no {@code --push-share}). */
  volatile PushService push;

  volatile String firstArrivalError;

  Crowd(Client client, Client.Target target, Mix mix, int max, int sources) {
    this.client = client;
    this.target = target;
    this.mix = mix;
    this.sources = sources;
    plan = new Mix.Plan(mix, max);
    roomNames = new String[plan.rooms];
    roomBytes = new byte[plan.rooms][];
    for (int r = 0; r < plan.rooms; r++) {
      roomNames[r] = "cap-" + tag + "-" + r;
      roomBytes[r] = Scan.ascii(roomNames[r]);
    }
    tallies = new Tally[client.loops.size()];
    for (int i = 0; i < tallies.length; i++) tallies[i] = new Tally();
    rates = mix.rates();
    double sum = 0;
    for (double r : rates) sum += r;
    totalRate = sum;
    people = new Person[max];
    members = new AtomicIntegerArray(plan.rooms);
    if (mix.reference) {
      httpPool = null;
      http = null;
      searchUrl = null;
    } else {
      httpPool =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "capacity-search");
                t.setDaemon(true);
                return t;
              });
      http =
          HttpClient.newBuilder().executor(httpPool).connectTimeout(Duration.ofSeconds(10)).build();
      URI u = target.nodes().get(0);
      searchUrl = "http://" + u.getHost() + ":" + Client.Target.port(u) + "/api/search";
    }
  }

  Conn connect(Person p) {
    return client.connect(target, p.idx, Client.source(p.idx, sources), p);
  }

  boolean inWindow(long ns) {
    return ns >= windowStart && ns < windowEnd;
  }

  void window(long startNs, long endNs) {
    windowEnd = endNs;
    windowStart = startNs;
  }

  /** Whether a person's typing in planned room r is sent: {@link Mix#typingRoomLimit}. */
  boolean typingShared(int r) {
    return mix.typingRoomLimit <= 0 || members.get(r) <= mix.typingRoomLimit;
  }

  /**
   * Adds people until there are n, {@code parallel} arriving at once and at most {@code perSecond}
   * a second (0: no pace); returns how many failed.
   */
  int grow(int n, int parallel, double perSecond) throws InterruptedException {
    Semaphore sem = new Semaphore(parallel);
    long t0 = System.nanoTime();
    AtomicInteger failed = new AtomicInteger();
    List<CompletableFuture<?>> all = new ArrayList<>();
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    for (int i = count; i < n; i++) {
      boolean protect = rnd.nextDouble() < (mix.reference ? 0 : mix.passwordShare);
      String nick = "p" + tag + "-" + i;
      String password = protect ? new SignIns(1, tag).passwords[0] : null;
      Person p = new Person(this, i, plan.roomsOf[i], nick, password);
      people[i] = p;
      for (int r : plan.roomsOf[i]) members.incrementAndGet(r);
      // at most perSecond arrivals a second when asked (0: as fast as the server lets them in)
      if (perSecond > 0) FanOut.sleepUntil(t0 + (long) ((i - count) * 1e9 / perSecond));
      sem.acquire();
      all.add(
          Arrival.arrive(p)
              .orTimeout(60, TimeUnit.SECONDS)
              .whenComplete(
                  (v, e) -> {
                    sem.release();
                    if (e != null) {
                      int nth = failed.incrementAndGet();
                      Conn c = p.conn;
                      String why =
                          Setup.root(e)
                              + " at "
                              + p.stage
                              + (p.password != null ? ", with a password" : ", a guest")
                              + (c == null
                                  ? ""
                                  : ", " + c.textFrames + " frames read" + upgrade(c));
                      // a line each for the first few: an overloaded step fails hundreds
                      if (nth <= 20)
                        System.err.println(
                            "arrival of "
                                + p.nick
                                + " failed: "
                                + why
                                + (c == null ? "" : "; last frame read: " + c.lastWhileWaiting));
                      if (firstArrivalError == null) firstArrivalError = why;
                    }
                  }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    count = n;
    return failed.get();
  }

  /** How long a connection's upgrade took, for a failed arrival's line. */
  private static String upgrade(Conn c) {
    long at = c.openedNanos;
    return at == 0
        ? ", never upgraded"
        : String.format(", upgraded after %.1f s", (at - c.madeNanos) / 1e9);
  }

  /** {@code slow_down} answers to a hello, and the most one hello got, since the last step. */
  final AtomicInteger helloSlowDowns = new AtomicInteger(), mostSlowDowns = new AtomicInteger();

  /** A hello was told {@code slow_down}, the {@code nth} time in a row; any thread. */
  void slowedHello(int nth) {
    helloSlowDowns.incrementAndGet();
    mostSlowDowns.accumulateAndGet(nth, Math::max);
  }

  /** Someone else online to write to, or null. */
  Person someoneOnline(Person me) {
    int n = count;
    for (int tries = 0; tries < 5 && n > 1; tries++) {
      Person p = people[ThreadLocalRandom.current().nextInt(n)];
      if (p != null && p != me && p.online && p.userId != null) return p;
    }
    return null;
  }

  /** GET /api/search for a word of the messages, with the person's token; on its loop. */
  void search(Person p) {
    if (http == null || p.token == null || p.searching) return; // one at a time, as a person
    p.searching = true;
    String[] w = Mix.WORDS;
    String q = w[ThreadLocalRandom.current().nextInt(w.length)];
    long s = System.nanoTime();
    p.start(Kind.SEARCH);
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(searchUrl + "?limit=20&q=" + q))
            .header("Authorization", "Bearer " + p.token)
            .timeout(Duration.ofSeconds(30))
            .build();
    http.sendAsync(req, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (r, e) ->
                p.loop.loop.execute(
                    () -> {
                      p.searching = false;
                      if (e == null && r.statusCode() == 200) {
                        p.answered(Kind.SEARCH, s, System.nanoTime());
                      } else if (inWindow(s)) {
                        p.tally().errors[Kind.SEARCH.ordinal()]++;
                        p.tally().lastError =
                            "search: " + (e != null ? Setup.root(e) : "HTTP " + r.statusCode());
                      }
                    }));
  }

  void resetTallies() {
    for (Loop l : client.loops)
      l.call(
          () -> {
            tallies[l.id].reset();
            return null;
          });
  }

  Map<String, Object> collect(double seconds) {
    List<Tally> copies = new ArrayList<>();
    for (Loop l : client.loops) copies.add(l.call(() -> tallies[l.id].copy()));
    return Tally.summary(copies, seconds);
  }

  /**
   * The loss check: each room's highest seq anyone has seen now; {@code deadlineS} later, every
   * person online must have seen every seq up to it in each of their rooms (live or by catch-up),
   * and every direct message older than the deadline must have reached its recipient (unless the
   * recipient reconnected meanwhile).
   */
  Map<String, Object> losses(double deadlineS) throws InterruptedException {
    long[] top = new long[plan.rooms];
    java.util.Arrays.fill(top, -1);
    int n = count;
    for (Loop l : client.loops) {
      long[] mine =
          l.call(
              () -> {
                long[] t = new long[plan.rooms];
                java.util.Arrays.fill(t, -1);
                for (int i = l.id; i < n; i += client.loops.size()) {
                  Person p = people[i];
                  for (int j = 0; j < p.rooms.length; j++)
                    t[p.rooms[j]] = Math.max(t[p.rooms[j]], p.maxSeen[j]);
                }
                return t;
              });
      for (int r = 0; r < top.length; r++) top[r] = Math.max(top[r], mine[r]);
    }
    long checkedAt = System.nanoTime();
    Thread.sleep((long) (deadlineS * 1000));
    long lost = 0, peopleMissing = 0, notOnline = 0;
    for (Loop l : client.loops) {
      long[] v =
          l.call(
              () -> {
                long missing = 0, who = 0, off = 0;
                for (int i = l.id; i < n; i += client.loops.size()) {
                  Person p = people[i];
                  if (!p.online) {
                    off++;
                    continue;
                  }
                  long m = 0;
                  for (int j = 0; j < p.rooms.length; j++) m += p.missing(j, top[p.rooms[j]]);
                  missing += m;
                  if (m > 0) who++;
                }
                return new long[] {missing, who, off};
              });
      lost += v[0];
      peopleMissing += v[1];
      notOnline += v[2];
    }
    long lostDm = 0, dmsUnchecked = 0, dmsUnanswered = 0;
    for (Iterator<Map.Entry<String, long[]>> it = pendingDm.entrySet().iterator(); it.hasNext(); ) {
      long[] d = it.next().getValue();
      if (d[0] > checkedAt) continue;
      it.remove();
      Person to = people[(int) d[1]];
      if (d[3] == 0) dmsUnanswered++;
      else if (to.session == d[2] && to.online) {
        // which one, for the first few: a sender, a recipient and how old it is
        if (++lostDm <= 5)
          System.err.printf(
              Locale.ROOT,
              "direct message lost: from %s to %s (session %d), sent %.1f s before the check%n",
              people[(int) d[4]].nick,
              to.nick,
              d[2],
              (checkedAt - d[0]) / 1e9);
      } else dmsUnchecked++;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lost_events", lost);
    m.put("people_missing_events", peopleMissing);
    m.put("lost_dms", lostDm);
    m.put("dms_to_people_who_reconnected", dmsUnchecked); // or were reconnecting when sent
    m.put("dms_the_server_never_answered", dmsUnanswered);
    m.put("people_reconnecting_at_check", notOnline);
    return m;
  }

  @Override
  public void close() {
    stopping = true;
    int n = count;
    List<Conn> conns = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Person p = people[i];
      if (p != null && p.conn != null) conns.add(p.conn);
    }
    for (Conn c : conns) c.abort();
    for (Conn c : conns) c.closed.orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> c).join();
    if (httpPool != null) httpPool.shutdownNow();
  }
}
