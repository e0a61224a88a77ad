package dev.parley.web.socket;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;

import dev.parley.domain.Attachment;
import dev.parley.domain.ChatException;
import dev.parley.domain.Image;
import dev.parley.domain.Retention;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of a client frame, refusing the wrong kind with {@code bad_request} that names
 * the field. Absent and JSON null both count as "not given".
 */
final class Fields {

  private Fields() {}

  static String string(JsonNode frame, String name) {
    JsonNode v = frame.get(name);
    if (v == null || v.isNull()) return null;
    if (!v.isString()) throw wrong(name, "a string");
    return v.stringValue();
  }

  static String requiredString(JsonNode frame, String name) {
    String s = string(frame, name);
    if (s == null) throw new ChatException(BAD_REQUEST, "Field '" + name + "' is required.");
    return s;
  }

  static Long number(JsonNode frame, String name) {
    JsonNode v = frame.get(name);
    if (v == null || v.isNull()) return null;
    if (!v.isIntegralNumber() || !v.canConvertToLong()) throw wrong(name, "a whole number");
    return v.longValue();
  }

  static long requiredNumber(JsonNode frame, String name) {
    Long n = number(frame, name);
    if (n == null) throw new ChatException(BAD_REQUEST, "Field '" + name + "' is required.");
    return n;
  }

  /** An optional true or false; absent or null is false. */
  static boolean flag(JsonNode frame, String name) {
    JsonNode v = frame.get(name);
    if (v == null || v.isNull()) return false;
    if (!v.isBoolean()) throw wrong(name, "true or false");
    return v.booleanValue();
  }

  static boolean requiredBoolean(JsonNode frame, String name) {
    JsonNode v = frame.get(name);
    if (v == null || v.isNull())
      throw new ChatException(BAD_REQUEST, "Field '" + name + "' is required.");
    return flag(frame, name);
  }

  /** The optional {@code limit} of a page, clamped into an int (the domain clamps it further). */
  static Integer limit(JsonNode frame) {
    Long limit = number(frame, "limit");
    return limit == null
        ? null
        : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, limit));
  }

  /** A retention limit: absent or null for none, else 1 to {@link Retention#MAX}. */
  static Integer policyNumber(JsonNode frame, String name) {
    Long n = number(frame, name);
    if (n == null) return null;
    if (n < 1 || n > Retention.MAX)
      throw wrong(name, "a whole number from 1 to " + Retention.MAX + ", or null");
    return n.intValue();
  }

  /** An {@code image} object {url, name?, width?, height?}; sizes are the server's to set. */
  static Image image(JsonNode frame, String name) {
    JsonNode v = frame.get(name);
    if (v == null || v.isNull()) return null;
    if (!v.isObject()) throw wrong(name, "an object with a 'url'");
    return new Image(requiredString(v, "url"), string(v, "name"), null, null);
  }

  /**
   * A {@code file} object {url, name?, size?, type?, duration?}; size and type are the server's to
   * set, so only the name and a voice message's duration (whole seconds) are taken.
   */
  static Attachment file(JsonNode frame, String name) {
    JsonNode v = frame.get(name);
    if (v == null || v.isNull()) return null;
    if (!v.isObject()) throw wrong(name, "an object with a 'url'");
    Long duration = number(v, "duration");
    if (duration != null && (duration < 0 || duration > Integer.MAX_VALUE))
      throw wrong("duration", "a whole number of seconds");
    return Attachment.claimed(
        requiredString(v, "url"), string(v, "name"), duration == null ? null : duration.intValue());
  }

  /**
   * An optional array of at most {@code max} strings (each at most 64 characters); null when
   * absent.
   */
  static java.util.List<String> strings(JsonNode frame, String name, int max) {
    JsonNode v = frame.get(name);
    if (v == null || v.isNull()) return null;
    String kind = "an array of at most " + max + " strings";
    if (!v.isArray() || v.size() > max) throw wrong(name, kind);
    java.util.List<String> out = new java.util.ArrayList<>(v.size());
    for (JsonNode e : v) {
      if (!e.isString() || e.asString().length() > 64) throw wrong(name, kind);
      out.add(e.asString());
    }
    return out;
  }

  private static ChatException wrong(String name, String kind) {
    return new ChatException(BAD_REQUEST, "Field '" + name + "' must be " + kind + ".");
  }
}
