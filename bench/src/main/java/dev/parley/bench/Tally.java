package dev.parley.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One event loop's counts for the capacity scenario's current step: per kind of action how many
 * were done, answered and refused, and how long the answers took; delivery latency; the frames
 * received by type. Written only on its loop; the driver merges copies taken there.
 */
final class Tally {

  /** The actions of the mix. A request's ref starts with its letter ('a' + ordinal). */
  enum Kind {
    MESSAGE,
    REPLY,
    THREAD,
    DM,
    TYPING,
    READ,
    REACT,
    HISTORY,
    SEARCH,
    RECONNECT,
    HELLO,
    SIGNIN,
    CHANGES,
    SETTINGS;

    char letter() {
      return (char) ('a' + ordinal());
    }

    static Kind of(byte letter) {
      int i = letter - 'a';
      return i >= 0 && i < VALUES.length ? VALUES[i] : null;
    }

    static final Kind[] VALUES = values();
  }

  /** Frame types counted on receipt. */
  static final String[] RECEIVED = {
    "message", "notice", "typing", "read", "reaction", "presence", "room", "other"
  };

  final long[] done = new long[Kind.VALUES.length];
  final long[] answered = new long[Kind.VALUES.length];
  final long[] errors = new long[Kind.VALUES.length];
  final Histogram[] latency = new Histogram[Kind.VALUES.length];
  final Histogram delivery = new Histogram(60_000_000L, 3);
  final long[] received = new long[RECEIVED.length];
  long deliveries;
  long liveGaps;
  long otherErrors;
  long rateLimited;
  long closedByServer;
  String lastError;

  Tally() {
    for (int i = 0; i < latency.length; i++) latency[i] = new Histogram(60_000_000L, 3);
  }

  void reset() {
    java.util.Arrays.fill(done, 0);
    java.util.Arrays.fill(answered, 0);
    java.util.Arrays.fill(errors, 0);
    java.util.Arrays.fill(received, 0);
    for (Histogram h : latency) h.reset();
    delivery.reset();
    deliveries = liveGaps = otherErrors = rateLimited = closedByServer = 0;
    lastError = null;
  }

  Tally copy() {
    Tally t = new Tally();
    t.add(this);
    return t;
  }

  void add(Tally o) {
    for (int i = 0; i < done.length; i++) {
      done[i] += o.done[i];
      answered[i] += o.answered[i];
      errors[i] += o.errors[i];
      latency[i].add(o.latency[i]);
    }
    for (int i = 0; i < received.length; i++) received[i] += o.received[i];
    delivery.add(o.delivery);
    deliveries += o.deliveries;
    liveGaps += o.liveGaps;
    otherErrors += o.otherErrors;
    rateLimited += o.rateLimited;
    closedByServer += o.closedByServer;
    if (o.lastError != null) lastError = o.lastError;
  }

  static long micros(long fromNs, long toNs) {
    return Math.max(0, Math.min(60_000_000L, (toNs - fromNs) / 1000));
  }

  long errorsTotal() {
    long e = otherErrors + closedByServer;
    for (long x : errors) e += x;
    return e;
  }

  long doneTotal() {
    long d = 0;
    for (long x : done) d += x;
    return d;
  }

  /** The step's figures: per kind, delivery latency, frames received, the error rate. */
  static Map<String, Object> summary(List<Tally> loops, double seconds) {
    Tally t = new Tally();
    for (Tally l : loops) t.add(l);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("deliveries", t.deliveries);
    m.put("deliveries_per_s", t.deliveries / seconds);
    m.put("delivery_ms", Report.percentiles(t.delivery));
    Map<String, Object> kinds = new LinkedHashMap<>();
    for (Kind k : Kind.VALUES) {
      int i = k.ordinal();
      if (t.done[i] == 0 && t.answered[i] == 0 && t.errors[i] == 0) continue;
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("done", t.done[i]);
      one.put("answered", t.answered[i]);
      one.put("errors", t.errors[i]);
      one.put("per_s", t.done[i] / seconds);
      if (t.latency[i].getTotalCount() > 0) {
        Map<String, Object> p = Report.percentiles(t.latency[i]);
        p.remove("p90");
        p.remove("mean");
        one.put("latency_ms", p);
      }
      kinds.put(k.name().toLowerCase(java.util.Locale.ROOT), one);
    }
    m.put("actions", kinds);
    Map<String, Object> rec = new LinkedHashMap<>();
    for (int i = 0; i < RECEIVED.length; i++) rec.put(RECEIVED[i], t.received[i]);
    m.put("frames_received", rec);
    m.put("frames_received_per_s", java.util.Arrays.stream(t.received).sum() / seconds);
    long done = t.doneTotal(), errors = t.errorsTotal();
    m.put("actions_done", done);
    m.put("errors", errors);
    m.put("error_rate", done == 0 ? 0.0 : (double) errors / done);
    m.put("rate_limited", t.rateLimited);
    m.put("closed_by_server", t.closedByServer);
    m.put("live_seq_gaps", t.liveGaps);
    if (t.lastError != null) m.put("last_error", t.lastError);
    return m;
  }
}
