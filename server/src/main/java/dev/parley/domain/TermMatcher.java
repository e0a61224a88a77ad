package dev.parley.domain;

import java.util.List;

/**
 * Finds one search term in a folded text, exactly or with a typo, in time linear in the text.
 *
 * <p>Why: the check it replaces tried three windows at every position of the text and compared each
 * with the term, O(text × term) per term; a room of messages of 8,000 {@code a}s and a query of
 * eight long words cost seconds of CPU per request (issue 14). Here one pass of a bit-parallel
 * automaton (shift-and, with a second state vector for one edit, in the manner of Wu and Manber)
 * reads each character once: O(n) word operations per term, because a term is at most {@value
 * #MAX_LENGTH} chars ({@link Search#MAX_TERM}) and fits in a {@code long}.
 *
 * <p>What counts as one edit ({@link Search.Typos}): {@code ONE}: a char wrong, missing or extra,
 * or two adjacent chars swapped; {@code SWAP}: only two adjacent chars swapped. Chars are UTF-16
 * units of the folded text, as everywhere in {@link Search}.
 *
 * <p>Highlights: {@link #exact} and {@link #typos} report non-overlapping occurrences from left to
 * right (for a typo, the longest window at each start), the same ranges the quadratic check gave; a
 * typo's start positions come from one pass over the text backwards, and only a position that
 * starts a reported range is looked at again ({@link #withinOne}, O(term)), so that work too is
 * linear in the text.
 */
final class TermMatcher {
  static final int MAX_LENGTH = 64;

  /** Slots of the table from a char to its mask: a power of two, four times {@link #MAX_LENGTH}. */
  private static final int SLOT_BITS = 8;

  private static final int SLOTS = 1 << SLOT_BITS;

  private final String term;
  private final Search.Typos typos;

  /** Forward masks: bit j of mask(c) is set when term[j] == c. */
  private final CharMasks forward;

  /** The same for the term read backwards. */
  private final CharMasks backward;

  TermMatcher(String term, Search.Typos typos) {
    if (term.isEmpty() || term.length() > MAX_LENGTH)
      throw new IllegalArgumentException("term length " + term.length());
    this.term = term;
    this.typos = typos;
    this.forward = new CharMasks(term, false);
    this.backward = new CharMasks(term, true);
  }

  /** Whether {@code text} holds the term exactly or, if this term allows one, with a typo. */
  boolean holds(String text) {
    int n = text.length();
    long last = 1L << (term.length() - 1);
    long d0 = 0; // bit j: term[0..j] ends here exactly
    long d1 = typos == Search.Typos.ONE ? 1 : 0; // ... with at most one edit
    long d0before = 0; // d0 two chars back, for a swap
    long maskBefore = 0;
    for (int i = 0; i < n; i++) {
      long mask = forward.mask(text.charAt(i));
      long d0next = ((d0 << 1) | 1) & mask;
      if ((d0next & last) != 0) return true;
      if (typos != Search.Typos.NONE) {
        long d1next = step(d1, d0, d0next, d0before, mask, maskBefore);
        if ((d1next & last) != 0) return true;
        d1 = d1next;
      }
      d0before = d0;
      d0 = d0next;
      maskBefore = mask;
    }
    return false;
  }

  /**
   * The one-edit state after a char whose mask is {@code mask} (the char before it: {@code
   * maskBefore}).
   */
  private long step(long d1, long d0, long d0next, long d0before, long mask, long maskBefore) {
    long next = ((d1 << 1) | 1) & mask; // a matching char extends a match with its edit
    // two chars swapped: term[0..j-2] ended two chars back, then term[j], term[j-1]
    next |= ((((d0before << 1) | 1) & mask) << 1) & maskBefore;
    if (typos == Search.Typos.ONE) {
      next |= (d0 << 1) | 1; // this char replaces term[j]
      next |= d0; // this char is extra
      next |= (d0next << 1) | 1; // term[j] is missing
    }
    return next;
  }

  /**
   * Adds [start, end) of every non-overlapping exact occurrence, left to right, to {@code found}.
   */
  void exact(String text, List<int[]> found) {
    int m = term.length();
    long last = 1L << (m - 1);
    long d0 = 0;
    int free = 0;
    for (int i = 0; i < text.length(); i++) {
      d0 = ((d0 << 1) | 1) & forward.mask(text.charAt(i));
      if ((d0 & last) != 0 && i - m + 1 >= free) {
        found.add(new int[] {i - m + 1, i + 1});
        free = i + 1;
      }
    }
  }

