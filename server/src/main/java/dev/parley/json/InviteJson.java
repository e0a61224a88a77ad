package dev.parley.json;

import dev.parley.domain.Out;
import tools.jackson.core.JsonGenerator;

/** The {@code invites} reply on the wire; split from {@link WireJson}, which writes the rest. */
final class InviteJson {
  private InviteJson() {}

  static void roomInvites(JsonGenerator g, Out.RoomInvites f) {
    g.writeStringProperty("type", "invites");
    if (f.ref() != null) g.writeStringProperty("ref", f.ref());
    g.writeStringProperty("room", f.room());
    g.writeName("invites");
    g.writeStartArray();
    for (Out.InviteView i : f.invites()) {
      g.writeStartObject();
      g.writeStringProperty("id", i.id());
      g.writeStringProperty("createdBy", i.createdBy());
      g.writeNumberProperty("created", i.created());
      g.writeNumberProperty("expires", i.expires());
      g.writeNumberProperty("uses", i.uses());
      g.writeNumberProperty("usesLeft", i.usesLeft());
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
