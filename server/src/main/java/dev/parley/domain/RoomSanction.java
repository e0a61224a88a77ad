package dev.parley.domain;

/**
 * A room ban or mute: who, in which room, why ({@code reason} may be null), by whom (a user id),
 * since and until when (ms; {@code until} null: until lifted).
 */
public record RoomSanction(
    String room, String userId, Kind kind, String reason, String by, long ts, Long until) {

  /** A ban keeps the user out of the room; a mute keeps them from sending into it. */
  public enum Kind {
    BAN("ban"),
    MUTE("mute");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Kind fromWire(String s) {
      for (Kind k : values()) if (k.wire.equals(s)) return k;
      throw new IllegalArgumentException("unknown sanction: " + s);
    }
  }

  /** Whether it still holds at {@code now}. */
  boolean holds(long now) {
    return until == null || until > now;
  }
}
