package dev.parley.archive;

import dev.parley.domain.Event;
import dev.parley.domain.Image;
import dev.parley.domain.Message;
import dev.parley.domain.Notice;
import dev.parley.domain.Profile;
import dev.parley.domain.Snapshot;
import dev.parley.json.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lossless export: a header with the room, then one event per line, each exactly as the
 * store keeps it (seq, rev, edits, deletions, reactions in order, authors' names and avatars
 * as they were). Streamed both ways, so a room of a million events is written and read in
 * bounded memory. Fields are written in a fixed order, so exporting what was imported gives
 * the same bytes.
 */
public final class JsonArchive implements RoomArchive {
  public static final String FORMAT = "parley-room-export";
  public static final int VERSION = 1;

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final byte[] COMMA = ",\n".getBytes(StandardCharsets.UTF_8);

  private final OutputStream out;
  private boolean first = true;

  public JsonArchive(OutputStream out) {
    this.out = out;
  }

  @Override
  public void begin(Snapshot.RoomRow room) throws IOException {
    out.write(("{\"format\":\"" + FORMAT + "\",\"version\":" + VERSION + ",\"room\":").getBytes(StandardCharsets.UTF_8));
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), new Unclosed(out))) {
      g.writeStartObject();
      g.writeStringProperty("name", room.name());
      g.writeStringProperty("topic", room.topic());
      if (room.createdBy() != null) g.writeStringProperty("createdBy", room.createdBy());
      g.writeNumberProperty("createdTs", room.createdTs());
      g.writeNumberProperty("lastSeq", room.lastSeq());
      g.writeNumberProperty("rev", room.lastRev());
      g.writeEndObject();
    }
    out.write(",\n\"events\": [\n".getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void event(Event event) throws IOException {
    if (!first) out.write(COMMA);
    first = false;
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), new Unclosed(out))) {
      WireJson.writeArchived(g, event);
    }
  }

  @Override
  public void end() throws IOException {
    out.write("\n]}\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** What reading an export finds: the room, then each event in turn. */
  public interface Reader {
    void room(Snapshot.RoomRow room);

    void event(Event event);
  }

  /**
   * Reads an export, handing over the room and then each event as it is parsed.
   *
   * @throws IllegalArgumentException when the input is not a Parley room export of this version
   */
  public static void read(InputStream in, Reader reader) throws IOException {
    try (JsonParser p = MAPPER.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw bad("it does not start with a JSON object");
      boolean sawRoom = false;
      boolean sawEvents = false;
      String room = null;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        switch (name) {
          case "format" -> {
            if (!FORMAT.equals(p.getString())) throw bad("its format is not " + FORMAT);
          }
          case "version" -> {
            if (p.getIntValue() != VERSION) throw bad("its version is " + p.getString() + ", not " + VERSION);
          }
          case "room" -> {
            JsonNode r = p.readValueAsTree();
            room = text(r, "name");
            reader.room(new Snapshot.RoomRow(room, r.path("topic").asString(""), text(r, "createdBy"),
                r.path("createdTs").asLong(), r.path("lastSeq").asLong(), r.path("rev").asLong()));
            sawRoom = true;
          }
          case "events" -> {
            if (!sawRoom) throw bad("its events come before its room");
            if (t != JsonToken.START_ARRAY) throw bad("'events' is not a list");
            sawEvents = true;
            while (p.nextToken() == JsonToken.START_OBJECT) {
              JsonNode e = p.readValueAsTree();
              reader.event(event(e, room));
            }
          }
          default -> p.skipChildren();
        }
      }
      if (!sawRoom) throw bad("it names no room");
      if (!sawEvents) throw bad("it has no 'events'");
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) throw bad("it does not end where its object ends");
    }
  }

  /**
   * A live {@code message} or {@code notice} frame back into its event (how a cluster node
   * learns another node's event for its room tail). The live frame has every field a member
   * sees; a notice's author comes back without an avatar, exactly as it is sent.
   */
  public static Event liveEvent(byte[] frame) {
    JsonNode e = MAPPER.readTree(frame);
    return event(e, e.path("room").asString());
  }

  /** One archived event back into a value; the inverse of {@link WireJson#writeArchived}. */
  static Event event(JsonNode e, String room) {
    if (!room.equals(e.path("room").asString())) throw bad("an event of another room: " + e.path("room").asString());
    long seq = e.path("seq").asLong();
    long ts = e.path("ts").asLong();
    if (seq < 1) throw bad("an event without a seq");
    switch (e.path("type").asString()) {
      case "notice" -> {
        return new Notice(room, seq, ts, Notice.Kind.fromWire(e.path("event").asString()), profile(e.path("user")));
      }
      case "message" -> {
        JsonNode img = e.get("image");
        Image image = img == null ? null
            : new Image(text(img, "url"), text(img, "name"), intOrNull(img, "width"), intOrNull(img, "height"));
        Map<String, List<String>> reactions = new LinkedHashMap<>();
        JsonNode r = e.get("reactions");
        if (r != null) {
          for (Map.Entry<String, JsonNode> x : r.properties()) {
            List<String> users = new ArrayList<>();
            for (JsonNode u : x.getValue()) users.add(u.asString());
            reactions.put(x.getKey(), List.copyOf(users));
          }
        }
        Long edited = e.has("edited") ? e.get("edited").asLong() : null;
        return new Message(room, seq, text(e, "id"), profile(e.path("from")), ts, text(e, "text"), image, edited,
            e.path("deleted").asBoolean(false), Collections.unmodifiableMap(reactions), e.path("rev").asLong(0));
      }
      default -> throw bad("an event of unknown type " + e.path("type").asString());
    }
  }

  private static Profile profile(JsonNode p) {
    return new Profile(text(p, "id"), text(p, "nick"), text(p, "avatar"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }

  private static Integer intOrNull(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asInt();
  }

  private static IllegalArgumentException bad(String why) {
    return new IllegalArgumentException("not a Parley room export: " + why);
  }
}
