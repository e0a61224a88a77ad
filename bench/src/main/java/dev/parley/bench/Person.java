package dev.parley.bench;

import dev.parley.bench.Tally.Kind;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One simulated person of the capacity scenario: one connection on the shared event loops, one
 * timer whose next firing is a Poisson draw over all the mix's actions. It remembers, per room it
 * is in, every seq it has seen (a contiguous high-water mark and the few seen above it), so that
 * the driver can tell a loss from a late arrival, and catches up after each reconnect as the
 * protocol's recipe says. Everything here runs on the person's event loop; the joining and
 * reconnecting steps are in {@link Arrival}.
 */
final class Person implements Conn.Listener {
  private static final byte[] MESSAGE = Scan.ascii("message");
  private static final byte[] NOTICE = Scan.ascii("notice");
  private static final byte[] BATCH = Scan.ascii("batch");
  private static final byte[] FRAMES = Scan.ascii("\"frames\":[");
  private static final byte[] ERROR = Scan.ascii("error");
  private static final byte[] OK = Scan.ascii("ok");
  private static final byte[] TYPING = Scan.ascii("typing");
  private static final byte[] READ = Scan.ascii("read");
  private static final byte[] REACTION = Scan.ascii("reaction");
  private static final byte[] PRESENCE = Scan.ascii("presence");
  private static final byte[] ROOM = Scan.ascii("room");
  private static final byte[] HISTORY = Scan.ascii("history");
  private static final byte[] REF = Scan.ascii("\"ref\":\"");
  private static final byte[] THREAD = Scan.ascii("\"thread\":");
  private static final byte[] RATE_LIMITED = Scan.ascii("rate_limited");
  private static final byte[] DM = Scan.ascii("dm:");
  private static final String[] EMOJI = {"👍", "🎉", "😂", "❤️", "👀"};

  final Crowd crowd;
  final int idx;
  final Loop loop;
  final int[] rooms; // plan room numbers
  final long[] hw; // highest seq seen with none missing below it (-1: not joined yet)
  final long[] maxSeen;
  final long[] base; // seq of bit 0 of above[j]
  final BitSet[] above; // seqs seen past hw + 1 (rare: reconnects, catch-up)
  final long[] lastRead;
  final long[] lastMessage; // the latest message seen (to react and reply to)
  final long[] lastRoot; // the latest message that is no thread reply (to answer in a thread)
  final long[] rev; // the room's rev in the last welcome
  final String nick;
  final String password; // null: a guest
  Conn conn;
  String token;
  volatile String userId;
  volatile boolean online;

  /**
   * Where the first arrival is (connect, hello, leave general, join ROOM, push): what one that
   * times out was waiting for.
   */
  volatile String stage = "connect";

  volatile int session;
  boolean catching;
  boolean searching;

  /** The index in {@link #rooms} of a room this person made and owns, or -1; set on arrival. */
  volatile int owned = -1;

  int cur;
  long reconnectStart;
  private int refs;
  private final long[] pending = new long[16]; // start of request n, at n & 15
  private long readStart; // reads are answered by a read frame without ref: the latest one
  private int sends;
  private final StringBuilder sb = new StringBuilder(256);

  Person(Crowd crowd, int idx, int[] rooms, String nick, String password) {
    this.crowd = crowd;
    this.idx = idx;
    this.loop = crowd.client.loops.get(idx % crowd.client.loops.size());
    this.rooms = rooms;
    int k = rooms.length;
    hw = new long[k];
    maxSeen = new long[k];
    base = new long[k];
    above = new BitSet[k];
    lastRead = new long[k];
    lastMessage = new long[k];
    lastRoot = new long[k];
    rev = new long[k];
    java.util.Arrays.fill(hw, -1);
    java.util.Arrays.fill(maxSeen, -1);
    this.nick = nick;
    this.password = password;
    cur = ThreadLocalRandom.current().nextInt(k);
  }

  Tally tally() {
    return crowd.tallies[loop.id];
  }

  String room(int j) {
    return crowd.roomNames[rooms[j]];
  }

  // ---- receiving ----

