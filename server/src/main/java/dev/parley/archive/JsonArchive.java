package dev.parley.archive;

import dev.parley.domain.Attachment;
import dev.parley.domain.Conversation;
import dev.parley.domain.Conversations;
import dev.parley.domain.Event;
import dev.parley.domain.Image;
import dev.parley.domain.LinkPreview;
import dev.parley.domain.Mention;
import dev.parley.domain.Message;
import dev.parley.domain.Names;
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
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lossless export: a header with the room, then one event per line, each exactly as the store
 * keeps it (seq, rev, edits, deletions, reactions in order, authors' names and avatars as they
 * were). Streamed both ways, so a room of a million events is written and read in bounded memory.
 * Fields are written in a fixed order, so exporting what was imported gives the same bytes.
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
    out.write(
        ("{\"format\":\"" + FORMAT + "\",\"version\":" + VERSION + ",\"room\":")
            .getBytes(StandardCharsets.UTF_8));
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), new Unclosed(out))) {
      g.writeStartObject();
      g.writeStringProperty("name", room.name());
      g.writeStringProperty("topic", room.topic());
      if (room.createdBy() != null) g.writeStringProperty("createdBy", room.createdBy());
      g.writeNumberProperty("createdTs", room.createdTs());
      g.writeNumberProperty("lastSeq", room.lastSeq());
      g.writeNumberProperty("rev", room.lastRev());
      if (room.isPrivate()) g.writeBooleanProperty("private", true);
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

  /**
   * What reading an export finds: the room, then each event in turn, each with the line it starts
   * on.
   */
  public interface Reader {
    void room(Snapshot.RoomRow room, int line);

    void event(Event event, int line);

    /** After the last event; {@code line} is where the list of events ends. */
    default void end(int line) {}
  }

  /**
   * Reads an export, handing over the room and then each event as it is parsed. Strict: every field
   * has its kind (a seq is a whole number, a text a string), the format and version are stated
   * before the room, and the room and its events come once each.
   *
   * @throws ImportRefused when the input is not a Parley room export of this version, naming the
   *     line; also whatever the reader throws
   */
  public static void read(InputStream in, Reader reader) throws IOException {
    JsonParser p = null;
    try (JsonParser parser = MAPPER.createParser(in)) {
      p = parser;
      if (p.nextToken() != JsonToken.START_OBJECT)
        throw bad("it does not start with a JSON object");
      boolean sawFormat = false;
      boolean sawVersion = false;
      String room = null;
      boolean sawEvents = false;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        int line = line(p);
        switch (name) {
          case "format" -> {
            if (t != JsonToken.VALUE_STRING || !FORMAT.equals(p.getString()))
              throw bad("its format is not " + FORMAT);
            sawFormat = true;
          }
          case "version" -> {
            if (t != JsonToken.VALUE_NUMBER_INT || p.getLongValue() != VERSION)
              throw bad("its version is " + p.getString() + ", not " + VERSION);
            sawVersion = true;
          }
          case "room" -> {
            if (!sawFormat || !sawVersion)
              throw bad(
                  "its format and version ("
                      + FORMAT
                      + ", "
                      + VERSION
                      + ") do not come before its room");
            if (room != null) throw bad("it names a second room");
            if (t != JsonToken.START_OBJECT) throw bad("'room' is not an object");
            JsonNode r = p.readValueAsTree();
            room = string(r, "name");
            if (room == null) throw bad("its room has no name");
            reader.room(
                new Snapshot.RoomRow(
                    room,
                    r.has("topic") ? string(r, "topic") : "",
                    string(r, "createdBy"),
                    number(r, "createdTs"),
                    number(r, "lastSeq"),
                    number(r, "rev"),
                    1,
                    null,
                    r.path("private").asBoolean(false)),
                line);
          }
          case "events" -> {
            if (room == null) throw bad("its events come before its room");
            if (sawEvents) throw bad("it has a second list of events");
            if (t != JsonToken.START_ARRAY) throw bad("'events' is not a list");
            sawEvents = true;
            while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
              int at = line(p);
              JsonNode e = p.readValueAsTree();
              Event event;
              try {
                event = event(e, room);
              } catch (ImportRefused refused) {
                throw refused;
              } catch (IllegalArgumentException why) {
                throw new ImportRefused(at, why.getMessage());
              }
              reader.event(event, at);
            }
            if (t != JsonToken.END_ARRAY) throw bad("an event is not an object");
            reader.end(line(p));
          }
          default -> p.skipChildren();
        }
      }
      if (room == null) throw bad("it names no room");
      if (!sawEvents) throw bad("it has no 'events'");
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null)
        throw bad("it does not end where its object ends");
    } catch (ImportRefused refused) {
      throw refused;
    } catch (JacksonException e) {
      int line = e.getLocation() == null ? (p == null ? 1 : line(p)) : e.getLocation().getLineNr();
      throw new ImportRefused(line, "not JSON: " + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw new ImportRefused(p == null ? 1 : line(p), e.getMessage());
    }
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  /**
   * A live {@code message} or {@code notice} frame back into its event (how a cluster node learns
   * another node's event for its room tail). The live frame has every field a member sees; a
   * notice's author comes back without an avatar, exactly as it is sent.
   */
  public static Event liveEvent(byte[] frame) {
    JsonNode e = MAPPER.readTree(frame);
    return event(e, e.path("room").asString());
  }

  /**
   * One archived event back into a value; the inverse of {@link WireJson#writeArchived}.
   *
   * @throws IllegalArgumentException naming the field that is missing or of the wrong kind
   */
  static Event event(JsonNode e, String room) {
    String type = string(e, "type");
    if (!room.equals(string(e, "room")))
      throw new IllegalArgumentException("an event of another room: " + string(e, "room"));
    long seq = number(e, "seq");
    long ts = number(e, "ts");
    if ("notice".equals(type)) {
      String kind = string(e, "event");
      Notice.Kind k;
      try {
        k = Notice.Kind.fromWire(kind);
      } catch (IllegalArgumentException unknown) {
        throw new IllegalArgumentException("a notice of unknown kind " + kind);
      }
      return new Notice(room, seq, ts, k, profile(e, "user"), detail(e));
    }
    if (!"message".equals(type))
      throw new IllegalArgumentException("an event of unknown type " + type);
    JsonNode img = object(e, "image");
    Image image =
        img == null
            ? null
            : new Image(
                string(img, "url"),
                string(img, "name"),
                intOrNull(img, "width"),
                intOrNull(img, "height"));
    Map<String, List<String>> reactions = new LinkedHashMap<>();
    JsonNode r = object(e, "reactions");
    if (r != null) {
      for (Map.Entry<String, JsonNode> x : r.properties()) {
        if (!x.getValue().isArray())
          throw new IllegalArgumentException(
              "the users of the reaction " + x.getKey() + " are not a list");
        List<String> users = new ArrayList<>();
        for (JsonNode u : x.getValue()) {
          if (!u.isString())
            throw new IllegalArgumentException(
                "a user of the reaction " + x.getKey() + " is not an id");
          users.add(u.asString());
        }
        reactions.put(x.getKey(), List.copyOf(users));
      }
    }
    Long edited = e.hasNonNull("edited") ? number(e, "edited") : null;
    List<Mention> mentions = new ArrayList<>();
    JsonNode ms = e.get("mentions");
    if (ms != null && !ms.isNull()) {
      if (!ms.isArray()) throw new IllegalArgumentException("'mentions' is not a list");
      for (JsonNode m : ms) {
        if (!m.isObject()) throw new IllegalArgumentException("a mention is not an object");
        mentions.add(new Mention(string(m, "id"), string(m, "nick")));
      }
    }
    JsonNode deleted = e.get("deleted");
    if (deleted != null && !deleted.isBoolean())
      throw new IllegalArgumentException("'deleted' is not true or false");
    return new Message(
        room,
        seq,
        string(e, "id"),
        profile(e, "from"),
        ts,
        string(e, "text"),
        image,
        edited,
        deleted != null && deleted.asBoolean(),
        Collections.unmodifiableMap(reactions),
        e.hasNonNull("rev") ? number(e, "rev") : 0,
        mentions,
        object(e, "deletedBy") == null ? null : profile(e, "deletedBy"),
        file(object(e, "file")),
        preview(object(e, "preview")),
        conversation(e));
  }

  /** A message's {@code preview}, or null without one. */
  private static LinkPreview preview(JsonNode p) {
    if (p == null) return null;
    String url = string(p, "url"), title = string(p, "title");
    if (url == null || title == null)
      throw new IllegalArgumentException("a preview needs a 'url' and a 'title'");
    return new LinkPreview(url, title, string(p, "description"), string(p, "image"));
  }

  /** A message's {@code file} {url, name, size, type, duration?}, or null. */
  private static Attachment file(JsonNode f) {
    if (f == null) return null;
    JsonNode size = f.get("size");
    return new Attachment(
        string(f, "url"),
        string(f, "name"),
        size == null || size.isNull() ? null : number(f, "size"),
        string(f, "type"),
        intOrNull(f, "duration"));
  }

  /** A message's reply, thread and replies ({@code ConversationJson} wrote them). */
  private static Conversation conversation(JsonNode e) {
    JsonNode r = object(e, "reply");
    Conversation.Reply reply = null;
    if (r != null) {
      JsonNode from = object(r, "from");
      reply =
          new Conversation.Reply(
              number(r, "seq"),
              from == null ? null : new Profile(string(from, "id"), string(from, "nick"), null),
              string(r, "excerpt") == null ? "" : string(r, "excerpt"),
              string(r, "kind"));
      if (reply.kind() != null && !Conversation.Reply.KINDS.contains(reply.kind()))
        throw new IllegalArgumentException(
            "a reply's kind is not one of " + Conversation.Reply.KINDS);
      String excerpt = reply.excerpt();
      if (excerpt.codePointCount(0, excerpt.length()) > Conversations.EXCERPT)
        throw new IllegalArgumentException(
            "a reply's excerpt is over " + Conversations.EXCERPT + " characters");
    }
    Long thread = e.hasNonNull("thread") ? number(e, "thread") : null;
    JsonNode also = e.get("alsoInRoom");
    if (also != null && !also.isNull() && !also.isBoolean())
      throw new IllegalArgumentException("'alsoInRoom' is not true or false");
    JsonNode rs = object(e, "replies");
    Conversation.Replies replies = null;
    if (rs != null) {
      JsonNode users = rs.get("users");
      List<String> ids = new ArrayList<>();
      if (users != null && !users.isNull()) {
        if (!users.isArray()) throw new IllegalArgumentException("'users' is not a list");
        for (JsonNode u : users) {
          if (!u.isString() || !Names.isUserId(u.asString()))
            throw new IllegalArgumentException("a user of 'replies' is not an id");
          if (ids.size() < Conversations.MAX_USERS) ids.add(u.asString());
        }
      }
      long count = number(rs, "count");
      if (count < 0 || count > Integer.MAX_VALUE)
        throw new IllegalArgumentException("'count' of 'replies' is out of range");
      replies = new Conversation.Replies((int) count, number(rs, "lastTs"), ids);
    }
    if (reply == null && thread == null && replies == null) return Conversation.NONE;
    return new Conversation(reply, thread, also != null && also.asBoolean(), replies);
  }

  /** True, false, or null when absent; anything else is refused. */
  private static Boolean bool(JsonNode e, String field) {
    JsonNode v = e.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isBoolean()) throw new IllegalArgumentException("'" + field + "' is not true or false");
    return v.asBoolean();
  }

  /**
   * A moderation or pin notice's detail ({@code by}, {@code reason} ..., {@code target}, {@code
   * on}), or null when it has none.
   */
  private static Notice.Detail detail(JsonNode e) {
    JsonNode readOnly = e.get("readOnly");
    if (readOnly != null && !readOnly.isNull() && !readOnly.isBoolean())
      throw new IllegalArgumentException("'readOnly' is not true or false");
    Notice.Detail d =
        new Notice.Detail(
            object(e, "by") == null ? null : profile(e, "by"),
            string(e, "reason"),
            e.hasNonNull("until") ? number(e, "until") : null,
            string(e, "role"),
            string(e, "topic"),
            readOnly == null || readOnly.isNull() ? null : readOnly.asBoolean(),
            e.hasNonNull("target") ? number(e, "target") : null,
            bool(e, "on"));
    return d.equals(new Notice.Detail(null, null, null, null, null, null)) ? null : d;
  }

  private static Profile profile(JsonNode e, String field) {
    JsonNode p = object(e, field);
    if (p == null) throw new IllegalArgumentException("'" + field + "' is missing");
    return new Profile(string(p, "id"), string(p, "nick"), string(p, "avatar"));
  }

  private static JsonNode object(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isObject()) throw new IllegalArgumentException("'" + field + "' is not an object");
    return v;
  }

  private static String string(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isString()) throw new IllegalArgumentException("'" + field + "' is not a string");
    return v.asString();
  }

  private static long number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) throw new IllegalArgumentException("'" + field + "' is missing");
    if (!v.isIntegralNumber() || !v.canConvertToLong())
      throw new IllegalArgumentException("'" + field + "' is not a whole number");
    return v.asLong();
  }

  private static Integer intOrNull(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isIntegralNumber() || !v.canConvertToInt())
      throw new IllegalArgumentException("'" + field + "' is not a whole number");
    return v.asInt();
  }

  private static IllegalArgumentException bad(String why) {
    return new IllegalArgumentException("not a Parley room export: " + why);
  }
}