  /**
   * Adds the non-overlapping typo occurrences to {@code found}, left to right, at each start the
   * longest window (term length + 1, then the length, then − 1) within one edit.
   */
  void typos(String text, List<int[]> found) {
    if (typos == Search.Typos.NONE) return;
    boolean[] starts = starts(text);
    int m = term.length();
    int i = 0;
    while (i < text.length()) {
      int len = -1;
      if (starts[i]) {
        for (int l : new int[] {m + 1, m, m - 1}) {
          if (i + l <= text.length() && withinOne(text, i, l, term, typos)) {
            len = l;
            break;
          }
        }
      }
      if (len > 0) {
        found.add(new int[] {i, i + len});
        i += len;
      } else {
        i++;
      }
    }
  }

  /**
   * For each position, whether a window within one edit of the term starts there: the automaton run
   * backwards.
   */
  private boolean[] starts(String text) {
    int n = text.length();
    boolean[] starts = new boolean[n];
    long last = 1L << (term.length() - 1);
    long d0 = 0;
    long d1 = typos == Search.Typos.ONE ? 1 : 0;
    long d0before = 0;
    long maskBefore = 0;
    for (int i = n - 1; i >= 0; i--) {
      long mask = backward.mask(text.charAt(i));
      long d0next = ((d0 << 1) | 1) & mask;
      long d1next = step(d1, d0, d0next, d0before, mask, maskBefore);
      starts[i] = (d1next & last) != 0;
      d0before = d0;
      d0 = d0next;
      d1 = d1next;
      maskBefore = mask;
    }
    return starts;
  }

  /**
   * Whether text[from, from+len) is the term or within one edit of it ({@code typos}: which edits
   * count). Compares from the first difference, so O(term).
   */
  static boolean withinOne(String text, int from, int len, String term, Search.Typos typos) {
    int m = term.length();
    if (Math.abs(len - m) > 1) return false;
    int k = 0;
    int common = Math.min(len, m);
    while (k < common && text.charAt(from + k) == term.charAt(k)) k++;
    if (len == m) {
      if (k == m) return true;
      if (typos == Search.Typos.NONE) return false;
      if (k + 1 < m
          && text.charAt(from + k) == term.charAt(k + 1)
          && text.charAt(from + k + 1) == term.charAt(k)
          && text.regionMatches(from + k + 2, term, k + 2, m - k - 2)) {
        return true;
      }
      return typos == Search.Typos.ONE && text.regionMatches(from + k + 1, term, k + 1, m - k - 1);
    }
    if (typos != Search.Typos.ONE) return false;
    if (len == m + 1) return text.regionMatches(from + k + 1, term, k, m - k); // an extra char at k
    return text.regionMatches(from + k, term, k + 1, m - k - 1); // term[k] missing
  }

  /**
   * A char's bit mask for one term: chars below 256 straight from an array, the others from a table
   * with open addressing, so a text in any script costs one or two probes per char (the term has at
   * most {@value #MAX_LENGTH} distinct chars).
   */
  private static final class CharMasks {
    private final long[] latin = new long[256];
    private final char[] keys = new char[SLOTS];
    private final long[] masks = new long[SLOTS];
    private final boolean[] used = new boolean[SLOTS];

    CharMasks(String term, boolean reversed) {
      int m = term.length();
      for (int j = 0; j < m; j++) {
        char c = term.charAt(reversed ? m - 1 - j : j);
        if (c < 256) {
          latin[c] |= 1L << j;
          continue;
        }
        int s = slot(c);
        keys[s] = c;
        used[s] = true;
        masks[s] |= 1L << j;
      }
    }

    /** Fibonacci hashing: the top bits of the product mix every bit of the char. */
    private static int home(char c) {
      return (c * 0x9E3779B1) >>> (32 - SLOT_BITS);
    }

    private int slot(char c) {
      int s = home(c);
      while (used[s] && keys[s] != c) s = (s + 1) & (SLOTS - 1);
      return s;
    }

    long mask(char c) {
      if (c < 256) return latin[c];
      int s = home(c);
      while (used[s]) {
        if (keys[s] == c) return masks[s];
        s = (s + 1) & (SLOTS - 1);
      }
      return 0;
    }
  }
}
