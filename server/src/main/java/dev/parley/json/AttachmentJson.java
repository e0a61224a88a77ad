package dev.parley.json;

import dev.parley.domain.Attachment;
import dev.parley.domain.Image;
import dev.parley.domain.LinkPreview;
import tools.jackson.core.JsonGenerator;

/** What a message carries besides its text, on the wire: an image, a file, a link's preview. */
final class AttachmentJson {
  private AttachmentJson() {}

  static void image(JsonGenerator g, Image image) {
    g.writeName("image");
    g.writeStartObject();
    g.writeStringProperty("url", image.url());
    if (image.name() != null) g.writeStringProperty("name", image.name());
    if (image.width() != null) g.writeNumberProperty("width", image.width());
    if (image.height() != null) g.writeNumberProperty("height", image.height());
    g.writeEndObject();
  }

  static void file(JsonGenerator g, Attachment file) {
    g.writeName("file");
    g.writeStartObject();
    g.writeStringProperty("url", file.url());
    if (file.name() != null) g.writeStringProperty("name", file.name());
    if (file.size() != null) g.writeNumberProperty("size", file.size());
    if (file.type() != null) g.writeStringProperty("type", file.type());
    if (file.duration() != null) g.writeNumberProperty("duration", file.duration());
    g.writeEndObject();
  }

  /** {@code preview}: {url, title, description?, image?}, each plain text. */
  static void preview(JsonGenerator g, LinkPreview p) {
    g.writeName("preview");
    g.writeStartObject();
    g.writeStringProperty("url", p.url());
    g.writeStringProperty("title", p.title());
    if (p.description() != null) g.writeStringProperty("description", p.description());
    if (p.image() != null) g.writeStringProperty("image", p.image());
    g.writeEndObject();
  }
}
