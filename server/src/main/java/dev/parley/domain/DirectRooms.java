package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.NOT_FOUND;

import java.util.ArrayList;
import java.util.List;

/**
 * Direct conversations: a room named {@code dm:} plus the two user ids, sorted, that only those two
 * are members of. It is opened by the first {@code send} with {@code to}; nobody joins or leaves
 * it, it is never in the directory, and to anyone else it does not exist (see {@link
 * Registry#memberRoom}).
 */
final class DirectRooms {
  private final Registry registry;

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
   * rare, so it takes one lock; the usual case (already open) takes none.
   */
  RoomState open(Session session, String to) {
    UserState me = session.user;
    UserState other = to == null ? null : registry.users.get(to);
    if (other == null)
      throw new ChatException(NOT_FOUND, "There is nobody with the id " + to + ".");
    String name = Names.direct(me.id, other.id);
    RoomState room = registry.rooms.get(name);
    if (room != null && me.rooms.containsKey(name) && other.rooms.containsKey(name)) return room;
    synchronized (this) {
      room = registry.rooms.get(name);
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
    }
    return room;
  }
}
