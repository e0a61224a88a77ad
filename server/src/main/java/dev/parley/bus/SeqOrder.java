package dev.parley.bus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One room's events back into seq order on one node of a cluster (and, keyed by rev, its changes to
 * messages back into rev order: revs are gapless per room too). Each node's writer assigns seqs in
 * commit order, but the publications of two nodes travel separately, so a third node can receive
 * seq 6 before seq 5, or (Redis pub/sub loses messages when a subscriber lags or reconnects) never
 * receive 5 at all.
 *
 * <p>Contract: {@link #offer} hands back, in ascending seq, every item that can now be delivered:
 * the run that directly follows the last one delivered. An item at or below that is a duplicate and
 * is dropped, as is a second copy of one already held. What arrives early is held, and {@link
 * #overdue} says when the oldest hold has waited long enough that the caller should fetch the
 * missing seqs from the store ({@link #missing}) and offer them. If the store no longer has them
 * (retention removed them), {@link #skipTo} gives up on the gap.
 *
 * <p>Not thread-safe: one thread (the cluster bus's order thread) owns each instance. Plain Java,
 * so its rules are tested without a network.
 */
final class SeqOrder<T> {

  private long delivered;
  private final TreeMap<Long, T> held = new TreeMap<>();

  /** When the current gap was first seen (the oldest hold began), in the caller's clock. */
  private long waitingSince;

  /**
   * @param delivered the seq of the last event already delivered (0 for an empty log)
   */
  SeqOrder(long delivered) {
    this.delivered = delivered;
  }

  /** The item with {@code seq}; returns what can now be delivered, in seq order. */
  List<T> offer(long seq, T item, long now) {
    if (seq <= delivered || held.containsKey(seq)) return List.of();
    if (seq != delivered + 1) {
      if (held.isEmpty()) waitingSince = now;
      held.put(seq, item);
      return List.of();
    }
    List<T> out = new ArrayList<>(1 + held.size());
    out.add(item);
    delivered = seq;
    drain(out, now);
    return out;
  }

  /**
   * Gives up on every seq up to {@code seq} that has not arrived (the store does not hold it);
   * returns what can now be delivered.
   */
  List<T> skipTo(long seq, long now) {
    if (seq <= delivered) return List.of();
    delivered = seq;
    List<T> out = new ArrayList<>(held.size());
    held.headMap(seq, true).clear();
    drain(out, now);
    return out;
  }

  /** Puts {@code item} in place of the one held at {@code seq}, if any: a fuller copy of it. */
  void replace(long seq, T item) {
    if (held.containsKey(seq)) held.put(seq, item);
  }

  /** True when something has been held for at least {@code timeout} (in the caller's clock). */
  boolean overdue(long now, long timeout) {
    return !held.isEmpty() && now - waitingSince >= timeout;
  }

  /**
   * The gap to fetch, as {@code {after, through}}: the seqs {@code after + 1 .. through} are
   * missing before the oldest held item; null when nothing is held.
   */
  long[] missing() {
    if (held.isEmpty()) return null;
    return new long[] {delivered, held.firstKey() - 1};
  }

  long delivered() {
    return delivered;
  }

  int held() {
    return held.size();
  }

  private void drain(List<T> out, long now) {
    Map.Entry<Long, T> next;
    while ((next = held.firstEntry()) != null && next.getKey() == delivered + 1) {
      held.pollFirstEntry();
      out.add(next.getValue());
      delivered = next.getKey();
    }
    // A gap further on is a new wait: it starts now, not when the first one did.
    if (!held.isEmpty()) waitingSince = now;
  }
}
