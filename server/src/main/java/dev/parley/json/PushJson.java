package dev.parley.json;

import dev.parley.domain.PushNote;
import java.io.ByteArrayOutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * What a Web Push carries, encrypted to the device (the push service sees none of it): {@code
 * {room, label, seq, from, text, reason}} (protocol.md, "Web Push"), well under the 4 KiB a push
 * service takes.
 */
public final class PushJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private PushJson() {}

  public static byte[] payload(PushNote note) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("room", note.room());
      if (note.label() != null) g.writeStringProperty("label", note.label());
      g.writeNumberProperty("seq", note.seq());
      g.writeStringProperty("from", note.from());
      g.writeStringProperty("text", note.excerpt());
      g.writeStringProperty("reason", note.reason());
      g.writeEndObject();
    }
    return out.toByteArray();
  }
}
