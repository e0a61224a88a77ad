package dev.parley.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The most recent events of one room's log, in memory, so that a crowd catching up after a
 * reconnect ({@code history} with {@code after} = the last seq seen) is answered without a database
 * read.
 *
 * <p>Invariant: the tail holds the contiguous run of seqs {@code first .. end}, where {@code end}
 * is the seq of the room's newest published event (its {@code lastSeq}); it is empty when {@code
 * first == end + 1}. It holds at most {@value #MAX_EVENTS} events and about {@value #MAX_BYTES}
 * bytes of them (by {@link PageSize#estimate}), dropping the oldest first. A question is answered
 * here only when the answer lies wholly inside that run (or is the empty answer past {@code end});
 * anything else goes to the store.
 *
 * <p>The writer thread appends ({@link #append}; on a node of a cluster, the bus's thread that puts
 * every node's events in order); event loops read ({@link #page}) and, after a store read, may fill
 * older events in ({@link #fill}). All three hold the monitor for a copy of at most {@value
 * #MAX_EVENTS} references, so no caller waits long.
 *
 * <p>A message can change after it is stored (edit, delete, reactions). The writer thread, after
 * committing such a change, calls {@link #replace} with the message as it now is, so the tail stays
 * as good as the rows. A store read that started before a change may return the old version: {@link
 * #fill} is given the room's rev as it was when the read started and puts nothing in when a change
 * came in since (the next read will fill instead).
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

  /** The rev of the latest change this tail has been told of. */
  private long rev;

  /**
   * The oldest seq the store still holds (retention removes the start of a log): nothing older is
   * ever held or answered, and a page reaching it has no {@code more}.
   */
  private long floor;

  /** An empty tail for a room whose log ends at {@code lastSeq}. */
  RoomTail(long lastSeq) {
    this(lastSeq, 1);
  }

  /** An empty tail for a room whose stored log is {@code firstSeq .. lastSeq}. */
  RoomTail(long lastSeq, long firstSeq) {
    this.end = lastSeq;
    this.first = lastSeq + 1;
    this.floor = Math.max(1, firstSeq);
  }

  /**
   * Retention removed every event below {@code firstSeq} from the store, on the writer thread after
   * the commit: they go from here too, and answers start there.
   */
  synchronized void purge(long firstSeq) {
    if (firstSeq <= floor) return;
    floor = firstSeq;
    while (first < floor && first <= end) dropOldest();
    for (long s = first; s <= end; s++) {
      if (ring[slot(s)] instanceof Message m
          && m.conversation().reply() != null
          && m.conversation().reply().seq() < floor)
        quote(s, m, m.conversation().reply().without(Conversation.Reply.GONE));
    }
  }

  /**
   * A stored change to a message, on the writer thread in rev order: the held copy, if any, is
   * replaced by {@code message}.
   */
  synchronized void replace(Message message) {
    rev = Math.max(rev, message.rev());
    long seq = message.seq();
    if (seq < first || seq > end) return;
    int slot = slot(seq);
    // In a cluster, two changes made on two nodes may arrive in either order: keep the newer.
    if (ring[slot] instanceof Message held && held.rev() >= message.rev()) return;
    int size = PageSize.estimate(message);
    bytes += size - sizes[slot];
    ring[slot] = message;
    sizes[slot] = size;
    if (message.deleted() || message.edited() != null) requote(message);
    while (bytes > MAX_BYTES && first < end) dropOldest();
  }

  /**
   * Replies held here to {@code parent} quote it as it is now: not at all once it is deleted (or
   * purged), its new text once edited. The store changed theirs in the same transaction ({@link
   * Store#amend}, {@link Store#purge}), without a rev of their own.
   */
  private void requote(Message parent) {
    for (long s = Math.max(first, parent.seq() + 1); s <= end; s++) {
      if (ring[slot(s)] instanceof Message m
          && m.conversation().reply() != null
          && m.conversation().reply().seq() == parent.seq())
        quote(s, m, Conversations.quote(parent, m.conversation().reply().from()));
    }
  }

  /** Held reply {@code m} at {@code seq} quotes its parent as {@code next}. */
  private void quote(long seq, Message m, Conversation.Reply next) {
    if (next.equals(m.conversation().reply())) return;
    ring[slot(seq)] = m.withConversation(m.conversation().withReply(next));
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
   * precede the oldest held, as many as fit. A page that does not reach the tail changes nothing,
   * and neither does one read before the latest change ({@code revAtRead}: the room's rev when the
   * read was asked for).
   */
  synchronized void fill(List<Event> page, long revAtRead) {
    if (page.isEmpty() || revAtRead < rev) return;
    long base = page.get(0).seq();
    long idx = first - 1 - base;
    while (idx >= 0 && idx < page.size() && end - first + 1 < MAX_EVENTS) {
      Event event = page.get((int) idx);
      if (event.seq() != first - 1) return; // not the contiguous run it should be: leave it
      if (event.seq() < floor) return; // read before a purge removed it
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
   * The page the store would answer, or null when the tail does not hold all of it. Arguments as
   * {@link Store#history} ({@code limit} at least 1; not both bounds). The page is not yet capped
   * by size.
   */
  synchronized Store.Page page(Long before, Long after, int limit) {
    long lo;
    long hi;
    boolean more;
    if (after != null) {
      long a = Math.max(after, 0);
      if (a >= end) return new Store.Page(List.of(), false);
      lo = Math.max(a + 1, floor);
      if (lo < first) return null;
      hi = Math.min(end, lo + limit - 1);
      more = hi < end;
    } else {
      hi = before == null ? end : Math.min(before - 1, end);
      if (hi < floor) return new Store.Page(List.of(), false);
      lo = Math.max(floor, hi - limit + 1);
      if (lo < first) return null;
      more = lo > floor;
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
