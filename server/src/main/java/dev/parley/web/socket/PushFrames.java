package dev.parley.web.socket;

import dev.parley.domain.ChatException;
import dev.parley.domain.PushNotes;
import dev.parley.domain.Session;
import tools.jackson.databind.JsonNode;

/**
 * The frames of Web Push: {@code push_key} (the VAPID public key), {@code push} (this device's
 * subscription), {@code unpush}, and {@code visible} (whether this tab is visible). Read from JSON
 * and handed to {@link PushNotes}, which holds the rules.
 */
final class PushFrames {
  private PushFrames() {}

  static void dispatch(PushNotes push, Session session, String type, JsonNode f, String ref) {
    switch (type) {
      case "push_key" -> push.key(session, ref);
      case "push" -> {
        JsonNode sub = f.path("subscription");
        if (!sub.isObject())
          throw new ChatException(
              ChatException.Code.BAD_REQUEST,
              "Field 'subscription' must be an object: {endpoint, keys: {p256dh, auth}}.");
        JsonNode keys = sub.path("keys");
        push.subscribe(
            session,
            Fields.requiredString(sub, "endpoint"),
            keys.isObject() ? Fields.string(keys, "p256dh") : null,
            keys.isObject() ? Fields.string(keys, "auth") : null,
            ref);
      }
      case "unpush" -> push.unsubscribe(session, Fields.requiredString(f, "endpoint"), ref);
      case "visible" -> push.visible(session, Fields.requiredBoolean(f, "on"));
      default -> throw new IllegalArgumentException("not a frame of push: " + type);
    }
  }
}
