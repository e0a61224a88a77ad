package dev.parley.domain;

/**
 * Makes an account protected in a running node's memory, as a password or passkey would: how tests
 * of administrators get a protected account without going through those features. Not stored, so a
 * restart forgets it. Also reads and sets the password hash a node holds, for the tests of
 * rehashing.
 */
public final class Protection {
  private Protection() {}

  /** The user with this id counts as protected on this node from now on. */
  public static void protect(Chat chat, String userId) {
    UserState user = chat.admin().user(userId);
    if (user == null) throw new IllegalArgumentException("no user " + userId);
    user.passkeys = Math.max(1, user.passkeys);
  }

  /**
   * This node holds {@code hash} as the user's password hash from now on, as it would after hearing
   * of a password set elsewhere whose store write it has not read yet. Not stored.
   */
  public static void holdPasswordHash(Chat chat, String userId, String hash) {
    UserState user = chat.admin().user(userId);
    if (user == null) throw new IllegalArgumentException("no user " + userId);
    user.passwordHash = hash;
  }

  /** The user's password hash as this node holds it (null: none). */
  public static String passwordHash(Chat chat, String userId) {
    UserState user = chat.admin().user(userId);
    if (user == null) throw new IllegalArgumentException("no user " + userId);
    return user.passwordHash;
  }
}
