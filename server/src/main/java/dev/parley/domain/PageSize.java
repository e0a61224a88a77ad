package dev.parley.domain;

import java.util.List;
import java.util.Map;

/**
 * Keeps a {@code history} frame small enough to send: 200 messages of 8000 characters would be
 * megabytes in one frame, past the point where the server closes a connection as a slow reader. A
 * page stops growing once its estimated encoded size passes {@link #MAX_PAGE_BYTES}; it keeps the
 * events nearest its anchor and says {@code more}.
 */
final class PageSize {
  /** The most a history page may grow to, roughly, in encoded bytes. */
  static final long MAX_PAGE_BYTES = 256 * 1024;

  /** JSON around an event's strings: field names, punctuation, seq, ts, flags. */
  private static final int EVENT_OVERHEAD = 200;

  private PageSize() {}

  /**
   * Caps {@code page} to about {@code maxBytes}. Going {@code forward} (an {@code after} page) the
   * earliest events are kept, otherwise (the latest page, a {@code before} page) the newest; at
   * least one event always. A page that was cut says {@code more}: the cut events lie in the
   * direction asked.
   */
  static Store.Page cap(Store.Page page, boolean forward, long maxBytes) {
    List<Event> events = page.events();
    int n = events.size();
    if (n <= 1) return page;
    long total = 0;
    int kept = 0;
    for (int i = 0; i < n; i++) {
      Event e = events.get(forward ? i : n - 1 - i);
      long size = estimate(e);
      if (kept > 0 && total + size > maxBytes) break;
      total += size;
      kept++;
    }
    if (kept == n) return page;
    List<Event> cut = forward ? events.subList(0, kept) : events.subList(n - kept, n);
    return new Store.Page(List.copyOf(cut), true);
  }

  /**
   * An upper estimate of an event's size in the wire's JSON: the UTF-8 bytes of its strings, with
   * JSON escapes, plus a fixed allowance for the rest.
   */
  static int estimate(Event event) {
    long size = EVENT_OVERHEAD;
    if (event instanceof Message m) {
      size += json(m.room()) + json(m.id()) + json(m.text()) + profile(m.from());
      if (m.image() != null) size += 80 + json(m.image().url()) + json(m.image().name());
      if (m.file() != null) size += 100 + json(m.file().url()) + json(m.file().name());
      for (Map.Entry<String, List<String>> r : m.reactions().entrySet()) {
        size += 4 + json(r.getKey());
        for (String user : r.getValue()) size += 3 + json(user);
      }
    } else if (event instanceof Notice n) {
      size += json(n.room()) + profile(n.user());
    } else {
      throw new IllegalStateException("no size for the event " + event.getClass().getSimpleName());
    }
    return (int) Math.min(Integer.MAX_VALUE, size);
  }

  private static long profile(Profile p) {
    return p == null ? 0 : 40 + json(p.id()) + json(p.nick()) + json(p.avatar());
  }

  /** Bytes of {@code s} as a JSON string body in UTF-8 (escaped control characters count 6). */
  static long json(String s) {
    if (s == null) return 0;
    long bytes = 0;
    for (int i = 0, len = s.length(); i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x20) bytes += 6;
      else if (c == '"' || c == '\\') bytes += 2;
      else if (c < 0x80) bytes += 1;
      else if (c < 0x800 || Character.isSurrogate(c)) bytes += 2; // a surrogate pair is 4
      else bytes += 3;
    }
    return bytes;
  }
}
