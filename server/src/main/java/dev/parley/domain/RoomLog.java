package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.INTERNAL;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path of an event from a draft to every member: the store assigns the seq (or the rev, for a
 * change) and commits; then, on the writer thread and in that order, the room's tail and counters
 * move and the event is published. One path for messages, notices and changes, so "stored before it
 * is sent" and "in seq order" hold for all of them.
 */
final class RoomLog {
  private static final Logger LOG = LoggerFactory.getLogger(RoomLog.class);

  private final Registry registry;

  /** Told of each new message once it is stored and published (link previews); may be null. */
  private volatile java.util.function.Consumer<Message> afterMessage;

  /** Told of each new message once stored and published, with its thread's root; may be null. */
  private volatile java.util.function.BiConsumer<Message, Message> afterPosted;

  /** Told of each edit once it is stored and published (link previews); may be null. */
  private volatile java.util.function.Consumer<Message> afterEdit;

  RoomLog(Registry registry) {
    this.registry = registry;
  }

  /** Set once, at start: who hears of each new message after it was stored and published. */
  void afterMessage(java.util.function.Consumer<Message> hook) {
    this.afterMessage = hook;
  }

  /** Set once, at start: who hears of each edited message after it was stored and published. */
  void afterEdit(java.util.function.Consumer<Message> hook) {
    this.afterEdit = hook;
  }

  /** Set once, at start: who hears of each new message with its thread's root (Web Push). */
  void afterPosted(java.util.function.BiConsumer<Message, Message> hook) {
    this.afterPosted = hook;
  }

  /** Appends a message; a resend of a stored one goes back to its sender alone. */
  void append(RoomState room, Message draft, Client client, String ref) {
    registry.store.append(
        draft,
        new Store.Appended() {
          @Override
          public void stored(Event event, boolean duplicate) {
            stored(event, duplicate, null);
          }

          @Override
          public void stored(Event event, boolean duplicate, Message root) {
            if (duplicate) {
              client.send(new Out.Live(event));
              return;
            }
            published(room, event);
            if (root != null) changed(room, root, new Out.Live(root));
            java.util.function.Consumer<Message> hook = afterMessage;
            if (hook != null && event instanceof Message m) hook.accept(m);
            var posted = afterPosted;
            if (posted != null && event instanceof Message m) posted.accept(m, root);
          }

          @Override
          public void failed(Throwable cause) {
            if (cause instanceof ChatException refusal) {
              client.send(new Out.Error(ref, refusal.code().wire(), refusal.getMessage()));
              return;
            }
            client.send(
                new Out.Error(
                    ref, INTERNAL.wire(), "The message could not be stored; send it again."));
          }
        });
  }

  void appendNotice(String roomName, Notice.Kind kind, Profile who) {
    appendNotice(roomName, kind, who, null);
  }

  /** Appends a notice with a moderation step's detail (null: none). */
  void appendNotice(String roomName, Notice.Kind kind, Profile who, Notice.Detail detail) {
    RoomState room = registry.rooms.get(roomName);
    registry.store.append(
        new Notice(roomName, 0, registry.clock.getAsLong(), kind, who, detail),
        new Store.Appended() {
          @Override
          public void stored(Event event, boolean duplicate) {
            published(room, event);
          }

          @Override
          public void failed(Throwable cause) {
            LOG.warn("could not store a {} notice in {}", kind.wire(), roomName, cause);
          }
        });
  }

  /**
   * Stores a change to a message, then publishes it: {@code message} again for an edit or a
   * deletion, {@code reaction} for a reaction. The requester gets {@code ok} either way, or the
   * refusal; a change the server makes itself ({@code client} null) answers nobody.
   */
  void amend(RoomState room, Amendment amendment, Client client, String ref) {
    registry.store.amend(
        amendment,
        new Store.Amended() {
          @Override
          public void amended(Message message, boolean changed) {
            if (changed) {
              if (message.deletedBy() != null && amendment instanceof Amendment.Delete) {
                Moderation.audited(registry, message);
              }
              changed(room, message, frameFor(amendment, message));
              java.util.function.Consumer<Message> edited = afterEdit;
              if (edited != null && amendment instanceof Amendment.Edit) edited.accept(message);
            }
            if (client != null) client.send(new Out.Ok(ref, null));
          }

          @Override
          public void failed(Throwable cause) {
            if (client == null) {
              LOG.debug(
                  "no change to {} #{}: {}", amendment.room(), amendment.seq(), cause.toString());
            } else if (cause instanceof ChatException refusal) {
              client.send(new Out.Error(ref, refusal.code().wire(), refusal.getMessage()));
            } else {
              LOG.warn(
                  "could not store a change to {} #{}", amendment.room(), amendment.seq(), cause);
              client.send(
                  new Out.Error(
                      ref, INTERNAL.wire(), "The change could not be stored; try again."));
            }
          }
        });
  }

  /**
   * A stored change to a message (an amendment, or a thread root's new summary), after its commit:
   * the tail takes it, then members get {@code frame}.
   */
  private void changed(RoomState room, Message message, Out frame) {
    room.tail.replace(message);
    boolean clustered = registry.cluster.clustered();
    // in a cluster the cluster moves it, in rev order with the other nodes' changes
    if (!clustered) room.lastRev = Math.max(room.lastRev, message.rev());
    registry.coalescer.before(room.name);
    if (clustered) registry.cluster.publishAmended(message, frame);
    else registry.bus.publish(Audience.room(message.room()), frame);
  }

  private static Out frameFor(Amendment amendment, Message message) {
    if (amendment instanceof Amendment.React r) {
      return new Out.Reaction(r.room(), r.seq(), r.emoji(), r.user(), r.on(), message.rev());
    }
    return new Out.Live(message);
  }

  /**
   * On the store's writer thread, in seq order. On a node of a cluster the bus puts this node's
   * events in order with the other nodes' and hands each back through {@link #logged}.
   */
  private void published(RoomState room, Event event) {
    if (registry.cluster.clustered()) {
      registry.cluster.publishEvent(event); // ordered with the other nodes', not gathered
      return;
    }
    logged(room, event);
    if (event instanceof Notice n
        && (n.event() == Notice.Kind.JOIN || n.event() == Notice.Kind.LEAVE)) {
      registry.coalescer.notice(room.name, event);
    } else {
      registry.coalescer.before(room.name);
      registry.bus.publish(Audience.room(room.name), new Out.Live(event));
    }
  }

  /**
   * The room's next event, in seq order: the tail first, so whoever sees this event (live, or
   * lastSeq in a welcome) and then asks for history finds it there.
   */
  static void logged(RoomState room, Event event) {
    room.tail.append(event);
    room.lastSeq = event.seq();
  }
}
