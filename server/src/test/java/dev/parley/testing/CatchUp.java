package dev.parley.testing;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A client's catch-up after a reconnect, as the contract has it: what it saw live on its old
 * connection, then {@code history} with {@code after} its last seen seq (page by page), then what
 * arrives live on the new connection past the end of that history. Tests use it to check that a
 * client that follows the contract ends with exactly the stored log.
 */
public final class CatchUp {
  private CatchUp() {}

  /**
   * The {@code message} and {@code notice} frames of {@code room} this connection received live, in
   * arrival order.
   */
  public static List<JsonNode> live(TestClient client, String room) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode f : client.frames()) {
      String type = f.path("type").asString();
      if (("message".equals(type) || "notice".equals(type))
          && room.equals(f.path("room").asString())) out.add(f);
    }
    return out;
  }

  /** The highest seq among {@code events}, or {@code otherwise} when there are none. */
  public static long lastSeq(List<JsonNode> events, long otherwise) {
    long last = otherwise;
    for (JsonNode e : events) last = Math.max(last, e.path("seq").asLong());
    return last;
  }

  /**
   * Every event of {@code room} after {@code after}, asked page by page through {@code history}.
   */
  public static List<JsonNode> historyAfter(TestClient client, String room, long after) {
    List<JsonNode> out = new ArrayList<>();
    long from = after;
    while (true) {
      JsonNode page = client.history(room, "after", from, "limit", 200);
      for (JsonNode e : page.path("events")) out.add(e);
      if (!page.path("more").asBoolean() || page.path("events").isEmpty()) return out;
      from = lastSeq(out, from);
    }
  }

  /**
   * What a client that reconnected sees in all: {@code before} (the old connection's live events),
   * then {@code history}, then those of {@code liveAfter} (the new connection's live events) past
   * the last seq it already has. Duplicates are not removed: a test asserts there are none.
   */
  public static List<JsonNode> merged(
      List<JsonNode> before, List<JsonNode> history, List<JsonNode> liveAfter) {
    List<JsonNode> out = new ArrayList<>(before);
    out.addAll(history);
    long have = lastSeq(out, 0);
    for (JsonNode e : liveAfter) if (e.path("seq").asLong() > have) out.add(e);
    return out;
  }
}
