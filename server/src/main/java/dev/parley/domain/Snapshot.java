package dev.parley.domain;

import java.util.List;

/** What the store holds besides the logs: loaded once at start into the domain's memory. */
public record Snapshot(
    List<RoomRow> rooms,
    List<UserRow> users,
    List<MemberRow> members,
    List<SessionRow> sessions,
    List<String> ssoUsers) {

  /** Without single sign-on identities (a store from before them, tests). */
  public Snapshot(
      List<RoomRow> rooms,
      List<UserRow> users,
      List<MemberRow> members,
      List<SessionRow> sessions) {
    this(rooms, users, members, sessions, List.of());
  }

  /**
   * Without sessions (a store from before them, tests): each user's own token hash is then one
   * session of theirs.
   */
  public Snapshot(List<RoomRow> rooms, List<UserRow> users, List<MemberRow> members) {
    this(rooms, users, members, null);
  }

  /**
   * A room, the seq of its latest event (0 when it has none), its latest rev, the seq of the oldest
   * event still held ({@code lastSeq + 1} when none is: retention may have removed the start of the
   * log) and its own retention policy (null: it follows the server's).
   */
  public record RoomRow(
      String name,
      String topic,
      String createdBy,
      long createdTs,
      long lastSeq,
      long lastRev,
      long firstSeq,
      Retention retention,
      boolean isPrivate) {

    /** A public room (or a direct conversation, private by its name). */
    public RoomRow(
        String name,
        String topic,
        String createdBy,
        long createdTs,
        long lastSeq,
        long lastRev,
        long firstSeq,
        Retention retention) {
      this(name, topic, createdBy, createdTs, lastSeq, lastRev, firstSeq, retention, false);
    }

    /** A room whose log starts at seq 1 and that follows the server's retention policy. */
    public RoomRow(
        String name, String topic, String createdBy, long createdTs, long lastSeq, long lastRev) {
      this(name, topic, createdBy, createdTs, lastSeq, lastRev, 1, null);
    }
  }

  /**
   * A user; only a hash of the token is ever stored. {@code passwordHash}: their Argon2id hash, or
   * null (loaded only: a password is written by {@link Change.PasswordSet}).
   */
  public record UserRow(
      String id,
      String nick,
      String avatar,
      String tokenHash,
      long createdTs,
      long lastSeen,
      String passwordHash) {
    /** A user without a password. */
    public UserRow(
        String id, String nick, String avatar, String tokenHash, long createdTs, long lastSeen) {
      this(id, nick, avatar, tokenHash, createdTs, lastSeen, null);
    }

    /** A user seen last when they were made. */
    public UserRow(String id, String nick, String avatar, String tokenHash, long createdTs) {
      this(id, nick, avatar, tokenHash, createdTs, createdTs);
    }
  }

  /** A user's membership of a room and how far they have read. */
  public record MemberRow(String room, String userId, long readSeq) {}

  /**
   * One signed-in device: only a hash of its token is stored; {@code agent} is the User-Agent of
   * the connection that made it (truncated), or null.
   */
  public record SessionRow(
      String id,
      String userId,
      String tokenHash,
      long created,
      long lastSeen,
      String agent,
      boolean revoked) {}

  /**
   * A server-wide ban: who, why ({@code reason} may be null), by whom (an admin's id, or {@code
   * "cli"}), and when. Read with {@link Store#bans}, not with the snapshot.
   */
  public record BanRow(String userId, String reason, String by, long ts) {}
}
