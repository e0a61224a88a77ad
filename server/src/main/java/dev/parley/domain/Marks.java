package dev.parley.domain;

/**
 * What people mark in rooms, reached through {@link Chat#marks}: a room's pins ({@link Pins}), a
 * person's saved messages ({@link SavedMessages}), a member's notification level ({@link
 * NotifyLevels}), marking unread and jumping to a date ({@link ReadMarks}), a person's threads and
 * their read markers ({@link ThreadList}).
 */
public final class Marks {
  private final Pins pins;
  private final SavedMessages saved;
  private final NotifyLevels notify;
  private final ReadMarks reading;
  private final ThreadList threads;

  Marks(Registry registry, RoomLog log) {
    this.pins = new Pins(registry, log);
    this.saved = new SavedMessages(registry);
    this.notify = new NotifyLevels(registry);
    this.reading = new ReadMarks(registry);
    this.threads = new ThreadList(registry);
  }

  /** {@code unread} {room, seq}: see {@link ReadMarks}. */
  public void unread(Session session, String room, long seq, String ref) {
    reading.unread(session, room, seq, ref);
  }

  /** {@code read} {room, seq, thread}: see {@link ThreadList}. */
  public void readThread(Session session, String room, long thread, long seq, String ref) {
    threads.read(session, room, thread, seq, ref);
  }

  /** {@code threads} {after?, limit?}: a page of the person's threads. */
  public void threads(Session session, String after, Integer limit, String ref) {
    threads.threads(session, after, limit, ref);
  }

  /** {@code history} with {@code at}: the page around a moment. */
  public void historyAt(Session session, String room, long at, Integer limit, String ref) {
    reading.historyAt(session, room, at, limit, ref);
  }

  /** {@code notify} {room, level}: see {@link NotifyLevels}. */
  public void notifyLevel(Session session, String room, String level, String ref) {
    notify.set(session, room, level, ref);
  }

  /** {@code save} {room, seq, on}: see {@link SavedMessages}. */
  public void save(Session session, String room, long seq, boolean on, String ref) {
    saved.save(session, room, seq, on, ref);
  }

  /** {@code saved}: the person's saved messages. */
  public void saved(Session session, String ref) {
    saved.saved(session, ref);
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
