package dev.parley.json;

import dev.parley.domain.Out;
import tools.jackson.core.JsonGenerator;

/** The administrators' frames on the wire; split from {@link WireJson}, which writes the rest. */
final class AdminJson {
  private AdminJson() {}

  static void adminUsers(JsonGenerator g, Out.AdminUsers f) {
    g.writeStringProperty("type", "admin_users");
    if (f.ref() != null) g.writeStringProperty("ref", f.ref());
    g.writeName("users");
    g.writeStartArray();
    for (Out.AdminUserView u : f.users()) user(g, u);
    g.writeEndArray();
    g.writeBooleanProperty("more", f.more());
    if (f.next() != null) g.writeStringProperty("next", f.next());
  }

  private static void user(JsonGenerator g, Out.AdminUserView u) {
    g.writeStartObject();
    g.writeStringProperty("id", u.id());
    g.writeStringProperty("nick", u.nick());
    if (u.avatar() != null) g.writeStringProperty("avatar", u.avatar());
    g.writeStringProperty("status", u.status().wire());
    g.writeNumberProperty("created", u.created());
    g.writeNumberProperty("lastSeen", u.lastSeen());
    g.writeBooleanProperty("protected", u.isProtected());
    g.writeBooleanProperty("banned", u.banned());
    if (u.reason() != null) g.writeStringProperty("reason", u.reason());
    if (u.role() != null) g.writeStringProperty("role", u.role());
    g.writeEndObject();
  }
}
