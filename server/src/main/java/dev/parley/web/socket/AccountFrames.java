package dev.parley.web.socket;

import dev.parley.domain.Accounts;
import dev.parley.domain.ChatException;
import dev.parley.domain.Session;
import tools.jackson.databind.JsonNode;

/**
 * The frames about a user's own account (sessions, sign-in codes, password): read from JSON and
 * handed to {@link Accounts}. Apart from {@link SocketHandler}, which stays the connection's
 * lifecycle and the dispatch of chat frames.
 */
final class AccountFrames {
  private AccountFrames() {}

  static void dispatch(Accounts accounts, Session session, String type, JsonNode f, String ref) {
    switch (type) {
      case "sessions" -> accounts.sessions(session, ref);
      case "revoke" ->
          accounts.revoke(session, Fields.string(f, "session"), Fields.flag(f, "others"), ref);
      case "link" -> accounts.link(session, ref);
      case "protect" ->
          accounts.protect(
              session, Fields.requiredString(f, "password"), Fields.string(f, "current"), ref);
      case "strength" -> accounts.strength(session, Fields.requiredString(f, "password"), ref);
      default ->
          throw new ChatException(
              ChatException.Code.BAD_REQUEST, "Not a frame about an account: '" + type + "'.");
    }
  }
}
