package dev.parley.domain;

/** What people mark in rooms, reached through {@link Chat#marks}: a room's pins ({@link Pins}). */
public final class Marks {
  private final Pins pins;

  Marks(Registry registry, RoomLog log) {
    this.pins = new Pins(registry, log);
  }

  /** {@code pin} {room, seq, on}: see {@link Pins}. */
  public void pin(Session session, String room, long seq, boolean on, String ref) {
    pins.pin(session, room, seq, on, ref);
  }

  /** {@code pins} {room}: the room's pinned messages. */
  public void pins(Session session, String room, String ref) {
    pins.pins(session, room, ref);
  }
}
