package dev.parley.web.socket;

import dev.parley.domain.Chat;
import dev.parley.domain.Session;
import tools.jackson.databind.JsonNode;

/**
 * The frames of what people mark in rooms: {@code pin}, {@code pins}, {@code save}, {@code saved},
 * {@code notify}, {@code unread}, and {@code history} with {@code at}. Read from JSON and handed to
 * {@code Chat.marks()}, which holds the rules.
 */
final class MarkFrames {
  private MarkFrames() {}

  static void dispatch(Chat chat, Session session, String type, JsonNode f, String ref) {
    switch (type) {
      case "pin" ->
          chat.marks()
              .pin(
                  session,
                  Fields.requiredString(f, "room"),
                  Fields.requiredNumber(f, "seq"),
                  Fields.requiredBoolean(f, "on"),
                  ref);
      case "pins" -> chat.marks().pins(session, Fields.requiredString(f, "room"), ref);
      case "save" ->
          chat.marks()
              .save(
                  session,
                  Fields.requiredString(f, "room"),
                  Fields.requiredNumber(f, "seq"),
                  Fields.requiredBoolean(f, "on"),
                  ref);
      case "saved" -> chat.marks().saved(session, ref);
      case "unread" ->
          chat.marks()
              .unread(
                  session, Fields.requiredString(f, "room"), Fields.requiredNumber(f, "seq"), ref);
      case "notify" ->
          chat.marks()
              .notifyLevel(
                  session,
                  Fields.requiredString(f, "room"),
                  Fields.requiredString(f, "level"),
                  ref);
      default -> throw new IllegalArgumentException("not a frame of marks: " + type);
    }
  }
}
