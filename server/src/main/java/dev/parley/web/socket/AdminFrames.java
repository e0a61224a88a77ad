package dev.parley.web.socket;

import dev.parley.domain.Chat;
import dev.parley.domain.ChatException;
import dev.parley.domain.Session;
import tools.jackson.databind.JsonNode;

/**
 * The frames of server administrators: the user list, server-wide bans and sign-in links for
 * someone who lost their password. Read from JSON and handed to {@code Chat.admin()}, which says
 * who may.
 */
final class AdminFrames {
  private AdminFrames() {}

  static void dispatch(Chat chat, Session session, String type, JsonNode f, String ref) {
    switch (type) {
      case "admin_users" ->
          chat.admin()
              .users(
                  session, Fields.string(f, "q"), Fields.string(f, "after"), Fields.limit(f), ref);
      case "ban" ->
          chat.admin()
              .ban(
                  session,
                  Fields.string(f, "room"),
                  Fields.requiredString(f, "user"),
                  Fields.string(f, "reason"),
                  ref);
      case "unban" ->
          chat.admin()
              .unban(session, Fields.string(f, "room"), Fields.requiredString(f, "user"), ref);
      case "admin_link" -> chat.admin().link(session, Fields.requiredString(f, "user"), ref);
      default ->
          throw new ChatException(
              ChatException.Code.BAD_REQUEST, "Not an administrator's frame: '" + type + "'.");
    }
  }
}
