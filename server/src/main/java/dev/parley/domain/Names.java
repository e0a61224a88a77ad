package dev.parley.domain;

import java.util.regex.Pattern;

/** The contract's rules for nicknames, room names and direct-room names, in one place. */
public final class Names {

  /** Longest nick and room name, in characters (code points). */
  public static final int MAX_NAME = 32;

  /** Longest client-chosen id or ref. */
  public static final int MAX_ID = 64;

  private static final Pattern ROOM = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
  private static final String DM_PREFIX = "dm:";

  private Names() {}

  /**
   * The nick to use, or null when it breaks the rules: 1 to 32 characters after trimming;
   * letters of any script, digits, spaces inside, {@code _}, {@code -}, {@code .}.
   */
  public static String nick(String raw) {
    if (raw == null) return null;
    String nick = raw.strip();
    int n = nick.codePointCount(0, nick.length());
    if (n < 1 || n > MAX_NAME) return null;
    boolean ok =
        nick.codePoints()
            .allMatch(
                c ->
                    Character.isLetterOrDigit(c)
                        || c == ' '
                        || c == '_'
                        || c == '-'
                        || c == '.'
                        || Character.getType(c) == Character.NON_SPACING_MARK
                        || Character.getType(c) == Character.COMBINING_SPACING_MARK);
    return ok ? nick : null;
  }

  /** Whether a name is one a user may give a new room. */
  public static boolean isRoom(String name) {
    return name != null && ROOM.matcher(name).matches();
  }

  public static boolean isDirect(String name) {
    return name != null && name.startsWith(DM_PREFIX);
  }

  /** The direct room of two users: {@code dm:} and both ids, sorted, joined by {@code :}. */
  public static String direct(String userA, String userB) {
    return userA.compareTo(userB) <= 0
        ? DM_PREFIX + userA + ":" + userB
        : DM_PREFIX + userB + ":" + userA;
  }

  /**
   * Whether {@code s} holds a control character other than tab, line feed and carriage return.
   * Such text is refused at the door: no client needs it, and PostgreSQL cannot store a NUL, so
   * letting one through would fail every write batched with it.
   */
  public static boolean hasControl(String s) {
    if (s == null) return false;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return true;
    }
    return false;
  }

  /** Length as a person counts it (code points), for the text limit. */
  public static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
