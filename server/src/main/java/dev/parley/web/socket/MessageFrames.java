package dev.parley.web.socket;

import dev.parley.domain.Chat;
import dev.parley.domain.Retention;
import dev.parley.domain.Session;
import tools.jackson.databind.JsonNode;

/**
 * The frames about a room's log once it is written: reading it ({@code history}, {@code changes}),
 * changing messages ({@code edit}, {@code delete}, {@code react}) and how long it is kept ({@code
 * retention}). Their fields are read here, their rules are the domain's; {@link SocketHandler}
 * hands them over.
 */
final class MessageFrames {
  private MessageFrames() {}

  static void dispatch(Chat chat, Session session, String type, JsonNode f, String ref) {
    switch (type) {
      case "history" -> {
        if (f.hasNonNull("at")
            && (f.hasNonNull("before") || f.hasNonNull("after") || f.hasNonNull("thread")))
          throw new dev.parley.domain.ChatException(
              dev.parley.domain.ChatException.Code.BAD_REQUEST,
              "Ask for history at a moment, or before or after a seq, not both.");
        if (f.hasNonNull("at")) { // jump to a date: see Marks.historyAt
          chat.marks()
              .historyAt(
                  session,
                  Fields.requiredString(f, "room"),
                  Fields.requiredNumber(f, "at"),
                  Fields.limit(f),
                  ref);
          return;
        }
        if (f.hasNonNull("thread")) {
          chat.thread(
              session,
              Fields.requiredString(f, "room"),
              Fields.requiredNumber(f, "thread"),
              Fields.number(f, "after"),
              Fields.limit(f),
              ref);
          return;
        }
        chat.history(
            session,
            Fields.requiredString(f, "room"),
            Fields.number(f, "before"),
            Fields.number(f, "after"),
            Fields.limit(f),
            ref);
      }
      case "edit" ->
          chat.edit(
              session,
              Fields.requiredString(f, "room"),
              Fields.requiredNumber(f, "seq"),
              Fields.string(f, "text"),
              ref);
      case "delete" ->
          chat.delete(
              session, Fields.requiredString(f, "room"), Fields.requiredNumber(f, "seq"), ref);
      case "react" ->
          chat.react(
              session,
              Fields.requiredString(f, "room"),
              Fields.requiredNumber(f, "seq"),
              Fields.requiredString(f, "emoji"),
              Fields.requiredBoolean(f, "on"),
              ref);
      case "changes" ->
          chat.changes(
              session,
              Fields.requiredString(f, "room"),
              Fields.requiredNumber(f, "since"),
              Fields.limit(f),
              ref);
      case "retention" -> retention(chat, session, f, ref);
      case "unpreview" ->
          chat.linkPreviews()
              .unpreview(
                  session, Fields.requiredString(f, "room"), Fields.requiredNumber(f, "seq"), ref);
      default -> throw new IllegalArgumentException("not a message frame: " + type);
    }
  }

  /**
   * {@code {"type":"retention","room":r,"days":n|null,"count":n|null}} sets the room's own policy
   * (both null: keep everything); {@code "inherit":true} goes back to the server's.
   */
  private static void retention(Chat chat, Session session, JsonNode f, String ref) {
    String room = Fields.requiredString(f, "room");
    boolean inherit = f.has("inherit") && Fields.requiredBoolean(f, "inherit");
    Retention policy = null;
    if (!inherit) {
      Integer days = Fields.policyNumber(f, "days");
      Integer count = Fields.policyNumber(f, "count");
      policy = new Retention(days, count);
    }
    chat.retention(session, room, policy, inherit, ref);
  }
}
