package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.FORBIDDEN;
import static dev.parley.domain.ChatException.Code.INTERNAL;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room's pinned messages: {@code pin} {room, seq, on} by its members (only moderators in a
 * read-only room; not while muted), {@code pins} {room}. The pins are rows of the store ({@link
 * Bookmarks#pin}), decided in the writer's transaction (the message exists and is not deleted; at
 * most {@link #MAX} a room); each change is a {@code pin} notice in the room's log, so members see
 * it live, catch-up and exports carry it, and an import puts the pins back by replaying the
 * notices.
 */
final class Pins {
  private static final Logger LOG = LoggerFactory.getLogger(Pins.class);

  /** The most pins a room keeps. */
  static final int MAX = 50;

  private final Registry registry;
  private final RoomLog log;

  Pins(Registry registry, RoomLog log) {
    this.registry = registry;
    this.log = log;
  }

  void pin(Session session, String name, long seq, boolean on, String ref) {
    RoomState room = registry.memberRoom(session, name);
    UserState user = session.user;
    if (seq < 1) throw new ChatException(BAD_REQUEST, "Field 'seq' must be a message's seq.");
    if (room.readOnly && !RoomRoles.moderates(registry, room, user))
      throw new ChatException(FORBIDDEN, "Only moderators pin messages in " + room.name + ".");
    Moderation.refusePost(registry, room, user); // muted: refused as a send is
    Profile who = user.profile();
    Client client = session.client;
    registry
        .store
        .bookmarks()
        .pin(room.name, seq, on, user.id, registry.clock.getAsLong(), MAX)
        .whenComplete(
            BookmarkAnswers.to(
                client,
                ref,
                room.name,
                seq,
                "The pin could not be stored; try again.",
                "A room keeps at most " + MAX + " pins; unpin one first.",
                failure -> LOG.warn("could not pin #{} in {}", seq, room.name, failure),
                () ->
                    log.appendNotice(room.name, Notice.Kind.PIN, who, Notice.Detail.pin(seq, on))));
  }

  /** {@code pins}: the room's pinned messages, including every pin this node has queued. */
  void pins(Session session, String name, String ref) {
    RoomState room = registry.memberRoom(session, name);
    Client client = session.client;
    Store store = registry.store;
    store.afterQueued(
        () ->
            store
                .bookmarks()
                .pins(room.name)
                .whenComplete(
                    (messages, failure) -> {
                      if (failure != null) {
                        LOG.warn("could not read the pins of {}", room.name, failure);
                        client.send(
                            new Out.Error(
                                ref, INTERNAL.wire(), "The pins could not be read; try again."));
                        return;
                      }
                      client.send(new Out.Pins(ref, room.name, List.copyOf(messages)));
                    }));
  }
}
