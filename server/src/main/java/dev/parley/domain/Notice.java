package dev.parley.domain;

/**
 * A system line in a room's log: someone joined, left, created the room or changed its topic; a
 * moderation step (settings, a role, a kick, a mute, a ban lifted or made); or a message pinned or
 * unpinned ({@code pin}: {@code user} is who did it). Notices take a seq like messages, so a client
 * that catches up sees them in place, and an export carries them.
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
    UNMUTE("unmute"),
    PIN("pin");

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
   * @param target the seq of the message a {@code pin} notice is about
   * @param on whether a {@code pin} notice pinned ({@code true}) or unpinned it
   */
  public record Detail(
      Profile by,
      String reason,
      Long until,
      String role,
      String topic,
      Boolean readOnly,
      Long target,
      Boolean on) {
    /** A moderation step's detail. */
    public Detail(
        Profile by, String reason, Long until, String role, String topic, Boolean readOnly) {
      this(by, reason, until, role, topic, readOnly, null, null);
    }

    /** A {@code pin} notice's: message {@code target} pinned ({@code on}) or unpinned. */
    public static Detail pin(long target, boolean on) {
      return new Detail(null, null, null, null, null, null, target, on);
    }
  }

  public static Notice draft(String room, Kind kind, Profile user, long ts) {
    return new Notice(room, 0, ts, kind, user, null);
  }

  @Override
  public Notice withSeq(long seq) {
    return new Notice(room, seq, ts, event, user, detail);
  }
}
