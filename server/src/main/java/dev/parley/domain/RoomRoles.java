package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.FORBIDDEN;
import static dev.parley.domain.ChatException.Code.NOT_FOUND;
import static dev.parley.domain.ChatException.Code.NOT_MEMBER;
import static dev.parley.domain.ChatException.Code.TOO_LONG;

/**
 * Who may do what in a room, and the owner's two frames: {@code role} (name or unname a moderator)
 * and {@code settings} (topic, read-only). The owner is the room's creator; moderators are stored
 * per membership ({@link Change.RoleSet}), so leaving the room, or being removed from it, ends the
 * role. A server administrator ranks above every room role in every room. Nobody acts on someone of
 * an equal or higher rank, nor on themself.
 */
final class RoomRoles {
  private final Registry registry;
  private final RoomLog log;

  RoomRoles(Registry registry, RoomLog log) {
    this.registry = registry;
    this.log = log;
  }

  /** The role of {@code userId} in the room (member for anyone not listed). */
  static RoomRole of(RoomState room, String userId) {
    if (userId == null || room.isDirect()) return RoomRole.MEMBER;
    if (userId.equals(room.createdBy)) return RoomRole.OWNER;
    return room.roles.getOrDefault(userId, RoomRole.MEMBER);
  }

  /** The user's rank in the room: their role's, or an administrator's. */
  static int rank(Registry registry, RoomState room, UserState user) {
    return registry.admins.is(user) ? RoomRole.ADMIN_RANK : of(room, user.id).rank();
  }

  /** Whether the user may moderate the room (a moderator, its owner, or an administrator). */
  static boolean moderates(Registry registry, RoomState room, UserState user) {
    return !room.isDirect() && rank(registry, room, user) >= RoomRole.MODERATOR.rank();
  }

  /** The ids in the room whose role ranks the same as the user's or higher (themself excluded). */
  static java.util.Set<String> notBelow(Registry registry, RoomState room, UserState user) {
    int mine = rank(registry, room, user);
    java.util.Set<String> ids = new java.util.HashSet<>();
    if (room.createdBy != null && RoomRole.OWNER.rank() >= mine) ids.add(room.createdBy);
    room.roles.forEach(
        (id, role) -> {
          if (role.rank() >= mine) ids.add(id);
        });
    ids.remove(user.id);
    return ids;
  }

  /**
   * The room in which the session's user acts with at least the rank of {@code least}: a member's
   * room (the usual {@code not_found} and {@code not_member}), or any public room for an
   * administrator; {@code forbidden} below that rank, and in a direct conversation.
   */
  RoomState acting(Session session, String name, RoomRole least) {
    UserState user = session.user;
    RoomState room;
    if (registry.admins.is(user) && name != null && !Names.isDirect(name)) {
      room = registry.room(name);
    } else {
      room = registry.memberRoom(user, name);
    }
    if (room.isDirect())
      throw new ChatException(FORBIDDEN, "A direct conversation has no moderators.");
    if (rank(registry, room, user) < least.rank()) {
      throw new ChatException(
          FORBIDDEN,
          least == RoomRole.OWNER
              ? "Only the owner of " + room.name + " may do that."
              : "Only a moderator of " + room.name + " may do that.");
    }
    return room;
  }

  /**
   * The person acted on: a known user other than the actor, ranked below them, and (when {@code
   * member}) in the room.
   */
  UserState target(Session session, RoomState room, String userId, boolean member) {
    if (userId == null) throw new ChatException(BAD_REQUEST, "Field 'user' is required.");
    UserState target = registry.users.get(userId);
    if (target == null) throw new ChatException(NOT_FOUND, "There is no user " + userId + ".");
    if (target == session.user)
      throw new ChatException(BAD_REQUEST, "You cannot do that to yourself.");
    if (member && !target.rooms.containsKey(room.name))
      throw new ChatException(NOT_MEMBER, target.nick + " is not in " + room.name + ".");
    if (rank(registry, room, target) >= rank(registry, room, session.user))
      throw new ChatException(
          FORBIDDEN, "You cannot act on " + target.nick + ": their role is not below yours.");
    return target;
  }

