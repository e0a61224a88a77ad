package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.FORBIDDEN;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention: a room's creator sets the room's own policy ({@link #set}); a sweep on a schedule
 * ({@link #sweep}) removes what the policy applying to each room no longer keeps, whether or not
 * the room is active.
 *
 * <p>Why in small steps through the store's writer: every write goes through that one thread, so a
 * purge done as one big delete would hold every send behind it. A sweep instead queues a {@link
 * Store.Purge} of at most {@value #STEP} events for at most {@value #IN_FLIGHT} rooms at once; each
 * step's callback queues the room's next step behind whatever was queued meanwhile, so sends keep
 * taking turns with it and wait at most one small step. After each step, on the writer thread, the
 * room's {@code firstSeq} and its {@link RoomTail} move; once a room is done, its members get a
 * {@code room} frame with the new {@code firstSeq}. When a sweep removed anything, {@code
 * afterPurge} runs (the uploads sweep: files no message points at any more).
 */
final class RoomRetention {
  static final int STEP = 250;
  static final int IN_FLIGHT = 2;

  private static final Logger LOG = LoggerFactory.getLogger(RoomRetention.class);

  private final Registry registry;

  /** Runs (on the writer thread; it must not block) after a sweep that removed something. */
  volatile Runnable afterPurge = () -> {};

  // Guarded by this: the sweep in progress.
  private final ArrayDeque<RoomState> waiting = new ArrayDeque<>();
  private final Set<String> purged = new HashSet<>();
  private int inFlight;
  private boolean pumping;
  private boolean removedAny;

  RoomRetention(Registry registry) {
    this.registry = registry;
  }

  /**
   * {@code retention}: the room's creator sets its policy; {@code inherit} drops it so the server's
   * applies again. A direct conversation has no creator and follows the server's.
   */
  void set(Session session, String roomName, Retention policy, boolean inherit, String ref) {
    RoomState room = registry.memberRoom(session, roomName);
    if (room.isDirect()) {
      throw new ChatException(
          BAD_REQUEST, "A direct conversation follows the server's retention policy.");
    }
    if (room.createdBy == null || !room.createdBy.equals(session.user.id)) {
      throw new ChatException(
          FORBIDDEN, "Only the room's creator can set how long its history is kept.");
    }
    Retention own = inherit ? null : policy;
    room.retention = own;
    registry.write(new Change.RetentionSet(room.name, own));
    session.client.send(new Out.Ok(ref, null));
    registry.bus.publish(Audience.room(room.name), registry.changed(room));
  }

  /** Starts a sweep over every room, unless the last one is still going. */
  synchronized void sweep() {
    if (inFlight > 0 || !waiting.isEmpty()) return;
    for (RoomState room : registry.rooms.values()) {
      if (!Retention.applying(room.retention, registry.settings.retention()).keepsAll())
        waiting.add(room);
    }
    pump();
  }

  /** Whether a sweep is in progress; for tests. */
  synchronized boolean busy() {
    return inFlight > 0 || !waiting.isEmpty();
  }

  /**
   * Queues steps until {@value #IN_FLIGHT} are out. A store that refuses at once (closed) calls
   * back inside {@code purge}, which calls here again: that inner call returns at once and this
   * loop goes on, so a refusal per room never stacks up one frame per room.
   */
  private void pump() {
    if (pumping) return;
    pumping = true;
    try {
      long now = registry.clock.getAsLong();
      while (inFlight < IN_FLIGHT && !waiting.isEmpty()) {
        RoomState room = waiting.poll();
        Retention policy = Retention.applying(room.retention, registry.settings.retention());
        Store.Purge step =
            policy.purge(room.name, room.firstSeq, room.lastSeq, room.oldestTs, now, STEP);
        if (step == null) {
          finished(room);
          continue;
        }
        inFlight++;
        registry.store.purge(step, new Step(room));
      }
    } finally {
      pumping = false;
    }
    if (inFlight == 0 && waiting.isEmpty() && removedAny) {
      removedAny = false;
      afterPurge.run();
    }
  }

  /** The room needs no more steps this sweep: its members learn where its history starts now. */
  private void finished(RoomState room) {
    if (purged.remove(room.name))
      registry.bus.publish(Audience.room(room.name), registry.changed(room));
  }

  /** One step's answer, on the writer thread. */
  private final class Step implements Store.Purged {
    private final RoomState room;

    Step(RoomState room) {
      this.room = room;
    }

    @Override
    public void purged(String name, int removed, long firstSeq, long oldestTs) {
      if (room.purgedBelow(firstSeq))
        registry.cluster.share(new Change.Purged(room.name, firstSeq));
      // An emptied log's next event is not known yet: the next sweep looks again.
      room.oldestTs = oldestTs == Long.MAX_VALUE ? Long.MIN_VALUE : oldestTs;
      synchronized (RoomRetention.this) {
        inFlight--;
        if (removed > 0) {
          removedAny = true;
          purged.add(room.name);
        }
        if (removed >= STEP) {
          waiting.add(
              room); // more to go: behind the other rooms, and behind every send queued meanwhile
        } else {
          finished(room);
        }
        pump();
      }
    }

    @Override
    public void failed(Throwable cause) {
      LOG.warn("retention step in {} failed; the next sweep tries again", room.name, cause);
      synchronized (RoomRetention.this) {
        inFlight--;
        finished(room);
        pump();
      }
    }
  }
}
