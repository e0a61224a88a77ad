package dev.parley.web.socket;

import dev.parley.domain.Chat;
import dev.parley.domain.ChatException;
import dev.parley.domain.Session;
import tools.jackson.databind.JsonNode;

/**
 * The frames of room roles and moderation: {@code role}, {@code settings}, {@code kick}, {@code
 * mute}, {@code unmute}, {@code ban} and {@code unban} with a {@code room} (without one they are
 * the server-wide ones of {@link AdminFrames}), {@code sanctions}, {@code audit}. Read from JSON
 * and handed to {@code Chat.moderation()}, which says who may.
 */
final class ModerationFrames {
  private ModerationFrames() {}

  static void dispatch(Chat chat, Session session, String type, JsonNode f, String ref) {
    switch (type) {
      case "role" ->
          chat.moderation()
              .role(
                  session,
                  Fields.requiredString(f, "room"),
                  Fields.requiredString(f, "user"),
                  Fields.requiredString(f, "role"),
                  ref);
      case "settings" ->
          chat.moderation()
              .settings(
                  session,
                  Fields.requiredString(f, "room"),
                  Fields.string(f, "topic"),
                  optionalBoolean(f, "readOnly"),
                  optionalBoolean(f, "private"),
                  ref);
      case "kick" ->
          chat.moderation()
              .kick(
                  session,
                  Fields.requiredString(f, "room"),
                  Fields.requiredString(f, "user"),
                  Fields.string(f, "reason"),
                  ref);
      case "mute" ->
          chat.moderation()
              .mute(
                  session,
                  Fields.requiredString(f, "room"),
                  Fields.requiredString(f, "user"),
                  Fields.number(f, "minutes"),
                  Fields.string(f, "reason"),
                  ref);
      case "ban" -> {
        if (Fields.string(f, "room") == null) AdminFrames.dispatch(chat, session, type, f, ref);
        else
          chat.moderation()
              .ban(
                  session,
                  Fields.requiredString(f, "room"),
                  Fields.requiredString(f, "user"),
                  Fields.string(f, "reason"),
                  Fields.number(f, "minutes"),
                  ref);
      }
      case "unban" -> {
        if (Fields.string(f, "room") == null) AdminFrames.dispatch(chat, session, type, f, ref);
        else
          chat.moderation()
              .unban(
                  session, Fields.requiredString(f, "room"), Fields.requiredString(f, "user"), ref);
      }
      case "unmute" ->
          chat.moderation()
              .unmute(
                  session, Fields.requiredString(f, "room"), Fields.requiredString(f, "user"), ref);
      case "sanctions" ->
          chat.moderation().sanctions(session, Fields.requiredString(f, "room"), ref);
      case "audit" ->
          chat.moderation()
              .audit(
                  session,
                  Fields.string(f, "room"),
                  Fields.number(f, "before"),
                  Fields.limit(f),
                  ref);
      default ->
          throw new ChatException(
              ChatException.Code.BAD_REQUEST, "Not a moderation frame: '" + type + "'.");
    }
  }

  /** True, false, or null when absent. */
  private static Boolean optionalBoolean(JsonNode f, String name) {
    JsonNode v = f.get(name);
    if (v == null || v.isNull()) return null;
    return Fields.requiredBoolean(f, name);
  }
}