  @Override
  public void onText(Conn c, byte[] a, int off, int len, long now) {
    if (c != conn) return;
    Tally t = tally();
    Scan.Result r = loop.scan;
    int end = off + len;
    Scan.scan(a, off, end, r);
    if (r.type < 0) return;
    if (Scan.valueIs(a, r.type, end, BATCH)) {
      onBatch(c, a, off, end, now);
    } else if (Scan.valueIs(a, r.type, end, MESSAGE)) {
      t.received[0]++;
      onMessage(t, a, off, end, r, now);
    } else if (Scan.valueIs(a, r.type, end, NOTICE)) {
      t.received[1]++;
      int j = roomAt(a, r.room, end);
      if (j >= 0 && r.seq > 0) seen(t, j, r.seq);
    } else if (Scan.valueIs(a, r.type, end, TYPING)) t.received[2]++;
    else if (Scan.valueIs(a, r.type, end, READ)) {
      t.received[3]++;
      answered(Kind.READ, readStart, now);
    } else if (Scan.valueIs(a, r.type, end, REACTION)) t.received[4]++;
    else if (Scan.valueIs(a, r.type, end, PRESENCE)) t.received[5]++;
    else if (Scan.valueIs(a, r.type, end, ROOM)) t.received[6]++;
    else if (Scan.valueIs(a, r.type, end, OK) || Scan.valueIs(a, r.type, end, HISTORY)) {
      int i = Scan.indexOf(a, off, end, REF);
      if (i < 0) return;
      Kind k = Kind.of(a[i + REF.length]);
      long n = Scan.parseLong(a, i + REF.length + 1, end);
      if (k != null && n >= 0) answered(k, pending[(int) (n & 15)], now);
    } else if (Scan.valueIs(a, r.type, end, ERROR)) {
      int i = Scan.indexOf(a, off, end, REF);
      Kind k = i < 0 ? null : Kind.of(a[i + REF.length]);
      if (crowd.inWindow(now)) {
        if (k != null) t.errors[k.ordinal()]++;
        else t.otherErrors++;
        if (Scan.indexOf(a, off, end, RATE_LIMITED) >= 0) t.rateLimited++;
        t.lastError = new String(a, off, Math.min(len, 300), StandardCharsets.UTF_8);
      }
    } else t.received[7]++;
  }

  /** A {@code batch} (the person said {@code coalesce}): each of its frames in turn. */
  private void onBatch(Conn c, byte[] a, int off, int end, long now) {
    int i = Scan.indexOf(a, off, end, FRAMES);
    if (i < 0) return;
    for (i += FRAMES.length; i < end; i++) {
      if (a[i] == ']') return;
      if (a[i] != '{') continue;
      int close = Scan.objectEnd(a, i, end);
      onText(c, a, i, close - i, now);
      i = close - 1;
    }
  }

  private void onMessage(Tally t, byte[] a, int off, int end, Scan.Result r, long now) {
    int j = roomAt(a, r.room, end);
    boolean first;
    if (j >= 0) {
      first = r.seq > 0 && seen(t, j, r.seq);
      if (first) {
        lastMessage[j] = r.seq;
        if (Scan.indexOf(a, off, end, THREAD) < 0) lastRoot[j] = r.seq;
      }
    } else first = r.room >= 0 && Scan.matches(a, r.room, end, DM);
    if (!first || r.text < 0) return;
    // text: <kind letter><sender>.<micros since t0> words...
    Kind k = Kind.of(a[r.text]);
    long sender = Scan.parseLong(a, r.text + 1, end);
    int i = r.text + 1;
    while (i < end && a[i] != '.') i++;
    long micros = Scan.parseLong(a, i + 1, end);
    if (k == null || sender < 0 || micros < 0) return;
    long intended = crowd.t0 + micros * 1000;
    if (k == Kind.DM && sender == idx) {
      // the server answered: stored, so it must reach them
      crowd.pendingDm.computeIfPresent(
          sender + "." + micros,
          (key, d) -> {
            d[3] = 1;
            return d;
          });
    }
    if (k == Kind.DM && sender != idx && crowd.pendingDm.remove(sender + "." + micros) == null)
      return; // not a DM this person was waiting for: no delivery to count
    if (crowd.inWindow(intended)) {
      t.deliveries++;
      t.delivery.recordValue(Tally.micros(intended, now));
      if (sender == idx) {
        t.answered[k.ordinal()]++;
        t.latency[k.ordinal()].recordValue(Tally.micros(intended, now));
      }
    }
  }

