package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person's saved messages, their own bookmarks across rooms: {@code save} {room, seq, on} and
 * {@code saved}. Rows of the store ({@link Bookmarks#save}: the message must be there, at most
 * {@link #MAX} a person), so every device and node sees the same list; each change reaches all the
 * person's connections, on every node, as {@code saved} {room, seq, on} ({@link Audience#user}).
 * {@code saved} serves only what the person may still read: a private room or conversation they
 * left keeps its rows, but they are no longer served.
 */
final class SavedMessages {
  private static final Logger LOG = LoggerFactory.getLogger(SavedMessages.class);

  /** The most messages a person keeps saved. */
  static final int MAX = 500;

  private final Registry registry;

  SavedMessages(Registry registry) {
    this.registry = registry;
  }

  void save(Session session, String name, long seq, boolean on, String ref) {
    RoomState room = registry.memberRoom(session, name);
    if (seq < 1) throw new ChatException(BAD_REQUEST, "Field 'seq' must be a message's seq.");
    String userId = session.user.id;
    Client client = session.client;
    registry
        .store
        .bookmarks()
        .save(userId, room.name, seq, on, registry.clock.getAsLong(), MAX)
        .whenComplete(
            BookmarkAnswers.to(
                client,
                ref,
                room.name,
                seq,
                "It could not be saved; try again.",
                "You keep at most " + MAX + " saved messages; remove one first.",
                failure -> LOG.warn("could not save #{} of {}", seq, room.name, failure),
                () ->
                    registry.bus.publish(
                        Audience.user(userId), Out.Saved.mark(room.name, seq, on))));
  }

  /** {@code saved}: the person's saved messages they may still read, newest saved first. */
  void saved(Session session, String ref) {
    UserState user = session.user;
    Client client = session.client;
    Store store = registry.store;
    store.afterQueued(
        () ->
            store
                .bookmarks()
                .saved(user.id, MAX)
                .whenComplete(
                    (items, failure) -> {
                      if (failure != null) {
                        LOG.warn("could not read the saved messages of {}", user.id, failure);
                        client.send(
                            new Out.Error(
                                ref,
                                INTERNAL.wire(),
                                "Saved messages could not be read; try again."));
                        return;
                      }
                      List<Bookmarks.Saved> readable = new ArrayList<>(items.size());
                      for (Bookmarks.Saved s : items) if (mayRead(user, s.room())) readable.add(s);
                      client.send(Out.Saved.list(ref, readable));
                    }));
  }

  /** A room the user is in, or a public one (which anyone may join and read). */
  private boolean mayRead(UserState user, String name) {
    RoomState room = registry.rooms.get(name);
    return room != null && registry.knows(user, room);
  }
}
