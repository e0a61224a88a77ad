package dev.parley.json;

import dev.parley.domain.AuditEntry;
import dev.parley.domain.Notice;
import dev.parley.domain.Out;
import dev.parley.domain.Profile;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/** Moderation on the wire: notices' detail, {@code moderated}, {@code audit}. */
final class ModerationJson {
  private ModerationJson() {}

  /** The fields a moderation (or pin) notice adds, inside the notice's object. */
  static void detail(JsonGenerator g, Notice.Detail d) {
    if (d.by() != null) person(g, "by", d.by());
    if (d.reason() != null) g.writeStringProperty("reason", d.reason());
    if (d.until() != null) g.writeNumberProperty("until", d.until());
    if (d.role() != null) g.writeStringProperty("role", d.role());
    if (d.topic() != null) g.writeStringProperty("topic", d.topic());
    if (d.readOnly() != null) g.writeBooleanProperty("readOnly", d.readOnly());
    if (d.target() != null) g.writeNumberProperty("target", d.target());
    if (d.on() != null) g.writeBooleanProperty("on", d.on());
  }

  static void moderated(JsonGenerator g, Out.Moderated f) {
    g.writeStringProperty("type", "moderated");
    g.writeStringProperty("room", f.room());
    g.writeStringProperty("action", f.action());
    person(g, "by", f.by());
    if (f.reason() != null) g.writeStringProperty("reason", f.reason());
    if (f.until() != null) g.writeNumberProperty("until", f.until());
  }

  static void audit(JsonGenerator g, Out.Audit f) {
    g.writeStringProperty("type", "audit");
    if (f.ref() != null) g.writeStringProperty("ref", f.ref());
    g.writeName("entries");
    g.writeStartArray();
    for (AuditEntry e : f.entries()) {
      g.writeStartObject();
      g.writeNumberProperty("ts", e.ts());
      person(g, "actor", e.actor());
      g.writeStringProperty("action", e.action());
      if (e.room() != null) g.writeStringProperty("room", e.room());
      if (e.user() != null) person(g, "user", e.user());
      if (e.reason() != null) g.writeStringProperty("reason", e.reason());
      if (e.detail() != null) g.writeStringProperty("detail", e.detail());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeBooleanProperty("more", f.more());
  }

  static void sanctions(JsonGenerator g, Out.Sanctions f) {
    g.writeStringProperty("type", "sanctions");
    if (f.ref() != null) g.writeStringProperty("ref", f.ref());
    g.writeStringProperty("room", f.room());
    sanctionList(g, "bans", f.bans());
    sanctionList(g, "mutes", f.mutes());
  }

  private static void sanctionList(JsonGenerator g, String name, List<Out.SanctionView> list) {
    g.writeName(name);
    g.writeStartArray();
    for (Out.SanctionView s : list) {
      g.writeStartObject();
      person(g, "user", s.user());
      person(g, "by", s.by());
      if (s.reason() != null) g.writeStringProperty("reason", s.reason());
      g.writeNumberProperty("ts", s.ts());
      if (s.until() != null) g.writeNumberProperty("until", s.until());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void person(JsonGenerator g, String name, Profile p) {
    g.writeName(name);
    g.writeStartObject();
    g.writeStringProperty("id", p.id());
    g.writeStringProperty("nick", p.nick());
    g.writeEndObject();
  }
}
