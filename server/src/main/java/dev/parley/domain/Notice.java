package dev.parley.domain;

/**
 * A system line in a room's log: someone joined, left, created the room or changed its topic.
 * Notices take a seq like messages, so a client that catches up sees them in place.
 */
public record Notice(String room, long seq, long ts, Kind event, Profile user) implements Event {

  /** What happened; {@link #wire()} is the name on the wire. */
  public enum Kind {
    JOIN("join"),
    LEAVE("leave"),
    CREATE("create"),
    TOPIC("topic");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Kind fromWire(String s) {
      for (Kind k : values()) {
        if (k.wire.equals(s)) return k;
      }
      throw new IllegalArgumentException("unknown notice kind: " + s);
    }
  }

  public static Notice draft(String room, Kind kind, Profile user, long ts) {
    return new Notice(room, 0, ts, kind, user);
  }

  @Override
  public Notice withSeq(long seq) {
    return new Notice(room, seq, ts, event, user);
  }
}
