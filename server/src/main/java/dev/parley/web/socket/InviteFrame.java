package dev.parley.web.socket;

import dev.parley.domain.Chat;
import dev.parley.domain.ChatException;
import dev.parley.domain.Session;
import tools.jackson.databind.JsonNode;

/**
 * The {@code invite} frame. Without {@code room} and {@code user} it makes an invite to the server
 * ({@code --registration invite}); the contract's invites to a room are not served yet, and are
 * refused plainly rather than taken for an invite to the server.
 */
final class InviteFrame {
  private InviteFrame() {}

  static void handle(Chat chat, Session session, JsonNode f, String ref) {
    if (f.has("room") || f.has("user")) {
      throw new ChatException(
          ChatException.Code.BAD_REQUEST, "Invites to a room are not supported yet.");
    }
    chat.registration().invite(session, Fields.number(f, "uses"), Fields.number(f, "minutes"), ref);
  }
}
