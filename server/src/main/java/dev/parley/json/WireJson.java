package dev.parley.json;

import dev.parley.domain.Event;
import dev.parley.domain.Mention;
import dev.parley.domain.Message;
import dev.parley.domain.Notice;
import dev.parley.domain.Out;
import dev.parley.domain.Profile;
import dev.parley.domain.Retention;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes every server frame as the contract spells it, with the streaming generator: no object
 * tree, no reflection, fields in a fixed order. Called once per frame, whatever the number of
 * recipients, so it is on the hot path but not per delivery.
 */
public final class WireJson {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final RosterBytes ROSTER = new RosterBytes(FACTORY);

  private WireJson() {}

  public static byte[] encode(Out frame) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sizeGuess(frame));
    encode(frame, out);
    return out.toByteArray();
  }

  /** Writes the frame's JSON to {@code out} (a socket's buffer: no array of the whole frame). */
  public static void encode(Out frame, OutputStream out) {
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      write(g, frame);
    }
  }

  /** About how many bytes the frame's JSON takes, to size a buffer once instead of doubling it. */
  public static int sizeGuess(Out frame) {
    // a welcome lists everyone online: about a hundred bytes each
    return frame instanceof Out.Welcome w ? 512 + 100 * w.users().size() : 256;
  }

  private static void write(JsonGenerator g, Out frame) {
    g.writeStartObject();
    if (frame instanceof Out.Live f) {
      event(g, f.event());
    } else if (frame instanceof Out.Welcome f) {
      welcome(g, f);
    } else if (frame instanceof Out.Ok f) {
      g.writeStringProperty("type", "ok");
      ref(g, f.ref());
      if (f.room() != null) {
        g.writeName("room");
        roomView(g, f.room());
      }
      if (f.invite() != null) {
        g.writeStringProperty("code", f.invite().code());
        g.writeStringProperty("url", f.invite().url());
        g.writeNumberProperty("expires", f.invite().expires());
      }
    } else if (frame instanceof Out.Error f) {
      g.writeStringProperty("type", "error");
      ref(g, f.ref());
      g.writeStringProperty("code", f.code());
      g.writeStringProperty("message", f.message());
      if (f.retryAfter() != null) g.writeNumberProperty("retryAfter", f.retryAfter());
      if (f.nickProtected()) g.writeBooleanProperty("protected", true);
      if (f.until() != null) g.writeNumberProperty("until", f.until());
      if (f.reason() != null) g.writeStringProperty("reason", f.reason());
      if (f.busy()) g.writeBooleanProperty("busy", true);
    } else if (frame instanceof Out.History f) {
      g.writeStringProperty("type", "history");
      ref(g, f.ref());
      g.writeStringProperty("room", f.room());
      if (f.thread() != null) g.writeNumberProperty("thread", f.thread());
      events(g, f.events());
      g.writeBooleanProperty("more", f.more());
      if (f.target() != null) g.writeNumberProperty("target", f.target());
      authors(g, f.authors());
    } else if (frame instanceof Out.RoomChanged f) {
      g.writeStringProperty("type", "room");
      g.writeStringProperty("name", f.name());
      g.writeStringProperty("topic", f.topic());
      g.writeNumberProperty("members", f.members());
      g.writeNumberProperty("rev", f.rev());
      g.writeNumberProperty("firstSeq", f.firstSeq());
      retention(g, f.retention());
      people(g, f.users());
      if (f.role() != null) g.writeStringProperty("role", f.role());
      g.writeBooleanProperty("readOnly", f.readOnly());
      g.writeBooleanProperty("private", f.isPrivate());
    } else if (frame instanceof Out.Reaction f) {
      g.writeStringProperty("type", "reaction");
      g.writeStringProperty("room", f.room());
      g.writeNumberProperty("seq", f.seq());
      g.writeStringProperty("emoji", f.emoji());
      g.writeName("user");
      profile(g, f.user(), false);
      g.writeBooleanProperty("on", f.on());
      g.writeNumberProperty("rev", f.rev());
    } else if (frame instanceof Out.Changes f) {
      g.writeStringProperty("type", "changes");
      ref(g, f.ref());
      g.writeStringProperty("room", f.room());
      events(g, f.events());
      g.writeNumberProperty("rev", f.rev());
      g.writeBooleanProperty("more", f.more());
    } else if (frame instanceof Out.Users f) {
      g.writeStringProperty("type", "users");
      ref(g, f.ref());
      g.writeName("users");
      g.writeStartArray();
      for (Out.UserView u : f.users()) RosterBytes.userView(g, u);
      g.writeEndArray();
    } else if (frame instanceof Out.Members f) {
      g.writeStringProperty("type", "members");
      ref(g, f.ref());
      g.writeStringProperty("room", f.room());
      g.writeName("members");
      g.writeStartArray();
      for (Out.UserView u : f.members()) RosterBytes.userView(g, u);
      g.writeEndArray();
      g.writeBooleanProperty("more", f.more());
      if (f.next() != null) g.writeStringProperty("next", f.next());
    } else if (frame instanceof Out.AdminUsers f) {
      AdminJson.adminUsers(g, f);
    } else if (frame instanceof Out.RoomInvites f) {
      InviteJson.roomInvites(g, f);
    } else if (BookmarkJson.handles(frame)) {
      BookmarkJson.write(g, frame, WireJson::eventObject);
    } else if (frame instanceof Out.PushKey f) {
      g.writeStringProperty("type", "push_key");
      ref(g, f.ref());
      g.writeStringProperty("key", f.key());
    } else if (frame instanceof Out.Moderated f) {
      ModerationJson.moderated(g, f);
    } else if (frame instanceof Out.Audit f) {
      ModerationJson.audit(g, f);
    } else if (frame instanceof Out.Sanctions f) {
      ModerationJson.sanctions(g, f);
    } else if (frame instanceof Out.Directory f) {
      g.writeStringProperty("type", "directory");
      ref(g, f.ref());
      directory(g, "rooms", f.rooms());
      g.writeBooleanProperty("more", f.more());
      if (f.next() != null) g.writeStringProperty("next", f.next());
    } else if (frame instanceof Out.Presence f) {
      g.writeStringProperty("type", "presence");
      g.writeName("user");
      profile(g, f.user(), true);
      g.writeStringProperty("status", f.status().wire());
    } else if (frame instanceof Out.Typing f) {
      g.writeStringProperty("type", "typing");
      g.writeStringProperty("room", f.room());
      g.writeName("user");
      profile(g, f.user(), false);
    } else if (frame instanceof Out.Read f) {
      g.writeStringProperty("type", "read");
      g.writeStringProperty("room", f.room());
      g.writeNumberProperty("seq", f.seq());
      if (f.back()) g.writeBooleanProperty("back", true);
      if (f.thread() != null) g.writeNumberProperty("thread", f.thread());
    } else if (frame instanceof Out.Batch f) {
      g.writeStringProperty("type", "batch");
      g.writeName("frames");
      g.writeStartArray();
      for (Out inner : f.frames()) write(g, inner);
      g.writeEndArray();
    } else if (frame instanceof Out.Sessions f) {
      g.writeStringProperty("type", "sessions");
      ref(g, f.ref());
      g.writeName("sessions");
      g.writeStartArray();
      for (Out.SessionView v : f.sessions()) {
        g.writeStartObject();
        g.writeStringProperty("id", v.id());
        g.writeNumberProperty("created", v.created());
        g.writeNumberProperty("lastSeen", v.lastSeen());
        if (v.agent() != null) g.writeStringProperty("agent", v.agent());
        g.writeBooleanProperty("current", v.current());
        g.writeEndObject();
      }
      g.writeEndArray();
    } else if (frame instanceof Out.Strength f) {
      g.writeStringProperty("type", "strength");
      ref(g, f.ref());
      g.writeNumberProperty("score", f.score());
      g.writeBooleanProperty("weak", f.weak());
    } else if (frame instanceof Out.Link f) {
      g.writeStringProperty("type", "link");
      ref(g, f.ref());
      g.writeStringProperty("code", f.code());
      g.writeNumberProperty("expires", f.expires());
    } else if (frame instanceof Out.Pong f) {
      g.writeStringProperty("type", "pong");
      ref(g, f.ref());
    } else {
      throw new IllegalStateException(
          "no encoding for the frame " + frame.getClass().getSimpleName());
    }
    g.writeEndObject();
  }

  /**
   * One event as a whole object, with every field the store keeps (a notice's author avatar too):
   * the unit of a room export, which must read back into exactly the same event.
   */
  public static void writeArchived(JsonGenerator g, Event event) {
    g.writeStartObject();
    event(g, event, true);
    g.writeEndObject();
  }

  private static void event(JsonGenerator g, Event event) {
    event(g, event, false);
  }

  /** The fields of a message or notice, inside an object the caller opened. */
  private static void event(JsonGenerator g, Event event, boolean complete) {
    if (event instanceof Message m) {
      g.writeStringProperty("type", "message");
      g.writeStringProperty("room", m.room());
      g.writeNumberProperty("seq", m.seq());
      g.writeStringProperty("id", m.id());
      g.writeName("from");
      profile(g, m.from(), true);
      g.writeNumberProperty("ts", m.ts());
      if (m.deleted()) {
        g.writeBooleanProperty("deleted", true);
      } else {
        if (m.text() != null) g.writeStringProperty("text", m.text());
        if (m.image() != null) AttachmentJson.image(g, m.image());
        if (m.file() != null) AttachmentJson.file(g, m.file());
        if (!m.mentions().isEmpty()) mentions(g, m.mentions());
        if (m.preview() != null) AttachmentJson.preview(g, m.preview());
        if (m.conversation().reply() != null) ConversationJson.reply(g, m.conversation().reply());
      }
      ConversationJson.thread(g, m.conversation());
      if (m.deletedBy() != null) {
        g.writeName("deletedBy");
        profile(g, m.deletedBy(), false);
      }
      if (m.edited() != null) g.writeNumberProperty("edited", m.edited());
      if (!m.reactions().isEmpty()) reactions(g, m.reactions());
      if (m.rev() > 0) g.writeNumberProperty("rev", m.rev());
    } else if (event instanceof Notice n) {
      g.writeStringProperty("type", "notice");
      g.writeStringProperty("room", n.room());
      g.writeNumberProperty("seq", n.seq());
      g.writeNumberProperty("ts", n.ts());
      g.writeStringProperty("event", n.event().wire());
      g.writeName("user");
      profile(g, n.user(), complete);
      if (n.detail() != null) ModerationJson.detail(g, n.detail());
    } else {
      throw new IllegalStateException(
          "no encoding for the event " + event.getClass().getSimpleName());
    }
  }

  private static void welcome(JsonGenerator g, Out.Welcome f) {
    g.writeStringProperty("type", "welcome");
    ref(g, f.ref());
    g.writeName("user");
    profile(g, f.user(), true, f.role(), f.userProtected());
    g.writeStringProperty("token", f.token());
    if (f.session() != null) g.writeStringProperty("session", f.session());
    g.writeName("rooms");
    g.writeStartArray();
    for (Out.RoomView r : f.rooms()) roomView(g, r);
    g.writeEndArray();
    directory(g, "directory", f.directory());
    if (f.directoryMore()) {
      g.writeBooleanProperty("directoryMore", true);
      g.writeStringProperty("directoryNext", f.directoryNext());
    }
    g.writeName("users");
    g.writeStartArray();
    if (f.users() instanceof Out.Roster roster
        && g.streamWriteOutputTarget() instanceof OutputStream out) {
      g.flush();
      ROSTER.write(roster, out);
    } else {
      for (Out.UserView u : f.users()) RosterBytes.userView(g, u);
    }
    g.writeEndArray();
    g.writeName("server");
    g.writeStartObject();
    g.writeStringProperty("version", f.version());
    g.writeName("limits");
    g.writeStartObject();
    Out.Limits l = f.limits();
    g.writeNumberProperty("text", l.text());
    g.writeNumberProperty("upload", l.upload());
    g.writeNumberProperty("rate", l.rate());
    g.writeNumberProperty("burst", l.burst());
    g.writeNumberProperty("frame", l.frame());
    g.writeEndObject();
    if (f.retention() != null && !f.retention().keepsAll()) retention(g, f.retention());
    g.writeEndObject();
  }

  private static void directory(JsonGenerator g, String name, List<Out.DirectoryEntry> rooms) {
    g.writeName(name);
    g.writeStartArray();
    for (Out.DirectoryEntry d : rooms) {
      g.writeStartObject();
      g.writeStringProperty("name", d.name());
      g.writeStringProperty("topic", d.topic());
      g.writeNumberProperty("members", d.members());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void roomView(JsonGenerator g, Out.RoomView r) {
    g.writeStartObject();
    g.writeStringProperty("name", r.name());
    g.writeStringProperty("topic", r.topic());
    g.writeNumberProperty("members", r.members());
    g.writeNumberProperty("lastSeq", r.lastSeq());
    g.writeNumberProperty("readSeq", r.readSeq());
    g.writeNumberProperty("rev", r.rev());
    g.writeNumberProperty("firstSeq", r.firstSeq());
    g.writeBooleanProperty("private", r.isPrivate());
    retention(g, r.retention());
    if (r.createdBy() != null) g.writeStringProperty("createdBy", r.createdBy());
    people(g, r.users());
    if (r.role() != null) g.writeStringProperty("role", r.role());
    g.writeBooleanProperty("readOnly", r.readOnly());
    g.writeBooleanProperty("private", r.isPrivate());
    if (r.notifyLevel() != null) g.writeStringProperty("notify", r.notifyLevel());
    g.writeEndObject();
  }

  /** A retention policy as {@code {"days": n|null, "count": n|null}}; nothing when null. */
  private static void retention(JsonGenerator g, Retention policy) {
    if (policy == null) return;
    g.writeName("retention");
    g.writeStartObject();
    g.writeName("days");
    if (policy.days() == null) g.writeNull();
    else g.writeNumber(policy.days());
    g.writeName("count");
    if (policy.count() == null) g.writeNull();
    else g.writeNumber(policy.count());
    g.writeEndObject();
  }

  /** The two people of a direct conversation; nothing for a public room. */
  private static void people(JsonGenerator g, List<Profile> users) {
    if (users == null) return;
    g.writeName("users");
    g.writeStartArray();
    for (Profile p : users) profile(g, p, true);
    g.writeEndArray();
  }

  private static void eventObject(JsonGenerator g, Event e) {
    g.writeStartObject();
    event(g, e);
    g.writeEndObject();
  }

  private static void events(JsonGenerator g, List<Event> events) {
    g.writeName("events");
    g.writeStartArray();
    for (Event e : events) {
      g.writeStartObject();
      event(g, e);
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void profile(JsonGenerator g, Profile p, boolean withAvatar) {
    profile(g, p, withAvatar, null, null);
  }

  /**
   * With {@code role} (null: none) and {@code isProtected} (null: not said), as {@code
   * welcome.user} carries them.
   */
  private static void profile(
      JsonGenerator g, Profile p, boolean withAvatar, String role, Boolean isProtected) {
    g.writeStartObject();
    g.writeStringProperty("id", p.id());
    g.writeStringProperty("nick", p.nick());
    if (withAvatar && p.avatar() != null) g.writeStringProperty("avatar", p.avatar());
    if (isProtected != null) g.writeBooleanProperty("protected", isProtected);
    if (role != null) g.writeStringProperty("role", role);
    g.writeEndObject();
  }

  private static void authors(JsonGenerator g, List<Profile> authors) {
    if (authors.isEmpty()) return;
    g.writeName("authors");
    g.writeStartArray();
    for (Profile p : authors) profile(g, p, true);
    g.writeEndArray();
  }

  private static void mentions(JsonGenerator g, List<Mention> mentions) {
    g.writeName("mentions");
    g.writeStartArray();
    for (Mention m : mentions) {
      g.writeStartObject();
      g.writeStringProperty("id", m.id());
      g.writeStringProperty("nick", m.nick());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void reactions(JsonGenerator g, Map<String, List<String>> reactions) {
    g.writeName("reactions");
    g.writeStartObject();
    for (Map.Entry<String, List<String>> e : reactions.entrySet()) {
      g.writeName(e.getKey());
      g.writeStartArray();
      for (String user : e.getValue()) g.writeString(user);
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void ref(JsonGenerator g, String ref) {
    if (ref != null) g.writeStringProperty("ref", ref);
  }
}