  /** The index in {@link #rooms} of the room named at {@code at}, or -1. */
  private int roomAt(byte[] a, int at, int end) {
    if (at < 0) return -1;
    for (int j = 0; j < rooms.length; j++)
      if (Scan.valueIs(a, at, end, crowd.roomBytes[rooms[j]])) return j;
    return -1;
  }

  /** Marks seq s of room j seen; true the first time. */
  boolean seen(Tally t, int j, long s) {
    if (s > maxSeen[j]) maxSeen[j] = s;
    long h = hw[j];
    if (h < 0) { // the first event after joining: this person's log starts here
      hw[j] = s;
      return true;
    }
    if (s <= h) return false;
    BitSet b = above[j];
    if (s == h + 1 && b == null) {
      hw[j] = s;
      return true;
    }
    if (b == null) {
      b = above[j] = new BitSet();
      base[j] = h + 1;
      if (!catching) t.liveGaps++;
    }
    int bit = (int) (s - base[j]);
    if (b.get(bit)) return false;
    b.set(bit);
    while (b.get((int) (h + 1 - base[j]))) h++;
    hw[j] = h;
    if (b.nextSetBit((int) (h + 1 - base[j])) < 0) above[j] = null;
    return true;
  }

  /** Seqs of room j after hw that this person has not seen, up to {@code upTo}. */
  long missing(int j, long upTo) {
    if (hw[j] < 0 || upTo <= hw[j]) return 0;
    long n = upTo - hw[j];
    BitSet b = above[j];
    if (b != null)
      for (int i = b.nextSetBit(0); i >= 0 && base[j] + i <= upTo; i = b.nextSetBit(i + 1)) n--;
    return n;
  }

  void answered(Kind k, long startNs, long now) {
    if (startNs == 0 || !crowd.inWindow(startNs)) return;
    Tally t = tally();
    t.answered[k.ordinal()]++;
    t.latency[k.ordinal()].recordValue(Tally.micros(startNs, now));
  }

  @Override
  public void onClose(Conn c) {
    if (c != conn || crowd.stopping) return;
    if (crowd.inWindow(System.nanoTime())) tally().closedByServer++;
    Arrival.reconnect(this);
  }

  // ---- acting ----

  /** Online for the first time: the timer starts. */
  void begin() {
    online = true;
    catching = false;
    next();
  }

  /** The timer: one action drawn from the mix (skipped while reconnecting), then the next. */
  private void tick() {
    if (crowd.stopping) return;
    if (online) act();
    next();
  }

  private void next() {
    double wait = -Math.log(1 - ThreadLocalRandom.current().nextDouble()) / crowd.totalRate;
    loop.loop.schedule(this::tick, (long) (wait * 1e9), TimeUnit.NANOSECONDS);
  }

  private void act() {
    double u = ThreadLocalRandom.current().nextDouble() * crowd.totalRate;
    double[] rates = crowd.rates;
    for (int i = 0; i < rates.length; i++) {
      u -= rates[i];
      if (u < 0 && rates[i] > 0) {
        act(Kind.VALUES[i]);
        return;
      }
    }
  }

  void act(Kind k) {
    switch (k) {
      case MESSAGE -> typeThenSend();
      case READ -> read();
      case REACT -> react();
      case DM -> dm();
      case HISTORY -> switchRoom();
      case SEARCH -> crowd.search(this);
      case SETTINGS -> settings();
      case RECONNECT -> Arrival.reconnect(this);
      default -> {}
    }
  }

  /** Starts request kind k now; returns its ref. */
  String start(Kind k) {
    long now = System.nanoTime();
    int n = refs++;
    pending[n & 15] = now;
    if (crowd.inWindow(now)) tally().done[k.ordinal()]++;
    return "" + k.letter() + n;
  }

  private void typeThenSend() {
    int j = cur;
    if (!crowd.mix.reference && crowd.typingShared(rooms[j])) {
      conn.send("{\"type\":\"typing\",\"room\":\"" + room(j) + "\"}", true);
      if (crowd.inWindow(System.nanoTime())) tally().done[Kind.TYPING.ordinal()]++;
    }
    loop.loop.schedule(
        () -> {
          if (online && !crowd.stopping) send(j);
        },
        (long) (crowd.mix.typingMs / crowd.mix.speed),
        TimeUnit.MILLISECONDS);
  }

