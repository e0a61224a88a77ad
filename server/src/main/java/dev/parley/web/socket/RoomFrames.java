package dev.parley.web.socket;

import dev.parley.domain.Chat;
import dev.parley.domain.ChatException;
import dev.parley.domain.RoomInvites;
import dev.parley.domain.Session;
import tools.jackson.databind.JsonNode;

/**
 * The frames that bring people into rooms: {@code create} (with {@code private}), {@code join} (by
 * name, or with an {@code invite} code), {@code invite} (a user into a room, or a code: to a room,
 * or without {@code room} to the server under {@code --registration invite}), {@code invites} and
 * {@code uninvite}.
 */
final class RoomFrames {
  private RoomFrames() {}

  static void dispatch(Chat chat, Session session, String type, JsonNode f, String ref) {
    RoomInvites invites = chat.privateRooms().invites();
    switch (type) {
      case "create" ->
          chat.create(
              session,
              Fields.requiredString(f, "room"),
              Fields.string(f, "topic"),
              Fields.flag(f, "private"),
              ref);
      case "join" -> {
        String code = Fields.string(f, "invite");
        if (code != null) invites.join(session, code, ref);
        else chat.join(session, Fields.requiredString(f, "room"), ref);
      }
      case "invite" ->
          invites.invite(
              session,
              Fields.string(f, "room"),
              Fields.string(f, "user"),
              Fields.number(f, "uses"),
              Fields.number(f, "minutes"),
              ref);
      case "invites" -> invites.list(session, Fields.requiredString(f, "room"), ref);
      case "uninvite" -> invites.revoke(session, Fields.requiredString(f, "code"), ref);
      default ->
          throw new ChatException(ChatException.Code.BAD_REQUEST, "Not a room frame: " + type);
    }
  }
}
