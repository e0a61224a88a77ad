package dev.parley.web.socket;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;

import dev.parley.domain.ChatException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of a client frame, refusing the wrong kind with {@code bad_request} that
 * names the field. Absent and JSON null both count as "not given".
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

  private static ChatException wrong(String name, String kind) {
    return new ChatException(BAD_REQUEST, "Field '" + name + "' must be " + kind + ".");
  }
}
