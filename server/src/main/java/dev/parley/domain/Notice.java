package dev.parley.domain;

/**
 * A system line in a room's log: someone joined, left, created the room or changed its topic; or a
 * moderation step (settings, a role, a kick, a mute, a ban lifted or made). Notices take a seq like
 * messages, so a client that catches up sees them in place, and an export carries them.
 *
 * @param user who joined, left or created; for a moderation notice, the person acted on (the one
 *     who changed the settings, for {@code settings})
 * @param detail what a moderation notice adds (who acted, why, until when); null for the others
 */
public record Notice(String room, long seq, long ts, Kind event, Profile user, Detail detail)
    implements Event {

  /** A notice without moderation detail. */
  public Notice(String room, long seq, long ts, Kind event, Profile user) {
    this(room, seq, ts, event, user, null);
  }

  /** What happened; {@link #wire()} is the name on the wire. */
  public enum Kind {
    JOIN("join"),
    LEAVE("leave"),
    CREATE("create"),
    TOPIC("topic"),
    SETTINGS("settings"),
    ROLE("role"),
    KICK("kick"),
    MUTE("mute"),
    BAN("ban"),
    UNBAN("unban"),
    UNMUTE("unmute");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    /** One of the four kinds of the first schema (the others are moderation's). */
    public boolean original() {
      return ordinal() <= TOPIC.ordinal();
    }

    public static Kind fromWire(String s) {
      for (Kind k : values()) {
        if (k.wire.equals(s)) return k;
      }
      throw new IllegalArgumentException("unknown notice kind: " + s);
    }
  }

  /**
   * The detail of a moderation notice; every field may be null.
   *
   * @param by who acted
   * @param until when a mute or ban ends (ms)
   * @param role the role given ({@code role})
   * @param topic the topic set ({@code settings})
   * @param readOnly the read-only flag set ({@code settings})
   */
  public record Detail(
      Profile by, String reason, Long until, String role, String topic, Boolean readOnly) {}

  public static Notice draft(String room, Kind kind, Profile user, long ts) {
    return new Notice(room, 0, ts, kind, user, null);
  }

  @Override
  public Notice withSeq(long seq) {
    return new Notice(room, seq, ts, event, user, detail);
  }
}
