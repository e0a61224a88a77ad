package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.FORBIDDEN;

/**
 * Rooms only their members know of, and the door to the room's rooms-and-invites frames. A private
 * room ({@link RoomState#isPrivate}, as a direct conversation is) is listed in no directory, and to
 * anyone not in it every door answers as for a name nobody uses ({@link Registry#memberRoom},
 * {@link Registry#visibleRoom}); its {@code room} frames go to its members only ({@link
 * Rooms#audience}). Made so by {@code create} with {@code private}, or later by {@link #setPrivate}
 * (what the {@code settings} frame calls). Reached through {@link Chat#privateRooms}.
 */
public final class PrivateRooms {
  private final Registry registry;
  private final RoomInvites invites;

  PrivateRooms(Registry registry, RoomInvites invites) {
    this.registry = registry;
    this.invites = invites;
  }

  /** {@code invite}, {@code join} with {@code invite}, {@code invites}, {@code uninvite}. */
  public RoomInvites invites() {
    return invites;
  }

  /**
   * {@code settings} with {@code private}: makes the room private or public, for its creator or an
   * administrator ({@code forbidden} otherwise; room owners and roles replace the creator when they
   * come). Members get the {@code room} frame; everyone too when it becomes public.
   */
  public void setPrivate(Session session, String room, boolean isPrivate, String ref) {
    setPrivate(registry.memberRoom(session, room), isPrivate, session.user);
    session.client.send(new Out.Ok(ref, null));
  }

  void setPrivate(RoomState room, boolean isPrivate, UserState by) {
    if (!by.id.equals(room.createdBy) && registry.admins.role(by) == null)
      throw new ChatException(FORBIDDEN, "Only the room's owner may make it private or public.");
    if (change(registry, room, isPrivate))
      registry.bus.publish(Rooms.audience(room, !isPrivate), registry.changed(room));
  }

  /**
   * Makes the room private or public, for a caller that checked who may ({@link RoomRoles#settings}
   * checks the owner role); whether it changed. Its {@code room} frame is the caller's to send.
   */
  static boolean change(Registry registry, RoomState room, boolean isPrivate) {
    if (room.isDirect())
      throw new ChatException(BAD_REQUEST, "A direct conversation is always private.");
    if (room.privateRoom == isPrivate) return false;
    room.privateRoom = isPrivate;
    registry.write(new Change.RoomPrivacy(room.name, isPrivate));
    registry.relist(room);
    return true;
  }
}
