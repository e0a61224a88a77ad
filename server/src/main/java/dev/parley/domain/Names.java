package dev.parley.domain;

import java.util.regex.Pattern;

/**
 * The contract's rules for the names and short strings people choose: nicknames, room names,
 * direct-room names, user and client ids, avatars, reactions and topics, in one place, so that live
 * traffic and {@code parley import} keep exactly the same rules. Which characters each may hold is
 * {@link Characters}'.
 */
public final class Names {

  /** Longest nick and room name, in characters (code points). */
  public static final int MAX_NAME = 32;

  /** Longest client-chosen id or ref, and longest user id, in UTF-16 units. */
  public static final int MAX_ID = 64;

  /** Longest avatar, in characters (code points). */
  public static final int MAX_AVATAR = 16;

  /**
   * Longest reaction, in UTF-16 units: room for the longest emoji ZWJ sequences (a kiss with two
   * skin tones is 15).
   */
  public static final int MAX_REACTION = 32;

  /**
   * Most people in one direct conversation, its sender included: a two-person one, or a group of up
   * to this many.
   */
  public static final int MAX_DIRECT = 8;

  /** Longest room topic, in characters (code points). */
  public static final int MAX_TOPIC = 200;

  /**
   * What a user id is made of: the server makes {@code u} and 12 of {@code a-z0-9}; a file from
   * elsewhere may differ.
   */
  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_ID + "}");

  private static final Pattern ROOM = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
  private static final String DM_PREFIX = "dm:";

  private Names() {}

  /**
   * The nick to use, or null when it breaks the rules: 1 to 32 characters after trimming; letters
   * of any script, digits, spaces inside, {@code _}, {@code -}, {@code .}.
   */
  public static String nick(String raw) {
    if (raw == null) return null;
    // "Ann  Lee" with two spaces would look like "Ann Lee" in every list: one space it is
    String nick = raw.strip().replaceAll(" {2,}", " ");
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
    // letters that show nothing (Hangul fillers) and invisible marks make look-alike nicks
    return ok && nick.codePoints().noneMatch(Characters::isDefaultIgnorable) ? nick : null;
  }

  /**
   * What two nicks that are the same nick have in common: the contract compares them
   * case-insensitively and by their confusable skeleton ({@link NickKeys}).
   */
  public static String nickKey(String nick) {
    return NickKeys.of(nick);
  }

  /** Whether {@code id} can be a user's id: 1 to 64 of {@code A-Z a-z 0-9 _ -}. */
  public static boolean isUserId(String id) {
    return id != null && USER_ID.matcher(id).matches();
  }

  /**
   * Whether {@code id} can be a message's client id: 1 to 64 UTF-16 units, no control character, no
   * lone surrogate (members' clients receive it with the message).
   */
  public static boolean isClientId(String id) {
    return id != null
        && !id.isEmpty()
        && id.length() <= MAX_ID
        && !Characters.hasControl(id, false)
        && !Characters.hasLoneSurrogate(id);
  }

  /**
   * Whether {@code avatar} (stripped, not empty) can be an avatar: an emoji or a short key, see
   * {@link Characters#isSymbol}.
   */
  public static boolean isAvatar(String avatar) {
    return avatar != null
        && avatar.codePointCount(0, avatar.length()) <= MAX_AVATAR
        && Characters.isSymbol(avatar);
  }

  /**
   * Whether {@code emoji} can be a reaction: one emoji sequence, see {@link Characters#isSymbol}.
   */
  public static boolean isReaction(String emoji) {
    return emoji != null && emoji.length() <= MAX_REACTION && Characters.isSymbol(emoji);
  }

  /** Whether a name is one a user may give a new room. */
  public static boolean isRoom(String name) {
    return name != null && ROOM.matcher(name).matches();
  }

  /**
   * Whether {@code name} is a direct conversation's, of two people or a group: private to the
   * members its name lists, who never change.
   */
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
   * The direct room of a set of users: {@code dm:} and their ids, sorted, once each, joined by
   * {@code :}. Two people give {@link #direct(String, String)}'s name, one person alone the note to
   * oneself ({@code dm:} and their id twice), so a group is the same room whoever starts it.
   */
  public static String direct(java.util.Collection<String> userIds) {
    java.util.List<String> ids = new java.util.TreeSet<>(userIds).stream().toList();
    if (ids.size() == 1) return direct(ids.get(0), ids.get(0));
    return DM_PREFIX + String.join(":", ids);
  }

  /**
   * The user ids in a direct room's name, in its order (the same id twice for a note to oneself).
   */
  public static java.util.List<String> directIds(String name) {
    return java.util.List.of(name.substring(DM_PREFIX.length()).split(":", -1));
  }

  /**
   * Whether {@code s} holds a control character (C0, DEL or C1) other than tab, line feed and
   * carriage return. Such text is refused at the door: no client needs it, and PostgreSQL cannot
   * store a NUL, so letting one through would fail every write batched with it.
   */
  public static boolean hasControl(String s) {
    return s != null && Characters.hasControl(s, true);
  }

  /** Length as a person counts it (code points), for the text limit. */
  public static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
