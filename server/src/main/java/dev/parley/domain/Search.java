package dev.parley.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * How search matches, in one place for both stores: how text is folded (lower case, accents off,
 * NFKC), how a query becomes terms, and how a candidate row is verified and highlighted.
 *
 * <p>Why here and not in SQL: SQLite's FTS5 and PostgreSQL's pg_trgm fold and tokenise differently,
 * so each store only narrows the candidates with its index (substrings of the folded text, see
 * {@link Term}) and every candidate is then checked by {@link #match}. The two stores therefore
 * find exactly the same messages, and the highlight ranges come from the same code.
 */
public final class Search {
  /**
   * Shortest term the trigram index can look up; a CJK term of two characters uses the bigram
   * column.
   */
  public static final int MIN_TERM = 3;

  /** Terms at least this long also match with two adjacent letters swapped ({@link Typos#SWAP}). */
  public static final int SWAP_MIN = 4;

  /** Terms at least this long also match with one typo of any kind ({@link Typos#ONE}). */
  public static final int FUZZY_MIN = 6;

  public static final int MAX_QUERY = 200;
  public static final int MAX_TERMS = 8;

  /**
   * Longest word of a query, folded: what the matcher holds in one machine word ({@link
   * TermMatcher}).
   */
  public static final int MAX_TERM = TermMatcher.MAX_LENGTH;

  /** Ends every bigram in the bigram column, so a lookup of "xy|" only finds a whole pair. */
  public static final char PAIR_END = '|';

  private Search() {}

  /** Which typos a term forgives. */
  public enum Typos {
    /** None: the term must occur as it is. */
    NONE,
    /** Two adjacent letters swapped ({@code hkie} finds {@code hike}). */
    SWAP,
    /** One letter wrong, missing or extra, or two adjacent letters swapped. */
    ONE
  }

  /**
   * One word of the query, folded. {@code lookups} are what the index looks for: a text that holds
   * the term as {@link #match} would find it holds at least one of them intact, so "any of them" is
   * a complete candidate filter. For an exact term that is the term itself; for a term with {@link
   * Typos#SWAP}, the term and each of its adjacent swaps; for {@link Typos#ONE}, its two halves
   * (one edit leaves one of them intact) and the term with the two letters around the middle
   * swapped (the one edit that touches both halves). {@code pair} marks a two-character CJK term,
   * whose one lookup ({@code text + PAIR_END}) is in the bigram column. A term shorter than {@link
   * #MIN_TERM} (and not a pair) has no lookup: it is only verified.
   */
  public static final class Term {
    private final String text;
    private final boolean pair;
    private final Typos typos;
    private final List<String> lookups;
    final TermMatcher matcher;

    Term(String text, boolean pair, Typos typos, List<String> lookups) {
      this.text = text;
      this.pair = pair;
      this.typos = typos;
      this.lookups = List.copyOf(lookups);
      this.matcher = new TermMatcher(text, typos);
    }

    public String text() {
      return text;
    }

    public boolean pair() {
      return pair;
    }

    public Typos typos() {
      return typos;
    }

    public List<String> lookups() {
      return lookups;
    }

    public boolean indexed() {
      return !lookups.isEmpty();
    }

    @Override
    public String toString() {
      return text + (typos == Typos.NONE ? "" : "~" + typos);
    }
  }

  /**
   * A search as the store runs it. {@code room}, {@code userId}, {@code from} (inclusive), {@code
   * to} (exclusive) and {@code before} may be null.
   */
  public record Query(
      List<Term> terms, String room, String userId, Long from, Long to, Cursor before) {}

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
        return new Cursor(
            Long.parseLong(s.substring(0, a)),
            s.substring(b + 1),
            Long.parseLong(s.substring(a + 1, b)));
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  /** A found message: {@code highlight} holds [start, end) UTF-16 offsets into {@code text}. */
  public record Hit(
      String room,
      long seq,
      long ts,
      Profile from,
      String text,
      List<int[]> highlight,
      Cursor at) {}

  /**
   * A page of hits; {@code next} is the cursor for the following page, or null when there is none.
   * {@code partial}: the search stopped on its budget ({@link SearchBudget}) before the page was
   * full, so fewer hits than asked do not mean there are no more.
   */
  public record Page(List<Hit> hits, Cursor next, boolean partial) {
    public Page(List<Hit> hits, Cursor next) {
      this(hits, next, false);
    }
  }

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
      String f = cp < ASCII_FOLDED.length ? ASCII_FOLDED[cp] : foldCodePoint(cp);
      if (f.isEmpty() && out.length() > 0) {
        end[out.length() - 1] = next; // a dropped accent belongs to the letter before it
      }
      if (f.length() == 1
          && (f.charAt(0) == '\u3099' || f.charAt(0) == '\u309A')
          && out.length() > 0) {
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

  /**
   * The ASCII chars folded, made once: most text is mostly ASCII, and the writer folds every
   * message it stores (a new one-char string per char was a quarter of what a node allocated at 30k
   * deliveries a second, run 28).
   */
  private static final String[] ASCII_FOLDED =
      IntStream.range(0, 0x80).mapToObj(Search::foldCodePoint).toArray(String[]::new);

  private static String foldCodePoint(int cp) {
    if (cp < 0x80) {
      char c = (char) cp;
      if (Character.isWhitespace(c)) return " ";
      return String.valueOf(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) return " ";
    String s = new String(Character.toChars(cp));
    if (cjk(cp))
      return Normalizer.normalize(s, Normalizer.Form.NFKC); // kana keep their voicing marks
    String d = Normalizer.normalize(s, Normalizer.Form.NFKD);
    if (d.equals("\u3099") || d.equals("\u309A")) return d; // kana voicing marks are not accents
    StringBuilder b = new StringBuilder(d.length());
    d.codePoints()
        .filter(
            c ->
                Character.getType(c) != Character.NON_SPACING_MARK
                    && Character.getType(c) != Character.ENCLOSING_MARK)
        .forEach(b::appendCodePoint);
    return Normalizer.normalize(b.toString().toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
  }

  static boolean cjk(int cp) {
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    return s == Character.UnicodeScript.HAN
        || s == Character.UnicodeScript.HIRAGANA
        || s == Character.UnicodeScript.KATAKANA
        || s == Character.UnicodeScript.HANGUL
        || cp == 0x30FC; // the prolonged sound mark is "common" but part of katakana words
  }

  /**
   * The bigram column: every pair of adjacent CJK characters of the folded text, each followed by
   * {@link #PAIR_END}.
   */
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
   * The query's terms: its folded words. Throws {@link IllegalArgumentException} (the message is
   * for people) when it has no term the index can look up, or more than {@link #MAX_TERMS} words,
   * or a word longer than {@link #MAX_TERM} chars.
   */
  public static List<Term> terms(String q) {
    if (q == null || q.isBlank()) throw new IllegalArgumentException("q is required.");
    if (q.length() > MAX_QUERY)
      throw new IllegalArgumentException("q is at most " + MAX_QUERY + " characters.");
    List<Term> terms = new ArrayList<>();
    for (String word : fold(q).trim().split(" +")) {
      if (word.isEmpty() || terms.stream().anyMatch(t -> t.text.equals(word))) continue;
      if (terms.size() == MAX_TERMS)
        throw new IllegalArgumentException("q has at most " + MAX_TERMS + " words.");
      if (word.length() > MAX_TERM)
        throw new IllegalArgumentException("A word of q is at most " + MAX_TERM + " characters.");
      terms.add(term(word));
    }
    if (terms.stream().noneMatch(Term::indexed)) {
      throw new IllegalArgumentException(
          "q needs a word of at least 3 characters (2 in Chinese, Japanese or Korean).");
    }
    return List.copyOf(terms);
  }

  private static Term term(String word) {
    int length = word.codePointCount(0, word.length());
    if (word.length() == 2 && cjk(word.charAt(0)) && cjk(word.charAt(1))) {
      return new Term(word, true, Typos.NONE, List.of(word + PAIR_END));
    }
    if (length < MIN_TERM) return new Term(word, false, Typos.NONE, List.of());
    boolean anyCjk = word.chars().anyMatch(Search::cjk);
    if (anyCjk || length < SWAP_MIN) return new Term(word, false, Typos.NONE, List.of(word));
    List<String> lookups = new ArrayList<>();
    if (length < FUZZY_MIN) {
      lookups.add(word);
      for (int j = 0; j + 1 < word.length(); j++) swapped(word, j, lookups);
      return new Term(word, false, Typos.SWAP, lookups);
    }
    int half = word.offsetByCodePoints(0, length / 2); // never inside a surrogate pair
    lookups.add(word.substring(0, half));
    lookups.add(word.substring(half));
    swapped(word, half - 1, lookups);
    return new Term(word, false, Typos.ONE, lookups);
  }

  /**
   * Adds {@code word} with chars {@code j} and {@code j + 1} swapped, unless that is the word
   * itself or would split a surrogate pair (a swap is a typo of two letters the index can look up).
   */
  private static void swapped(String word, int j, List<String> out) {
    char a = word.charAt(j);
    char b = word.charAt(j + 1);
    if (a == b || Character.isSurrogate(a) || Character.isSurrogate(b)) return;
    String s = word.substring(0, j) + b + a + word.substring(j + 2);
    if (!out.contains(s)) out.add(s);
  }

  /**
   * Where every term occurs in {@code text} (exactly, or with a typo the term forgives when it does
   * not occur exactly), as merged [start, end) ranges of the original text; null when some term
   * does not occur.
   */
  public static List<int[]> match(String text, List<Term> terms) {
    if (text == null) return null;
    Folded f = folded(text);
    List<int[]> found = new ArrayList<>();
    for (Term t : terms) {
      int before = found.size();
      t.matcher.exact(f.text, found);
      if (found.size() == before) t.matcher.typos(f.text, found);
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
   * highlight: lets a store drop candidates before it reads their messages. Linear in the text for
   * each term ({@link TermMatcher}).
   */
  public static boolean holds(String folded, List<Term> terms) {
    for (Term t : terms) {
      if (!t.matcher.holds(folded)) return false;
    }
    return true;
  }
}
