package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.FORBIDDEN;
import static dev.parley.domain.ChatException.Code.NOT_FOUND;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Direct conversations: a room named {@code dm:} plus its members' user ids, sorted, that only they
 * are members of: two people, or a group of up to {@link Names#MAX_DIRECT}. It is opened by the
 * first {@code send} with {@code to} (one user id, or a list for a group); nobody joins or leaves
 * it, it is never in the directory, and to anyone else it does not exist (see {@link
 * Registry#memberRoom}).
 *
 * <p>Why the members are in the name, for a group too: the same set of people always finds the same
 * conversation, whoever starts it and on whichever node, without a lookup; and its members cannot
 * change (adding someone is another set, so another conversation, as in Slack), so nothing said
 * before someone arrived is ever shown to them.
 */
final class DirectRooms {
  private final Registry registry;

  /**
   * Conversations being opened right now. A member is in {@code UserState.rooms} a moment before
   * its connections are subscribed and told of the room, so a send that sees every membership while
   * the opening is still under way must wait for it, or its own message could reach the sockets
   * before they know the room (and be missed by them).
   */
  private final Set<String> opening = ConcurrentHashMap.newKeySet();

  DirectRooms(Registry registry) {
    this.registry = registry;
  }

  /** The user ids in a direct room's name (the same id twice for a note to oneself). */
  static List<String> ids(String name) {
    return Names.directIds(name);
  }

  /** The conversation of the session's user with user {@code to}, opened if need be. */
  RoomState open(Session session, String to) {
    UserState other = to == null ? null : registry.users.get(to);
    if (other == null)
      throw new ChatException(NOT_FOUND, "There is nobody with the id " + to + ".");
    return open(session, List.of(other));
  }

  /**
   * The conversation of the session's user with the users {@code to} (the sender's own id and
   * repeats are dropped), opened if need be: at most {@link Names#MAX_DIRECT} people in all, each
   * of them known; nobody banned from the server is put in a new group.
   */
  RoomState openGroup(Session session, List<String> to) {
    if (to == null || to.isEmpty())
      throw new ChatException(BAD_REQUEST, "Name at least one person in 'to'.");
    Map<String, UserState> people = new LinkedHashMap<>();
    people.put(session.user.id, session.user);
    for (String id : to) people.putIfAbsent(id, null);
    if (people.size() > Names.MAX_DIRECT) {
      throw new ChatException(
          BAD_REQUEST, "A conversation has at most " + Names.MAX_DIRECT + " people, you included.");
    }
    List<UserState> others = new ArrayList<>(people.size());
    for (String id : people.keySet()) {
      if (id.equals(session.user.id)) continue;
      UserState u = registry.users.get(id);
      if (u == null) throw new ChatException(NOT_FOUND, "There is nobody with the id " + id + ".");
      others.add(u);
    }
    if (others.size() > 1 && !registry.rooms.containsKey(Names.direct(people.keySet()))) {
      for (UserState u : others) {
        if (registry.bans.banned(u))
          throw new ChatException(FORBIDDEN, u.nick + " is banned and cannot be added.");
      }
    }
    return open(session, others);
  }

  /**
   * The conversation of the session's user with {@code others}, opened if need be: all become
   * members, and each of their connections gets a {@code room} frame before the first message, so a
   * client learns of the conversation (and who is in it) before anything arrives in it. Opening is
   * rare, so it takes one lock; the usual case (already open) takes none. The fast path reads the
   * memberships before {@link #opening}: a membership it sees was added after the name went into
   * {@code opening}, so the name is either still there (take the lock and wait) or the opening is
   * complete.
   */
  private RoomState open(Session session, List<UserState> others) {
    List<UserState> members = new ArrayList<>(others.size() + 1);
    members.add(session.user);
    List<String> ids = new ArrayList<>(others.size() + 1);
    ids.add(session.user.id);
    for (UserState u : others) {
      if (ids.contains(u.id)) continue;
      members.add(u);
      ids.add(u.id);
    }
    String name = Names.direct(ids);
    RoomState room = registry.rooms.get(name);
    if (room != null && allIn(members, name) && !opening.contains(name)) return room;
    synchronized (this) {
      opening.add(name);
      try {
        return openLocked(name, session.user, members);
      } finally {
        opening.remove(name);
      }
    }
  }

  private static boolean allIn(List<UserState> members, String name) {
    for (UserState u : members) if (!u.rooms.containsKey(name)) return false;
    return true;
  }

  private RoomState openLocked(String name, UserState me, List<UserState> members) {
    RoomState room = registry.rooms.get(name);
    if (room == null) {
      long now = registry.clock.getAsLong();
      room = new RoomState(name, "", me.id, now, 0, 0);
      registry.rooms.put(name, room);
      registry.write(new Change.RoomSaved(name, "", me.id, now));
    }
    List<UserState> added = new ArrayList<>(members.size());
    for (UserState u : members) {
      if (u.rooms.containsKey(name)) continue;
      registry.addMember(room, u, 0);
      added.add(u);
    }
    for (UserState u : added) registry.bus.publish(Audience.user(u.id), registry.changed(room));
    return room;
  }
}
