package dev.parley.web.socket;

import dev.parley.domain.Chat;
import dev.parley.domain.Session;
import tools.jackson.databind.JsonNode;

/**
 * The frames of what people mark in rooms: {@code pin}, {@code pins}, {@code save}, {@code saved},
 * {@code notify}, {@code unread}, {@code threads}, {@code read} (the room's or a thread's marker)
 * and {@code history} with {@code at}. Read from JSON and handed to {@code Chat.marks()}, which
 * holds the rules.
 */
final class MarkFrames {
  private MarkFrames() {}

  /** {@code read}: the room's marker, or with {@code thread} the marker in that thread. */
  static void read(Chat chat, Session session, JsonNode f, String ref) {
    String room = Fields.requiredString(f, "room");
    long seq = Fields.requiredNumber(f, "seq");
    Long thread = Fields.number(f, "thread");
    if (thread == null) chat.read(session, room, seq);
    else chat.marks().readThread(session, room, thread, seq, ref);
  }

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
      case "threads" ->
          chat.marks().threads(session, Fields.string(f, "after"), Fields.limit(f), ref);
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
