package dev.parley.domain;

/**
 * A member's role in a room, highest first: the owner (its creator), moderators the owner names,
 * and members. A server administrator ranks above every room role ({@link #ADMIN_RANK}) without
 * holding one. Nobody may act on someone of an equal or higher rank.
 */
public enum RoomRole {
  OWNER("owner", 2),
  MODERATOR("moderator", 1),
  MEMBER("member", 0);

  /** The rank of a server administrator in any room: above the owner. */
  static final int ADMIN_RANK = 3;

  private final String wire;
  private final int rank;

  RoomRole(String wire, int rank) {
    this.wire = wire;
    this.rank = rank;
  }

  public String wire() {
    return wire;
  }

  int rank() {
    return rank;
  }

  /** The role called {@code s} on the wire and in the store; null for anything else. */
  public static RoomRole fromWire(String s) {
    for (RoomRole r : values()) if (r.wire.equals(s)) return r;
    return null;
  }
}