  /** {@code role}: the owner (or an administrator) makes a member a moderator, or back. */
  void role(Session session, String name, String userId, String roleName, String ref) {
    RoomRole role = RoomRole.fromWire(roleName);
    if (role == null || role == RoomRole.OWNER)
      throw new ChatException(BAD_REQUEST, "Field 'role' must be \"moderator\" or \"member\".");
    RoomState room = acting(session, name, RoomRole.OWNER);
    UserState target = target(session, room, userId, true);
    if (of(room, target.id) != role) {
      if (role == RoomRole.MEMBER) room.roles.remove(target.id);
      else room.roles.put(target.id, role);
      registry.write(new Change.RoleSet(room.name, target.id, role));
      Moderation.audit(registry, session.user, "role", room.name, target, null, role.wire());
      registry.bus.publish(Audience.user(target.id), registry.changed(room, target.id));
      log.appendNotice(
          room.name,
          Notice.Kind.ROLE,
          target.profile(),
          new Notice.Detail(session.user.profile(), null, null, role.wire(), null, null));
    }
    registry.cluster.afterShared(() -> session.client.send(new Out.Ok(ref, null)));
  }

  /**
   * {@code settings}: the owner (or an administrator) sets the topic and whether the room is
   * read-only; each null keeps what is. Members get {@code room} and a {@code settings} notice when
   * anything changed; everyone online gets {@code room} too when the room was just made public.
   */
  void settings(
      Session session, String name, String topic, Boolean readOnly, Boolean isPrivate, String ref) {
    RoomState room = acting(session, name, RoomRole.OWNER);
    String cleanTopic = topic == null ? null : topic.strip();
    if (cleanTopic != null) {
      if (!Characters.isLabel(cleanTopic))
        throw new ChatException(
            BAD_REQUEST,
            "A topic may not contain control characters, bidi controls, invisible characters or broken ones (a lone surrogate).");
      if (Names.length(cleanTopic) > Names.MAX_TOPIC)
        throw new ChatException(TOO_LONG, "A topic is at most " + Names.MAX_TOPIC + " characters.");
    }
    boolean newTopic = cleanTopic != null && !cleanTopic.equals(room.topic);
    boolean newFlag = readOnly != null && readOnly != room.readOnly;
    boolean newPrivacy = isPrivate != null && PrivateRooms.change(registry, room, isPrivate);
    if (newTopic) {
      room.topic = cleanTopic;
      registry.write(new Change.RoomSaved(room.name, cleanTopic, room.createdBy, room.createdTs));
      registry.relist(room);
    }
    if (newFlag) {
      room.readOnly = readOnly;
      registry.write(new Change.ReadOnlySet(room.name, readOnly));
    }
    if (newTopic || newFlag || newPrivacy) {
      java.util.List<String> parts = new java.util.ArrayList<>();
      if (newTopic) parts.add("topic");
      if (newFlag) parts.add("readOnly: " + readOnly);
      if (newPrivacy) parts.add("private: " + isPrivate);
      String detail = String.join(", ", parts);
      Moderation.audit(registry, session.user, "settings", room.name, null, null, detail);
      registry.bus.publish(
          Rooms.audience(room, newPrivacy && !room.isPrivate()), registry.changed(room));
      log.appendNotice(
          room.name,
          Notice.Kind.SETTINGS,
          session.user.profile(),
          new Notice.Detail(
              session.user.profile(),
              null,
              null,
              null,
              newTopic ? cleanTopic : null,
              newFlag ? readOnly : null));
    }
    registry.cluster.afterShared(() -> session.client.send(new Out.Ok(ref, null)));
  }
}
