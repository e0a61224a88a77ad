package dev.parley.bus;

import dev.parley.testing.TestClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * One message as a client that follows the contract's rev rule holds it: the frames it received for
 * that seq folded in arrival order, each applied only when its rev is higher than the last one
 * applied. Keeps every change's rev in arrival order, so a test can check they came in order.
 */
record MessageFold(
    long rev, boolean deleted, String text, Map<String, Set<String>> reactions, List<Long> revs) {

  static MessageFold of(TestClient client, String room, long seq) {
    long rev = -1;
    boolean deleted = false;
    String text = null;
    Map<String, Set<String>> reactions = new TreeMap<>();
    List<Long> revs = new ArrayList<>();
    for (JsonNode f : client.frames()) {
      String type = f.path("type").asString();
      if (!"message".equals(type) && !"reaction".equals(type)) continue;
      if (!room.equals(f.path("room").asString()) || f.path("seq").asLong() != seq) continue;
      long r = f.path("rev").asLong(0);
      if (r > 0) revs.add(r);
      if (r <= rev) continue;
      rev = r;
      if ("message".equals(type)) {
        deleted = f.path("deleted").asBoolean(false);
        text = f.path("text").asString(null);
        reactions = sets(f.path("reactions"));
      } else {
        Set<String> who =
            reactions.computeIfAbsent(f.path("emoji").asString(), e -> new HashSet<>());
        if (f.path("on").asBoolean()) who.add(f.path("user").path("id").asString());
        else who.remove(f.path("user").path("id").asString());
        reactions.values().removeIf(Set::isEmpty);
      }
    }
    return new MessageFold(rev, deleted, text, reactions, revs);
  }

  /** Reactions as emoji to the set of user ids, from a frame's {@code reactions} object. */
  static Map<String, Set<String>> sets(JsonNode reactions) {
    Map<String, Set<String>> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : reactions.properties()) {
      Set<String> ids = new HashSet<>();
      for (JsonNode id : e.getValue()) ids.add(id.asString());
      if (!ids.isEmpty()) out.put(e.getKey(), ids);
    }
    return out;
  }

  /** The same, from a stored message's reactions. */
  static Map<String, Set<String>> sets(Map<String, List<String>> reactions) {
    Map<String, Set<String>> out = new TreeMap<>();
    reactions.forEach(
        (emoji, ids) -> {
          if (!ids.isEmpty()) out.put(emoji, new HashSet<>(ids));
        });
    return out;
  }
}