  private void send(int j) {
    double u = ThreadLocalRandom.current().nextDouble();
    Kind k = Kind.MESSAGE;
    String extra = "";
    if (!crowd.mix.reference) {
      if (u < crowd.mix.replyShare && lastMessage[j] > 0) {
        k = Kind.REPLY;
        extra = ",\"replyTo\":" + lastMessage[j];
      } else if (u < crowd.mix.replyShare + crowd.mix.threadShare && lastRoot[j] > 0) {
        k = Kind.THREAD;
        extra = ",\"thread\":" + lastRoot[j];
      }
    }
    sendFrame(k, "\"room\":\"" + room(j) + "\"" + extra, null);
  }

  private void sendFrame(Kind k, String where, Person to) {
    long now = System.nanoTime();
    long micros = (now - crowd.t0) / 1000;
    if (crowd.inWindow(now)) tally().done[k.ordinal()]++;
    sb.setLength(0);
    sb.append("{\"type\":\"send\",")
        .append(where)
        .append(",\"id\":\"")
        .append(k.letter())
        .append(idx)
        .append('-')
        .append(session)
        .append('-')
        .append(sends++)
        .append("\",\"ref\":\"")
        .append(k.letter())
        .append(refs++)
        .append("\",\"text\":\"")
        .append(k.letter())
        .append(idx)
        .append('.')
        .append(micros)
        .append('.');
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    for (int i = 3 + rnd.nextInt(10); i > 0; i--)
      sb.append(' ').append(Mix.WORDS[rnd.nextInt(Mix.WORDS.length)]);
    if (crowd.mix.linkShare > 0 && rnd.nextDouble() < crowd.mix.linkShare)
      sb.append(" http://127.0.0.1:")
          .append(crowd.mix.linkSitePort)
          .append("/p/")
          .append(rnd.nextInt(100_000));
    sb.append("\"}");
    // recipient reconnecting: it catches up its planned rooms, not its DMs (counted apart)
    if (to != null)
      crowd.pendingDm.put(
          idx + "." + micros, new long[] {now, to.idx, to.online ? to.session : -1, 0, idx});
    conn.send(sb, true);
  }

  private void read() {
    int j = cur;
    if (hw[j] <= lastRead[j]) return;
    lastRead[j] = hw[j];
    long now = System.nanoTime();
    readStart = now;
    if (crowd.inWindow(now)) tally().done[Kind.READ.ordinal()]++;
    conn.send("{\"type\":\"read\",\"room\":\"" + room(j) + "\",\"seq\":" + hw[j] + "}", true);
  }

  private void react() {
    int j = cur;
    if (lastMessage[j] <= 0) return;
    String emoji = EMOJI[ThreadLocalRandom.current().nextInt(EMOJI.length)];
    conn.send(
        "{\"type\":\"react\",\"room\":\""
            + room(j)
            + "\",\"seq\":"
            + lastMessage[j]
            + ",\"emoji\":\""
            + emoji
            + "\",\"on\":true,\"ref\":\""
            + start(Kind.REACT)
            + "\"}",
        true);
  }

  /** A new topic for a room this person made (its owner), answered by {@code ok}. */
  private void settings() {
    int j = owned;
    if (j < 0 || conn == null) return;
    conn.send(
        "{\"type\":\"settings\",\"room\":\""
            + room(j)
            + "\",\"topic\":\"topic "
            + refs
            + "\",\"ref\":\""
            + start(Kind.SETTINGS)
            + "\"}",
        true);
  }

  private void dm() {
    Person other = crowd.someoneOnline(this);
    if (other == null) return;
    sendFrame(Kind.DM, "\"to\":\"" + other.userId + "\"", other);
  }

  private void switchRoom() {
    if (rooms.length > 1) {
      int next = ThreadLocalRandom.current().nextInt(rooms.length - 1);
      cur = next >= cur ? next + 1 : next;
    }
    conn.send(
        "{\"type\":\"history\",\"room\":\""
            + room(cur)
            + "\",\"limit\":"
            + crowd.mix.historyLimit
            + ",\"ref\":\""
            + start(Kind.HISTORY)
            + "\"}",
        true);
  }
}
