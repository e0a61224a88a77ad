package dev.parley.domain;

/**
 * The character rules of what one user types and everyone else sees, by how it is shown.
 *
 * <p>Why: a string shown to others can lie about itself. A bidi override turns {@code gpj.exe} into
 * {@code exe.jpg}, a zero-width or tag character hides text inside what looks like one emoji, a
 * lone UTF-16 surrogate is no character at all (browsers show U+FFFD, PostgreSQL's driver stores
 * {@code ?}, so the two databases would disagree), and a NUL cannot be stored in PostgreSQL. So
 * every field a user types is checked here, at the door, by one of three rules:
 *
 * <ul>
 *   <li>{@link #isText}, a message: anything but control characters (tab, line feed and carriage
 *       return excepted) and broken UTF-16. Bidi marks and invisible joiners stay allowed: people
 *       who write Arabic, Hebrew, Persian or Hindi need them, and a message is shown in a box of
 *       its own, where a stray override ends with the paragraph.
 *   <li>{@link #isLabel}, a short label shown beside others (a room's topic): the text rule, and no
 *       invisible characters: none of Unicode's default-ignorable code points (bidi controls,
 *       zero-width spaces, word joiners, fillers, byte-order marks, tags) except the ones emoji and
 *       scripts are built of, where they belong ({@link #isSymbol}'s sequence rules).
 *   <li>{@link #isSymbol}, one emoji or a short key (an avatar, a reaction): the label rule, no
 *       whitespace at all, and each joiner, variation selector, combining mark and tag only where
 *       an emoji sequence puts it: a zero-width joiner between two characters, a selector or mark
 *       after a character (at most {@value #MAX_MARKS} in a row: a keycap is two), tags only after
 *       a black flag and ending with a cancel tag (subdivision flags). ZWJ families, skin tones,
 *       flags and keycaps all pass.
 * </ul>
 *
 * A nick has a stricter rule of its own ({@link Names#nick}), which also refuses every
 * default-ignorable code point.
 */
public final class Characters {

  /** Combining marks and variation selectors one symbol character may carry in a row. */
  static final int MAX_MARKS = 3;

  /** Tag characters in one subdivision flag: the region code, at most 6 letters and digits. */
  static final int MAX_TAGS = 6;

  private static final int ZWNJ = 0x200C;
  private static final int ZWJ = 0x200D;
  private static final int BLACK_FLAG = 0x1F3F4;
  private static final int CANCEL_TAG = 0xE007F;

  private Characters() {}

  /**
   * A message text: no control character but tab, line feed and carriage return; no lone surrogate.
   */
  public static boolean isText(String s) {
    return s != null && !hasControl(s, true) && !hasLoneSurrogate(s);
  }

  /**
   * A label shown beside others (a topic): the text rule, and no invisible characters out of place.
   */
  public static boolean isLabel(String s) {
    return isText(s) && sequencesHold(s, false);
  }

  /**
   * One emoji or a short key (an avatar, a reaction): no whitespace, no control, sequences in their
   * place.
   */
  public static boolean isSymbol(String s) {
    return s != null
        && !s.isEmpty()
        && !hasControl(s, false)
        && !hasLoneSurrogate(s)
        && sequencesHold(s, true);
  }

  /**
   * Whether {@code s} holds a control character (C0, DEL or C1); with {@code lines}, tab, line feed
   * and carriage return do not count.
   */
  public static boolean hasControl(String s, boolean lines) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) && !(lines && (c == '\t' || c == '\n' || c == '\r')))
        return true;
    }
    return false;
  }

  /** Whether {@code s} holds half of a UTF-16 surrogate pair without the other half. */
  public static boolean hasLoneSurrogate(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == n || !Character.isLowSurrogate(s.charAt(i + 1))) return true;
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Unicode's Default_Ignorable_Code_Point property (Unicode 15, DerivedCoreProperties.txt): the
   * characters that show nothing by themselves. The JDK has no accessor for it.
   */
  public static boolean isDefaultIgnorable(int c) {
    return c == 0x00AD
        || c == 0x034F
        || c == 0x061C
        || c == 0x115F
        || c == 0x1160
        || c == 0x17B4
        || c == 0x17B5
        || (c >= 0x180B && c <= 0x180F)
        || (c >= 0x200B && c <= 0x200F)
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2060 && c <= 0x206F)
        || c == 0x3164
        || (c >= 0xFE00 && c <= 0xFE0F)
        || c == 0xFEFF
        || c == 0xFFA0
        || (c >= 0xFFF0 && c <= 0xFFF8)
        || (c >= 0x1BCA0 && c <= 0x1BCA3)
        || (c >= 0x1D173 && c <= 0x1D17A)
        || (c >= 0xE0000 && c <= 0xE0FFF);
  }

  private static boolean isVariationSelector(int c) {
    return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
  }

  private static boolean isTag(int c) {
    return (c >= 0xE0030 && c <= 0xE0039) || (c >= 0xE0061 && c <= 0xE007A);
  }

  private static boolean isMark(int c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }

  /**
   * Walks the code points: every invisible one must be a joiner, selector or tag in its place, and
   * nothing may be private use or a noncharacter. With {@code symbol}, whitespace is refused and
   * combining marks must follow a visible character, a few at most.
   */
  private static boolean sequencesHold(String s, boolean symbol) {
    int prev = -1; // the previous code point, -1 at the start
    int marks = 0; // marks and selectors since the last base character
    int tags = -1; // tag characters since a black flag opened a tag run; -1 outside one
    for (int i = 0, n = s.length(); i < n; ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      int type = Character.getType(c);
      if (type == Character.PRIVATE_USE || isNoncharacter(c)) return false;
      if (tags >= 0) { // inside a subdivision flag: letters and digits as tags, then the cancel tag
        if (c == CANCEL_TAG && tags > 0) {
          tags = -1;
          prev = c;
          continue;
        }
        if (!isTag(c) || ++tags > MAX_TAGS) return false;
        prev = c;
        continue;
      }
      if (c == ZWJ || c == ZWNJ) {
        if (prev < 0 || prev == ZWJ || prev == ZWNJ || i == n || (symbol && c == ZWNJ))
          return false;
        marks = 0;
      } else if (isVariationSelector(c) || (symbol && isMark(c))) {
        if (prev < 0 || prev == ZWJ || prev == ZWNJ || ++marks > MAX_MARKS) return false;
      } else if (isTag(c) || c == CANCEL_TAG) {
        return false; // a tag outside a flag: invisible text
      } else if (isDefaultIgnorable(c)) {
        return false;
      } else if (symbol && (Character.isWhitespace(c) || Character.isSpaceChar(c))) {
        return false;
      } else {
        marks = 0;
        if (c == BLACK_FLAG && i < n && isTag(s.codePointAt(i))) tags = 0;
      }
      prev = c;
    }
    return tags < 0;
  }

  private static boolean isNoncharacter(int c) {
    return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
  }
}
