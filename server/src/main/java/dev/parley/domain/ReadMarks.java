package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.INTERNAL;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a reader is in a room: {@code unread} {room, seq} sets my read marker back to just before
 * message {@code seq} ("mark as unread": the marker of {@code read} only ever moves forward, so
 * this is its own change, {@link Change.ReadSet}, stored and shared, and every connection of mine
 * gets {@code read} with {@code back: true}); {@code history} with {@code at} answers the page
 * around the room's first event at or after a moment ("jump to a date").
 */
final class ReadMarks {
  private static final Logger LOG = LoggerFactory.getLogger(ReadMarks.class);

  private final Registry registry;

  ReadMarks(Registry registry) {
    this.registry = registry;
  }

  void unread(Session session, String name, long seq, String ref) {
    RoomState room = registry.memberRoom(session, name);
    if (seq < 1 || seq > room.lastSeq)
      throw new ChatException(
          BAD_REQUEST, "Field 'seq' must be an event of the room, from 1 to " + room.lastSeq + ".");
    UserState user = session.user;
    long marker = Math.max(0, seq - 1);
    user.rooms.put(room.name, marker);
    registry.write(new Change.ReadSet(room.name, user.id, marker));
    registry.bus.publish(Audience.user(user.id), new Out.Read(room.name, marker, true));
    session.client.send(new Out.Ok(ref, null));
  }

  /** {@code history} {room, at, limit}: the page around the first event at or after {@code at}. */
  void historyAt(Session session, String name, long at, Integer limit, String ref) {
    RoomState room = registry.memberRoom(session, name);
    if (at < 0) throw new ChatException(BAD_REQUEST, "Field 'at' must be a time in ms, 0 or more.");
    int n =
        limit == null
            ? Messages.DEFAULT_HISTORY
            : Math.max(1, Math.min(Messages.MAX_HISTORY, limit));
    Client client = session.client;
    Store store = registry.store;
    store
        .bookmarks()
        .seqAt(room.name, at)
        .thenCompose(
            target -> {
              Long after = target == null ? null : Math.max(0, target - 1 - (n - 1) / 2);
              return store
                  .history(room.name, null, after, n)
                  .thenApply(page -> new Object[] {target, page});
            })
        .whenComplete(
            (found, failure) -> {
              if (failure != null) {
                LOG.warn("could not read {} at {}", room.name, at, failure);
                client.send(
                    new Out.Error(
                        ref, INTERNAL.wire(), "History is unavailable right now; try again."));
                return;
              }
              Long target = (Long) found[0];
              Store.Page page =
                  PageSize.cap((Store.Page) found[1], target != null, PageSize.MAX_PAGE_BYTES);
              client.send(
                  new Out.History(
                      ref,
                      room.name,
                      page.events(),
                      page.more(),
                      Authors.now(page.events(), registry.users),
                      null,
                      target));
            });
  }
}
