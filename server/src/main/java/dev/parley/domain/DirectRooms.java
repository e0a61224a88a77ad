package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.NOT_FOUND;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Direct conversations: a room named {@code dm:} plus the two user ids, sorted, that only those two
 * are members of. It is opened by the first {@code send} with {@code to}; nobody joins or leaves
 * it, it is never in the directory, and to anyone else it does not exist (see {@link
 * Registry#memberRoom}).
 */
final class DirectRooms {
  private final Registry registry;

  /**
   * Conversations being opened right now. A member is in {@code UserState.rooms} a moment before
   * its connections are subscribed and told of the room, so a send that sees both memberships while
   * the opening is still under way must wait for it, or its own message could reach the sockets
   * before they know the room (and be missed by them).
   */
  private final Set<String> opening = ConcurrentHashMap.newKeySet();

  DirectRooms(Registry registry) {
    this.registry = registry;
  }

  /** The two user ids in a direct room's name (the same id twice for a note to oneself). */
  static List<String> ids(String name) {
    int colon = name.indexOf(':', 3);
    return List.of(name.substring(3, colon), name.substring(colon + 1));
  }

  /**
   * The conversation of the session's user with user {@code to}, opened if need be: both become
   * members, and each of their connections gets a {@code room} frame before the first message, so a
   * client learns of the conversation (and who is in it) before anything arrives in it. Opening is
   * rare, so it takes one lock; the usual case (already open) takes none. The fast path reads the
   * memberships before {@link #opening}: a membership it sees was added after the name went into
   * {@code opening}, so the name is either still there (take the lock and wait) or the opening is
   * complete.
   */
  RoomState open(Session session, String to) {
    UserState me = session.user;
    UserState other = to == null ? null : registry.users.get(to);
    if (other == null)
      throw new ChatException(NOT_FOUND, "There is nobody with the id " + to + ".");
    String name = Names.direct(me.id, other.id);
    RoomState room = registry.rooms.get(name);
    if (room != null
        && me.rooms.containsKey(name)
        && other.rooms.containsKey(name)
        && !opening.contains(name)) return room;
    synchronized (this) {
      opening.add(name);
      try {
        return openLocked(name, me, other);
      } finally {
        opening.remove(name);
      }
    }
  }

  private RoomState openLocked(String name, UserState me, UserState other) {
    RoomState room = registry.rooms.get(name);
    if (room == null) {
      long now = registry.clock.getAsLong();
      room = new RoomState(name, "", me.id, now, 0, 0);
      registry.rooms.put(name, room);
      registry.write(new Change.RoomSaved(name, "", me.id, now));
    }
    List<UserState> added = new ArrayList<>(2);
    for (UserState u : me == other ? List.of(me) : List.of(me, other)) {
      if (u.rooms.containsKey(name)) continue;
      registry.addMember(room, u, 0);
      added.add(u);
    }
    for (UserState u : added) registry.bus.publish(Audience.user(u.id), registry.changed(room));
    return room;
  }
}
