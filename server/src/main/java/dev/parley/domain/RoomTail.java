package dev.parley.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The most recent events of one room's log, in memory, so that a crowd catching up after a
 * reconnect ({@code history} with {@code after} = the last seq seen) is answered without a
 * database read.
 *
 * <p>Invariant: the tail holds the contiguous run of seqs {@code first .. end}, where {@code end}
 * is the seq of the room's newest published event (its {@code lastSeq}); it is empty when
 * {@code first == end + 1}. It holds at most {@value #MAX_EVENTS} events and about
 * {@value #MAX_BYTES} bytes of them (by {@link PageSize#estimate}), dropping the oldest first.
 * A question is answered here only when the answer lies wholly inside that run (or is the
 * empty answer past {@code end}); anything else goes to the store.
 *
 * <p>The writer thread appends ({@link #append}); event loops read ({@link #page}) and, after a
 * store read, may fill older events in ({@link #fill}). All three hold the monitor for a copy of
 * at most {@value #MAX_EVENTS} references, so no caller waits long.
 *
 * <p>Events are immutable once stored, which is what makes a copy here as good as the row. When
 * {@code edit}, {@code delete} and reactions arrive, the code that stores such a change must
 * also replace the event in the tail (a {@code replace(Event)} under the same monitor, for a seq
 * inside {@code first .. end}), and {@link #fill} must not put back a version older than one the
 * tail has seen replaced.
 */
final class RoomTail {
  static final int MAX_EVENTS = 128;
  static final long MAX_BYTES = 256 * 1024;

  private final Event[] ring = new Event[MAX_EVENTS];
  private final int[] sizes = new int[MAX_EVENTS];
  /** Seq of the oldest event held; {@code end + 1} when none is held. */
  private long first;
  /** Seq of the room's newest event. */
  private long end;
  private long bytes;

  /** An empty tail for a room whose log ends at {@code lastSeq}. */
  RoomTail(long lastSeq) {
    this.end = lastSeq;
    this.first = lastSeq + 1;
  }

  /** The room's next event, on the store's writer thread, in seq order. */
  synchronized void append(Event event) {
    long seq = event.seq();
    if (seq != end + 1) {
      // Not the next one: should not happen, but a tail must stay a contiguous run ending at
      // the room's lastSeq, so start over from this event.
      clear();
      first = seq;
    } else if (end - first + 1 == MAX_EVENTS) {
      dropOldest();
    }
    int slot = slot(seq);
    int size = PageSize.estimate(event);
    ring[slot] = event;
    sizes[slot] = size;
    bytes += size;
    end = seq;
    while (bytes > MAX_BYTES && first < end) dropOldest();
  }

  /**
   * Puts in the events of {@code page} (ascending, as the store returned them) that directly
   * precede the oldest held, as many as fit. A page that does not reach the tail changes
   * nothing.
   */
  synchronized void fill(List<Event> page) {
    if (page.isEmpty()) return;
    long base = page.get(0).seq();
    long idx = first - 1 - base;
    while (idx >= 0 && idx < page.size() && end - first + 1 < MAX_EVENTS) {
      Event event = page.get((int) idx);
      if (event.seq() != first - 1) return; // not the contiguous run it should be: leave it
      int size = PageSize.estimate(event);
      if (bytes + size > MAX_BYTES) return;
      first--;
      int slot = slot(first);
      ring[slot] = event;
      sizes[slot] = size;
      bytes += size;
      idx--;
    }
  }

  /**
   * The page the store would answer, or null when the tail does not hold all of it. Arguments
   * as {@link Store#history} ({@code limit} at least 1; not both bounds). The page is not yet
   * capped by size.
   */
  synchronized Store.Page page(Long before, Long after, int limit) {
    long lo;
    long hi;
    boolean more;
    if (after != null) {
      long a = Math.max(after, 0);
      if (a >= end) return new Store.Page(List.of(), false);
      if (a + 1 < first) return null;
      lo = a + 1;
      hi = Math.min(end, a + limit);
      more = hi < end;
    } else {
      hi = before == null ? end : Math.min(before - 1, end);
      if (hi < 1) return new Store.Page(List.of(), false);
      lo = Math.max(1, hi - limit + 1);
      if (lo < first) return null;
      more = lo > 1;
    }
    List<Event> events = new ArrayList<>((int) (hi - lo + 1));
    for (long seq = lo; seq <= hi; seq++) events.add(ring[slot(seq)]);
    return new Store.Page(Collections.unmodifiableList(events), more);
  }

  /** Seqs held, as {@code [first, end]}; for tests. */
  synchronized long[] range() {
    return new long[] {first, end};
  }

  private void dropOldest() {
    int slot = slot(first);
    bytes -= sizes[slot];
    ring[slot] = null;
    sizes[slot] = 0;
    first++;
  }

  private void clear() {
    java.util.Arrays.fill(ring, null);
    java.util.Arrays.fill(sizes, 0);
    bytes = 0;
  }

  private static int slot(long seq) {
    return (int) Math.floorMod(seq, (long) MAX_EVENTS);
  }
}
