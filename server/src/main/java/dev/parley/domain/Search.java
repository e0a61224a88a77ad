package dev.parley.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How search matches, in one place for both stores: how text is folded (lower case, accents
 * off, NFKC), how a query becomes terms, and how a candidate row is verified and highlighted.
 *
 * <p>Why here and not in SQL: SQLite's FTS5 and PostgreSQL's pg_trgm fold and tokenise
 * differently, so each store only narrows the candidates with its index (substrings of the
 * folded text, see {@link Term}) and every candidate is then checked by {@link #match}. The two
 * stores therefore find exactly the same messages, and the highlight ranges come from the same
 * code.
 */
public final class Search {
  /** Shortest term the trigram index can look up; a CJK term of two characters uses the bigram column. */
  public static final int MIN_TERM = 3;
  /** Terms at least this long also match with one typo (see {@link Term#left}). */
  public static final int FUZZY_MIN = 6;
  public static final int MAX_QUERY = 200;
  public static final int MAX_TERMS = 8;
  /** Ends every bigram in the bigram column, so a lookup of "xy|" only finds a whole pair. */
  public static final char PAIR_END = '|';

  private Search() {}

  /**
   * One word of the query, folded. {@code left} and {@code right} (non-null for a fuzzy term)
   * are its two halves: a text within one edit of the term still holds one of them intact, so
   * "left OR right" is a complete candidate filter for typos. {@code pair} marks a two-character
   * CJK term, looked up in the bigram column as {@code text + PAIR_END}. A term shorter than
   * {@link #MIN_TERM} (and not a pair) is not looked up at all, only verified.
   */
  public record Term(String text, boolean pair, String left, String right) {
    public boolean indexed() {
      return pair || text.codePointCount(0, text.length()) >= MIN_TERM;
    }

    public boolean fuzzy() {
      return left != null;
    }
  }

  /**
   * A search as the store runs it. {@code room}, {@code userId}, {@code from} (inclusive),
   * {@code to} (exclusive) and {@code before} may be null.
   */
  public record Query(List<Term> terms, String room, String userId, Long from, Long to, Cursor before) {}

  /** A position in the result order (newest first): the doc id, then room and seq to break ties. */
  public record Cursor(long doc, String room, long seq) {
    public String wire() {
      return doc + "." + seq + "." + room;
    }

    /** Parses {@link #wire}; null when it is not one. */
    public static Cursor parse(String s) {
      if (s == null) return null;
      int a = s.indexOf('.');
      int b = a < 0 ? -1 : s.indexOf('.', a + 1);
      if (b < 0) return null;
      try {
        return new Cursor(Long.parseLong(s.substring(0, a)), s.substring(b + 1), Long.parseLong(s.substring(a + 1, b)));
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  /** A found message: {@code highlight} holds [start, end) UTF-16 offsets into {@code text}. */
  public record Hit(String room, long seq, long ts, Profile from, String text, List<int[]> highlight, Cursor at) {}

  /** A page of hits; {@code next} is the cursor for the following page, or null when there is none. */
  public record Page(List<Hit> hits, Cursor next) {}

  /** A message's text folded, with where each folded char came from in the original. */
  record Folded(String text, int[] start, int[] end) {}

  /** The folded form that the index holds and terms are compared with. */
  public static String fold(String text) {
    return folded(text).text;
  }

  static Folded folded(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int[] start = new int[text.length() + 8];
    int[] end = new int[text.length() + 8];
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      String f = foldCodePoint(cp);
      if (f.isEmpty() && out.length() > 0) {
        end[out.length() - 1] = next; // a dropped accent belongs to the letter before it
      }
      if (f.length() == 1 && (f.charAt(0) == '\u3099' || f.charAt(0) == '\u309A') && out.length() > 0) {
        // a separate kana voicing mark (half-width ﾞ) joins the kana before it, as NFKC would
        String joined = Normalizer.normalize(out.charAt(out.length() - 1) + f, Normalizer.Form.NFC);
        if (joined.length() == 1) {
          out.setCharAt(out.length() - 1, joined.charAt(0));
          end[out.length() - 1] = next;
          i = next;
          continue;
        }
      }
      for (int k = 0; k < f.length(); k++) {
        if (out.length() == start.length) {
          start = Arrays.copyOf(start, start.length * 2);
          end = Arrays.copyOf(end, end.length * 2);
        }
        start[out.length()] = i;
        end[out.length()] = next;
        out.append(f.charAt(k));
      }
      i = next;
    }
    return new Folded(out.toString(), start, end);
  }

  private static String foldCodePoint(int cp) {
    if (cp < 0x80) {
      char c = (char) cp;
      if (Character.isWhitespace(c)) return " ";
      return String.valueOf(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) return " ";
    String s = new String(Character.toChars(cp));
    if (cjk(cp)) return Normalizer.normalize(s, Normalizer.Form.NFKC); // kana keep their voicing marks
    String d = Normalizer.normalize(s, Normalizer.Form.NFKD);
    if (d.equals("\u3099") || d.equals("\u309A")) return d; // kana voicing marks are not accents
    StringBuilder b = new StringBuilder(d.length());
    d.codePoints()
        .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK && Character.getType(c) != Character.ENCLOSING_MARK)
        .forEach(b::appendCodePoint);
    return Normalizer.normalize(b.toString().toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
  }

  static boolean cjk(int cp) {
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
        || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL
        || cp == 0x30FC; // the prolonged sound mark is "common" but part of katakana words
  }

  /** The bigram column: every pair of adjacent CJK characters of the folded text, each followed by {@link #PAIR_END}. */
  public static String pairs(String folded) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i + 1 < folded.length(); i++) {
      if (cjk(folded.charAt(i)) && cjk(folded.charAt(i + 1))) {
        b.append(folded, i, i + 2).append(PAIR_END);
      }
    }
    return b.toString();
  }

  /**
   * The query's terms: its folded words. Throws {@link IllegalArgumentException} (the message
   * is for people) when it has no term the index can look up.
   */
  public static List<Term> terms(String q) {
    if (q == null || q.isBlank()) throw new IllegalArgumentException("q is required.");
    if (q.length() > MAX_QUERY) throw new IllegalArgumentException("q is at most " + MAX_QUERY + " characters.");
    List<Term> terms = new ArrayList<>();
    for (String word : fold(q).trim().split(" +")) {
      if (word.isEmpty() || terms.stream().anyMatch(t -> t.text.equals(word))) continue;
      boolean pair = word.length() == 2 && cjk(word.charAt(0)) && cjk(word.charAt(1));
      boolean anyCjk = word.chars().anyMatch(Search::cjk);
      boolean fuzzy = !anyCjk && word.codePointCount(0, word.length()) >= FUZZY_MIN;
      int half = word.offsetByCodePoints(0, word.codePointCount(0, word.length()) / 2); // never inside a surrogate pair
      terms.add(new Term(word, pair, fuzzy ? word.substring(0, half) : null, fuzzy ? word.substring(half) : null));
    }
    if (terms.size() > MAX_TERMS) throw new IllegalArgumentException("q has at most " + MAX_TERMS + " words.");
    if (terms.stream().noneMatch(Term::indexed)) {
      throw new IllegalArgumentException("q needs a word of at least 3 characters (2 in Chinese, Japanese or Korean).");
    }
    return List.copyOf(terms);
  }

  /**
   * Where every term occurs in {@code text} (exactly, or with one typo for a fuzzy term that
   * does not occur exactly), as merged [start, end) ranges of the original text; null when some
   * term does not occur.
   */
  public static List<int[]> match(String text, List<Term> terms) {
    if (text == null) return null;
    Folded f = folded(text);
    List<int[]> found = new ArrayList<>();
    for (Term t : terms) {
      int before = found.size();
      exact(f.text, t.text, found);
      if (found.size() == before && t.fuzzy()) oneEdit(f.text, t.text, found);
      if (found.size() == before) return null;
    }
    found.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
    List<int[]> merged = new ArrayList<>();
    for (int[] r : found) {
      int s = f.start[r[0]];
      int e = f.end[r[1] - 1];
      int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && s <= last[1]) last[1] = Math.max(last[1], e);
      else merged.add(new int[] {s, e});
    }
    return merged;
  }

  /**
   * Whether an already folded text holds every term as {@link #match} would find it, without the
   * highlight: lets a store drop candidates before it reads their messages.
   */
  public static boolean holds(String folded, List<Term> terms) {
    for (Term t : terms) {
      if (folded.contains(t.text)) continue;
      if (!t.fuzzy()) return false;
      List<int[]> near = new ArrayList<>(1);
      oneEdit(folded, t.text, near);
      if (near.isEmpty()) return false;
    }
    return true;
  }

  private static void exact(String text, String term, List<int[]> found) {
    for (int at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length())) {
      found.add(new int[] {at, at + term.length()});
    }
  }

  /** Non-overlapping substrings within one edit of {@code term}; a longer candidate first at each start. */
  private static void oneEdit(String text, String term, List<int[]> found) {
    int m = term.length();
    int i = 0;
    while (i < text.length()) {
      int len = -1;
      for (int l : new int[] {m + 1, m, m - 1}) {
        if (i + l <= text.length() && withinOne(text, i, l, term)) {
          len = l;
          break;
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

  /** Whether text[from, from+len) is within one substitution, insertion or deletion of term. */
  static boolean withinOne(String text, int from, int len, String term) {
    int m = term.length();
    if (Math.abs(len - m) > 1) return false;
    int a = 0;
    int b = 0;
    boolean edited = false;
    while (a < len && b < m) {
      if (text.charAt(from + a) == term.charAt(b)) {
        a++;
        b++;
        continue;
      }
      if (edited) return false;
      edited = true;
      if (len > m) a++;
      else if (len < m) b++;
      else {
        a++;
        b++;
      }
    }
    return edited ? a == len && b == m : Math.abs((len - a) - (m - b)) <= 1;
  }
}
