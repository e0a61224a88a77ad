package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;

/**
 * Changes to messages already in a log: edit and delete (author only) and reactions (any member).
 * The checks that need only the request happen here, on the caller's thread; the ones that need the
 * message as stored (who wrote it, whether it is deleted) happen in the store's transaction, in
 * {@link Amendment#apply}. Every change gets the room's next rev, so a client that was away asks
 * for the changes after the last rev it saw.
 */
final class MessageChanges {
  private final Registry registry;
  private final RoomLog log;
  private final Messages messages;

  MessageChanges(Registry registry, RoomLog log, Messages messages) {
    this.registry = registry;
    this.log = log;
    this.messages = messages;
  }

  void edit(Session session, String roomName, long seq, String text, String ref) {
    RoomState room = registry.memberRoom(session, roomName);
    if (text != null && !text.isBlank()) messages.checkText(text);
    long now = registry.clock.getAsLong();
    log.amend(
        room, new Amendment.Edit(room.name, seq, session.user.id, text, now), session.client, ref);
  }

  void delete(Session session, String roomName, long seq, String ref) {
    RoomState room = registry.memberRoom(session, roomName);
    boolean moderates = RoomRoles.moderates(registry, room, session.user);
    Profile moderator = moderates ? session.user.profile() : null;
    java.util.Set<String> above =
        moderates ? RoomRoles.notBelow(registry, room, session.user) : java.util.Set.of();
    log.amend(
        room,
        new Amendment.Delete(room.name, seq, session.user.id, moderator, above),
        session.client,
        ref);
  }

  void react(Session session, String roomName, long seq, String emoji, boolean on, String ref) {
    RoomState room = registry.memberRoom(session, roomName);
    if (!Names.isReaction(emoji)) {
      throw new ChatException(
          BAD_REQUEST,
          "A reaction is one emoji (up to "
              + Names.MAX_REACTION
              + " characters, no spaces, controls or invisible characters).");
    }
    if (on) registry.spoke(session.user);
    log.amend(
        room,
        new Amendment.React(room.name, seq, session.user.profile(), emoji, on),
        session.client,
        ref);
  }
}
