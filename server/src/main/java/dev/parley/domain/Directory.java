package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The public rooms, busiest first, kept ranked as they change, so that a welcome and a {@code
 * directory} page cost the page and not the number of rooms. Why: every welcome used to list and
 * sort every public room (4.9 MB with the audit's 20,040 rooms, over the slow-reader limit); now it
 * lists at most {@link #WELCOME_ROOMS} and the rest are paged and filtered on request.
 *
 * <p>Order: most members first, then by name. A page resumes after a cursor {@code
 * "<members>:<name>"} (the last room of the previous page, as ranked then): a seek in the ranking,
 * not a count from the start, so a room created or joined meanwhile never shifts what follows. A
 * room whose member count changes while someone pages may move across the cursor: it is then listed
 * twice or not in that pass (a client keeps the latest it got); every room whose count stays put is
 * listed exactly once.
 *
 * <p>The work of one page is bounded: at most {@link #MAX_SCANNED} rooms looked at, however few
 * match a filter; a page that stops there says {@code more} with a cursor past what it looked at.
 *
 * <p>Thread-safe: any thread re-ranks a room ({@link #update}) after changing it; the ranking is a
 * concurrent skip list, and a room's entry is replaced under its key in {@link #entries} (the new
 * one added before the old one goes, so a reader may meet a room twice, never miss it: pages drop
 * the repeat).
 */
final class Directory {
  /** Public rooms a welcome lists. */
  static final int WELCOME_ROOMS = 200;

  static final int DEFAULT_PAGE = 50;
  static final int MAX_PAGE = 200;

  /** Rooms one page may look at, matching or not. */
  static final int MAX_SCANNED = 5_000;

  /** The longest filter: more than a name and a topic could ever match. */
  static final int MAX_QUERY = 200;

  /** A room as ranked: {@code haystack} is its name and topic in lower case, for filtering. */
  private record Entry(
      int members, String name, String topic, String haystack, Out.DirectoryEntry view) {}

  /**
   * Members descending, then name; then topic, so a topic change makes a distinct entry. A null
   * topic seeks past a room.
   */
  private static final Comparator<Entry> RANK =
      Comparator.comparingInt((Entry e) -> -e.members)
          .thenComparing(Entry::name)
          .thenComparing(Entry::topic, Comparator.nullsLast(Comparator.naturalOrder()));

  private final ConcurrentSkipListSet<Entry> ranked = new ConcurrentSkipListSet<>(RANK);
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /** A page: {@code next} is the cursor to ask with for more, null when there is no more. */
  record Page(List<Out.DirectoryEntry> rooms, boolean more, String next) {}

  /** Ranks a public room as it is now (new, joined, left, topic changed); drops a private one. */
  void update(RoomState room) {
    if (room.isDirect()) return;
    entries.compute(
        room.name,
        (name, old) -> {
          if (room.isPrivate()) { // not listed; no longer, if it was public
            if (old != null) ranked.remove(old);
            return null;
          }
          int members = room.members.size();
          String topic = room.topic;
          if (old != null && old.members == members && old.topic.equals(topic)) return old;
          Entry e =
              new Entry(
                  members,
                  name,
                  topic,
                  (name + '\n' + topic).toLowerCase(Locale.ROOT),
                  new Out.DirectoryEntry(name, topic, members));
          ranked.add(e);
          if (old != null) ranked.remove(old);
          return e;
        });
  }

  /** The first page, as a welcome lists it. */
  Page first() {
    return page(null, null, WELCOME_ROOMS);
  }

  /**
   * Rooms whose name or topic contains {@code q} (ignoring case; null or blank: every room), after
   * the cursor {@code after} (null: from the start), at most {@code limit} (clamped to 1 to {@link
   * #MAX_PAGE}; null: {@link #DEFAULT_PAGE}).
   *
   * @throws ChatException {@code bad_request} for a filter that is too long or a cursor that is not
   *     one
   */
  Page page(String q, String after, Integer limit) {
    int n = limit == null ? DEFAULT_PAGE : Math.max(1, Math.min(MAX_PAGE, limit));
    String needle = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
    if (needle.length() > MAX_QUERY)
      throw new ChatException(
          BAD_REQUEST, "A directory filter is at most " + MAX_QUERY + " characters.");
    Iterable<Entry> from = after == null ? ranked : ranked.tailSet(cursor(after), false);
    List<Out.DirectoryEntry> rooms = new ArrayList<>(Math.min(n, 64));
    Set<String> listed = new HashSet<>();
    Entry last = null;
    int scanned = 0;
    for (Entry e : from) {
      if (++scanned > MAX_SCANNED) {
        // looked at enough: more, from past what was looked at (or past the last listed, when full)
        return new Page(
            rooms, true, rooms.size() == n ? cursorOf(lastListed(rooms)) : cursorOf(last));
      }
      last = e;
      if (!needle.isEmpty() && !e.haystack.contains(needle)) continue;
      if (!listed.add(e.name)) continue; // met again mid-update
      if (rooms.size() == n) return new Page(rooms, true, cursorOf(lastListed(rooms)));
      rooms.add(e.view);
    }
    return new Page(rooms, false, null);
  }

  private static Out.DirectoryEntry lastListed(List<Out.DirectoryEntry> rooms) {
    return rooms.get(rooms.size() - 1);
  }

  private static String cursorOf(Out.DirectoryEntry d) {
    return d.members() + ":" + d.name();
  }

  private static String cursorOf(Entry e) {
    return e.members + ":" + e.name;
  }

  /**
   * The probe that {@code "<members>:<name>"} names: it ranks just after that room, whatever its
   * topic.
   */
  private static Entry cursor(String after) {
    int colon = after.indexOf(':');
    String count = colon < 0 ? "" : after.substring(0, colon);
    String name = colon < 0 ? "" : after.substring(colon + 1);
    if (count.isEmpty()
        || count.length() > 9
        || !count.chars().allMatch(c -> c >= '0' && c <= '9')
        || !Names.isRoom(name)) {
      throw new ChatException(
          BAD_REQUEST, "'after' must be a cursor the server gave ('next' of a directory page).");
    }
    return new Entry(Integer.parseInt(count), name, null, null, null);
  }
}
