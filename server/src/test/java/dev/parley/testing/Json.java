package dev.parley.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Building and reading the JSON frames that tests send and check. */
public final class Json {

  public static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  /**
   * An object from alternating names and values: {@code obj("type", "join", "room", "x")}. Values
   * may be strings, numbers, booleans, null, {@link JsonNode}s, maps or iterables.
   */
  public static ObjectNode obj(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must come in pairs");
    }
    ObjectNode node = MAPPER.createObjectNode();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      node.set((String) namesAndValues[i], toNode(namesAndValues[i + 1]));
    }
    return node;
  }

  public static JsonNode toNode(Object value) {
    if (value instanceof JsonNode n) return n;
    return MAPPER.valueToTree(value);
  }

  public static JsonNode parse(String text) {
    return MAPPER.readTree(text);
  }

  public static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  public static ArrayNode array(JsonNode node) {
    if (!(node instanceof ArrayNode a)) {
      throw new AssertionError("expected a JSON array but was " + node);
    }
    return a;
  }

  /** The element of an array of objects whose {@code field} equals {@code value}, or null. */
  public static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode e : array) {
      if (value.equals(e.path(field).asString(null))) return e;
    }
    return null;
  }

  /** The element of an array of objects whose {@code field} equals {@code value}; fails if none. */
  public static JsonNode require(JsonNode array, String field, String value) {
    JsonNode e = find(array, field, value);
    if (e == null) {
      throw new AssertionError("no element with " + field + "=" + value + " in " + array);
    }
    return e;
  }
}
