package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;

import java.util.List;
import java.util.Set;

/**
 * What a member chose to be notified of in a room: {@code all}, {@code mentions} or {@code none};
 * until they choose, nothing (clients keep their default: mentions in a room, everything in a
 * direct conversation). The {@code notify} frame sets it; it is kept with the membership (V20,
 * {@code members.notify}; leaving the room forgets it), in each node's memory ({@link
 * UserState#notify}) and shared ({@link Change.NotifySet}), so every node's {@code welcome} and
 * {@code ok} of a join carry the same level, and each change reaches all the member's connections
 * as {@code notify} {room, level}. The server only keeps and tells it: clients decide what to show.
 */
final class NotifyLevels {
  static final Set<String> LEVELS = Set.of("all", "mentions", "none");

  private final Registry registry;

  NotifyLevels(Registry registry) {
    this.registry = registry;
  }

  /** The level the user chose in the room, or null for none chosen (left out of the wire). */
  static String of(UserState user, String room) {
    return user == null ? null : user.notify.get(room);
  }

  void set(Session session, String name, String level, String ref) {
    RoomState room = registry.memberRoom(session, name);
    if (level == null || !LEVELS.contains(level))
      throw new ChatException(
          BAD_REQUEST, "Field 'level' must be \"all\", \"mentions\" or \"none\".");
    UserState user = session.user;
    String before = chose(user, room, level);
    if (!level.equals(before)) {
      registry.write(new Change.NotifySet(room.name, user.id, level));
      registry.bus.publish(Audience.user(user.id), new Out.NotifyLevel(room.name, level));
    } else {
      session.client.send(new Out.NotifyLevel(room.name, level));
    }
    session.client.send(new Out.Ok(ref, null));
  }

  /** At start: the levels members chose, as (room, user id, level). */
  static void load(Registry registry, List<String[]> levels) {
    for (String[] l : levels) {
      UserState user = registry.users.get(l[1]);
      RoomState room = registry.rooms.get(l[0]);
      if (user != null && room != null && user.rooms.containsKey(l[0]) && LEVELS.contains(l[2]))
        chose(user, room, l[2]);
    }
  }

  /** A level set on another node. */
  static void applied(Registry registry, Change.NotifySet n) {
    UserState user = registry.users.get(n.userId());
    RoomState room = registry.rooms.get(n.room());
    if (user != null && room != null && user.rooms.containsKey(n.room()))
      chose(user, room, n.level());
  }

  /** Keeps {@code level} for the user in the room; returns the level before. */
  static String chose(UserState user, RoomState room, String level) {
    String before = user.notify.put(room.name, level);
    if ("all".equals(level)) room.notifyAll.add(user.id);
    else room.notifyAll.remove(user.id);
    return before;
  }

  /** The member left or was removed: their level there is forgotten. */
  static void forget(UserState user, RoomState room) {
    user.notify.remove(room.name);
    room.notifyAll.remove(user.id);
  }
}
